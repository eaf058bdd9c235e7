/**
 * The addresses emails link to: an employee's request at the Tech Support Center and the
 * unsubscribe page, both under the server's public origin. Without an origin (a standalone
 * console has none) there is nothing to link to, and emails say where to go in words.
 */

/** An origin as links need it: http(s), no path, no trailing slash. */
export function checkOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`The public origin must be a full web address like https://desk.district.example, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`The public origin must start with https:// or http://, got "${value}"`);
  return url.origin;
}

/** One request at the Tech Support Center (its hash route). */
export function requestLink(origin: string, caseId: number): string {
  return `${origin}/support/#/requests/${caseId}`;
}

/** The unsubscribe page for one signed token (GET shows a button; POST is the one-click of RFC 8058). */
export function unsubscribeLink(origin: string, token: string): string {
  return `${origin}/api/mail/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** Where the employee goes, for emails without a link: the words the agreement uses. */
export const SUPPORT_CENTER = 'the Tech Support Center';
