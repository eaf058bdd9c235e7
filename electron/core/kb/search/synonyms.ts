/**
 * The words a school district's staff use for the same thing when they call the help desk. Data,
 * not code: knowledge-search reads it through `synonymsOf` and `expansionOf` only.
 *
 * A set is symmetric: a query word found in it also searches every other member, at a lower
 * weight than the word itself (the caller's own word is the better evidence). A member of two or
 * more words is a phrase ("wi fi" also finds "Wi-Fi"); typed as two words it is recognised too.
 * Keep a set to words that really name one thing at a desk: a loose set ("screen" with "display"
 * and "monitor") lifts every article that mentions any of them.
 */
export const SYNONYM_SETS: readonly (readonly string[])[] = [
  // Networks
  ['wifi', 'wi fi', 'wireless', 'wlan', 'ssid'],
  ['internet', 'web', 'online'],
  ['ethernet', 'wired', 'lan', 'network cable', 'patch cable'],
  ['jack', 'wall jack', 'port', 'outlet'],
  ['offline', 'disconnected', 'disconnects'],
  ['slow', 'sluggish', 'crawling', 'laggy', 'lag', 'lagging'],
  ['cert', 'certificate'],
  // Accounts
  ['login', 'log in', 'log into', 'logon', 'signin', 'sign in', 'sign into', 'logging'],
  ['password', 'passcode', 'passphrase'],
  ['locked', 'lockout', 'locked out', 'blocked'],
  ['mfa', '2fa', 'two factor', 'multifactor', 'multi factor', 'authenticator', 'verification code'],
  ['account', 'username', 'user id'],
  ['disabled', 'deactivated', 'inactive', 'expired'],
  ['substitute', 'long term sub'],
  ['paraprofessional', 'aide'],
  // Devices
  ['chromebook', 'chromebooks', 'student device'],
  ['laptop', 'notebook', 'chromebook'],
  ['computer', 'pc', 'desktop', 'workstation', 'tower'],
  ['monitor', 'second screen', 'external display', 'dual monitor'],
  ['screen', 'display', 'lcd'],
  ['keyboard', 'keys'],
  ['mouse', 'mice', 'trackpad', 'touchpad'],
  ['cordless', 'wireless', 'bluetooth'],
  ['charger', 'charging', 'power adapter', 'power cord'],
  ['cart', 'charging cart', 'cabinet', 'charging cabinet'],
  ['broken', 'cracked', 'shattered', 'smashed', 'damaged'],
  ['restart', 'reboot', 'restarting', 'rebooting', 'boot loop', 'bootloop'],
  ['boot', 'booting', 'startup'],
  ['frozen', 'freezes', 'freeze', 'hung', 'hangs', 'unresponsive'],
  ['tablet', 'ipad'],
  ['cell', 'cellphone', 'mobile', 'smartphone', 'iphone', 'android'],
  // Classroom audio and video
  ['projector', 'beamer', 'projection'],
  ['smartboard', 'smart board', 'interactive whiteboard', 'interactive display', 'interactive panel', 'activpanel', 'promethean', 'flat panel'],
  ['touchscreen', 'touch screen', 'touch'],
  ['document camera', 'visualizer'],
  ['camera', 'cam', 'cctv', 'security camera', 'webcam'],
  ['audio', 'sound', 'speakers', 'speaker', 'volume'],
  ['microphone', 'mic', 'headset'],
  ['echo', 'feedback'],
  ['orange', 'amber'],
  ['blinking', 'flashing', 'blinks', 'flashes'],
  ['yellow', 'yellowish', 'discolored', 'tinted'],
  ['faded', 'washed out', 'dim', 'dull'],
  // Email, calendar, phones
  ['email', 'e mail', 'mail', 'gmail', 'outlook', 'inbox'],
  ['spam', 'junk', 'junk mail'],
  ['phishing', 'phish', 'scam', 'suspicious', 'fake', 'spoofed', 'sketchy'],
  ['invite', 'invitation', 'meeting request'],
  ['meeting', 'appointment'],
  ['shared mailbox', 'group mailbox', 'shared inbox', 'department mailbox'],
  ['phone', 'telephone', 'desk phone', 'handset', 'voip'],
  ['voicemail', 'voice mail'],
  ['outside', 'outbound', 'external'],
  // Printing
  ['printer', 'printers', 'printing', 'print', 'printout', 'printouts', 'copier', 'mfp'],
  ['jam', 'jams', 'jammed', 'paper jam', 'crumples'],
  ['streak', 'streaks', 'stripe', 'stripes', 'line', 'lines', 'smudge', 'smudgy', 'smear'],
  ['toner', 'ink', 'cartridge'],
  ['queue', 'print queue', 'spooler'],
  // Buildings and safety
  ['badge', 'badges', 'id card', 'key card', 'keycard', 'fob'],
  ['door', 'entrance', 'entry'],
  // Software and the student information system
  ['software', 'program', 'app', 'application'],
  ['install', 'installed', 'installation', 'deploy'],
  ['license', 'licence', 'subscription', 'activation'],
  ['powerschool', 'sis', 'student information system'],
  ['powerteacher', 'powerteacher pro'],
  ['gradebook', 'grade book', 'grades'],
  ['report card', 'report cards', 'grade card', 'grade cards', 'progress report'],
  ['roster', 'class list', 'class roster'],
  ['student', 'students', 'kid', 'kids', 'pupil', 'child'],
  ['teacher', 'teachers', 'instructor', 'faculty'],
  ['zoom', 'google meet', 'microsoft teams', 'video call', 'video conference'],
  ['testing', 'assessment', 'exam'],
];

