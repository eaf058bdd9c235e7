/** Dates and times as an employee reads them, in their own device's zone and language. */

const DATE_TIME = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });

/** "Thu, Dec 3, 2:35 PM" for an instant (ISO); the text itself when it is not one. */
export function dateTimeWords(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : DATE_TIME.format(at);
}

/** "Thu, Dec 3, 2026" for a calendar date ("2026-12-03"), read as that day wherever the device is. */
export function dateWords(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return dateTimeWords(isoDate);
  return DATE.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}
