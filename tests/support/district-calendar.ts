/** A district calendar file: a three-day winter break (all-day, so closures) and an early release (timed, so not). */
export const DISTRICT_ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Columbia Public Schools//Calendar//EN',
  'BEGIN:VEVENT',
  'UID:winter-break@district',
  'DTSTART;VALUE=DATE:20261221',
  'DTEND;VALUE=DATE:20261224',
  'SUMMARY:Winter break',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:early-release@district',
  'DTSTART:20261218T180000Z',
  'DTEND:20261218T200000Z',
  'SUMMARY:Early release',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');