/**
 * Shorthand that stands for words (one way: "pw" searches "password", "password" does not search
 * "pw"). Applied before anything else, so the words it stands for are corrected, completed and
 * given their synonyms like typed words.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  pw: 'password',
  pwd: 'password',
  passwd: 'password',
  acct: 'account',
  cb: 'chromebook',
  chromebk: 'chromebook',
  kb: 'keyboard',
  vm: 'voicemail',
  mtg: 'meeting',
  ps: 'powerschool',
  ptp: 'powerteacher',
  elmo: 'document camera',
  doccam: 'document camera',
  'doc cam': 'document camera',
  sub: 'substitute',
  para: 'paraprofessional',
  ext: 'extension',
  msg: 'message',
  msgs: 'messages',
  pic: 'picture',
  pics: 'pictures',
  prntr: 'printer',
  wrkstn: 'workstation',
  dept: 'department',
  depts: 'departments',
  // Brand names said for the device
  xerox: 'copier',
};

/** A term as words: "wi fi" → ['wi', 'fi']. */
export type Phrase = readonly string[];

const bySet = new Map<string, Set<string>>();
for (const set of SYNONYM_SETS) {
  for (const term of set) {
    const others = bySet.get(term) ?? new Set<string>();
    for (const other of set) if (other !== term) others.add(other);
    bySet.set(term, others);
  }
}

/** Longest term (in words) that either table knows: how far ahead the query reader looks. */
export const LONGEST_TERM = Math.max(...[...bySet.keys(), ...Object.keys(ABBREVIATIONS)].map((t) => t.split(' ').length));

/** The other members of every set the term is in (the term itself excluded). */
export function synonymsOf(term: string): string[] {
  return [...(bySet.get(term) ?? [])];
}

/** Whether a run of words ("smart board") is a term of its own in the tables. */
export function isKnownTerm(term: string): boolean {
  return bySet.has(term) || term in ABBREVIATIONS;
}

/** What shorthand stands for ("pw" → "password"), or the term itself. */
export function expansionOf(term: string): string {
  return ABBREVIATIONS[term] ?? term;
}
