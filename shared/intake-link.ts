/**
 * The address a softphone opens when a call rings: `deskwatch://intake?phone=+15735550123` (the
 * desktop app's protocol handler) or `#/intake?phone=…` (a console in a browser). Anything a
 * program on the computer can launch reaches this parser, so it is strict: one host, one
 * parameter, a short phone number of digits and the usual punctuation, nothing else. Pure: used
 * by the desktop shell (main process), the console and the tests.
 */

export const INTAKE_LINK_SCHEME = 'deskwatch';
/** The longest address taken at all, and the longest phone number as typed (E.164 has 15 digits, plus punctuation). */
export const INTAKE_LINK_MAX_LENGTH = 200;
export const INTAKE_PHONE_MAX_LENGTH = 32;

export type PhoneCheck = { ok: true; phone: string } | { ok: false; reason: string };
export type IntakeLinkParse = { ok: true; phone: string } | { ok: false; reason: string };

/**
 * A phone number as a phone system sends it: digits, spaces, `+ ( ) - .` only, 3 to 15 digits.
 * Answers it trimmed, inner spaces collapsed.
 */
export function checkIntakePhone(raw: string): PhoneCheck {
  const phone = raw.trim().replace(/\s+/g, ' ');
  if (phone === '') return { ok: false, reason: 'The phone number is empty' };
  if (phone.length > INTAKE_PHONE_MAX_LENGTH) return { ok: false, reason: `The phone number is longer than ${INTAKE_PHONE_MAX_LENGTH} characters` };
  if (!/^[\d\s+().-]+$/.test(phone)) return { ok: false, reason: 'The phone number may hold only digits, spaces and + ( ) - .' };
  if (/\+/.test(phone.slice(1))) return { ok: false, reason: 'A + may only start the phone number' };
  const digits = phone.replace(/\D/g, '').length;
  if (digits < 3 || digits > 15) return { ok: false, reason: 'The phone number must have 3 to 15 digits' };
  return { ok: true, phone };
}

/**
 * Reads `deskwatch://intake?phone=…`. The query is read by hand, not with URLSearchParams: form
 * decoding would turn the `+` of `+1573…` into a space.
 */
export function parseIntakeLink(url: string): IntakeLinkParse {
  if (typeof url !== 'string') return { ok: false, reason: 'not text' };
  if (url.length > INTAKE_LINK_MAX_LENGTH) return { ok: false, reason: `longer than ${INTAKE_LINK_MAX_LENGTH} characters` };
  // Scheme and host are case-insensitive; Windows may add a slash after the host.
  const match = /^deskwatch:\/\/intake\/?(?:\?([^#]*))?$/i.exec(url);
  if (!match) return { ok: false, reason: 'not a deskwatch://intake?phone=… address' };
  const query = match[1] ?? '';
  const pairs = query === '' ? [] : query.split('&');
  if (pairs.length !== 1) return { ok: false, reason: 'the address must carry exactly one parameter, phone' };
  const [key, value, extra] = (pairs[0] as string).split('=');
  if (key !== 'phone' || value === undefined || extra !== undefined) return { ok: false, reason: 'the only parameter taken is phone=…' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return { ok: false, reason: 'the phone number is not properly encoded' };
  }
  const phone = checkIntakePhone(decoded);
  return phone.ok ? { ok: true, phone: phone.phone } : { ok: false, reason: phone.reason };
}

/** The first intake address among a process's command-line arguments (Windows and Linux pass the URL so). */
export function intakeLinkInArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => typeof arg === 'string' && arg.toLowerCase().startsWith(`${INTAKE_LINK_SCHEME}:`)) ?? null;
}

/**
 * The phone number of a console address's `?phone=` as the router hands it over. Routers decode
 * a query as a form does, `+` as a space; a softphone writes the number unencoded, so a leading
 * space before digits was the `+` of an international number.
 */
export function phoneFromRouteQuery(value: string): string {
  return /^ \d/.test(value) ? `+${value.slice(1)}` : value;
}
