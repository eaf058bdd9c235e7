/**
 * What caller search matches against. Names are folded (lower case, accents removed) so
 * "José" is found by "jose"; phone numbers are kept as bare digits so any format finds them.
 */

export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function digitsOf(text: string | null | undefined): string {
  return (text ?? '').replace(/\D+/g, '');
}

/**
 * The digits of a US phone number without its country code, so the E.164 form a phone system
 * sends (+15735520444) and the local forms (573-552-0444, 1-573-552-0444) read the same. A
 * leading "+1" is always the country code; a bare leading 1 only when it makes eleven digits.
 */
export function phoneDigits(text: string | null | undefined): string {
  const digits = digitsOf(text);
  const international = /^\s*\+\s*1/.test(text ?? '');
  return (international || digits.length === 11) && digits.startsWith('1') ? digits.slice(1) : digits;
}

export interface SearchableCaller {
  name: string;
  email: string | null;
  phone: string | null;
  extension: string | null;
  buildingName: string | null;
  department: string | null;
  employeeId: string | null;
}

/** One line of folded words: every part a search may hit. Email is kept whole and split into its words. */
export function callerSearchText(c: SearchableCaller): string {
  const email = c.email ? foldText(c.email) : '';
  const phone = phoneDigits(c.phone);
  // The local number alone too, so "214-3333" finds (573) 214-3333.
  const local = phone.length > 7 ? phone.slice(-7) : '';
  const parts = [c.name, email, email.replace(/[@._-]+/g, ' '), c.buildingName, c.department, c.extension, phone, local, c.employeeId];
  // The leading space lets every dialect match the start of a word with LIKE '% word%'.
  const folded = foldText(parts.filter((p): p is string => Boolean(p)).join(' '))
    .replace(/[^\p{L}\p{N}@.]+/gu, ' ')
    .trim();
  return ` ${folded}`;
}

/** `digits`: what to look for; `alternatives`: other spellings of the same number (any may match). */
export type CallerQuery = { kind: 'digits'; digits: string; alternatives: string[] } | { kind: 'words'; words: string[] } | { kind: 'empty' };

/**
 * Reads what the agent typed: mostly digits (an extension or a phone number in any format) is a
 * number search; anything else is words that must all match the start of some word, in any order.
 */
export function parseCallerQuery(raw: string): CallerQuery {
  const text = raw.trim();
  if (!text) return { kind: 'empty' };
  if (/^[\d\s()+.\-x]+$/i.test(text) && digitsOf(text).length >= 2) {
    const digits = phoneDigits(text);
    // Callers saved before numbers were stored without the country code still carry "1573…".
    const alternatives = digits.length === 10 ? [`1${digits}`] : [];
    return digits ? { kind: 'digits', digits, alternatives } : { kind: 'empty' };
  }
  const words = foldText(text)
    .split(/[^\p{L}\p{N}@.]+/u)
    .flatMap((w) => (w.includes('@') ? [w] : w.split('.')))
    .filter((w) => w.length > 0);
  return words.length ? { kind: 'words', words } : { kind: 'empty' };
}
