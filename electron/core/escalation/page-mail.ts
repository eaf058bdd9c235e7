/**
 * What a page says: the email (facts a technician needs to act without opening anything: the
 * caller and callback number, where, what is wrong, when it came in and what is due, in words in
 * the desk's zone) and the text to an email-to-SMS gateway address (one SMS, plain). Pure: the
 * pager gathers the facts and queues what these write.
 */
import { formatCaseNumber } from '../../../shared/domain';
import { SMS_LENGTH } from '../../../shared/escalation';
import { facts, link, paragraph, type MailBlock } from '../mail/mail-body';
import { whenWords, clockWords } from '../sla/zone-words';

/** The facts of a case a page tells. */
export interface PagedCase {
  id: number;
  priority: number;
  summary: string;
  description: string;
  callerName: string;
  callbackNumber: string | null;
  buildingName: string | null;
  room: string | null;
  receivedAt: number;
  responseDueAt: number | null;
  resolutionDueAt: number | null;
}

export interface PageWords {
  subject: string;
  body: MailBlock[];
}

export interface SmsWords {
  subject: string;
  text: string;
}

/** `<origin>/#/cases/123`: the case in the console (the district server's address). */
export function caseLink(origin: string, caseId: number): string {
  return `${origin}/#/cases/${caseId}`;
}

const where = (c: PagedCase) => [c.buildingName, c.room ? `room ${c.room}` : null].filter(Boolean).join(', ') || 'not given';
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function caseFacts(c: PagedCase, zone: string): MailBlock {
  const description = oneLine(c.description);
  return facts([
    { label: 'Case', value: `${formatCaseNumber(c.id)} (priority ${c.priority})` },
    { label: 'Caller', value: c.callerName },
    { label: 'Callback number', value: c.callbackNumber ?? 'not given' },
    { label: 'Where', value: where(c) },
    { label: 'What is wrong', value: oneLine(c.summary) },
    ...(description ? [{ label: 'Details', value: description.length > 500 ? `${description.slice(0, 499)}…` : description }] : []),
    { label: 'Received', value: whenWords(c.receivedAt, zone) },
    { label: 'Acknowledge by', value: c.responseDueAt === null ? 'no response target' : whenWords(c.responseDueAt, zone) },
    { label: 'Resolve by', value: c.resolutionDueAt === null ? 'no resolution target' : whenWords(c.resolutionDueAt, zone) },
  ]);
}

function openIt(c: PagedCase, origin: string | null): MailBlock {
  return origin ? link(`Open ${formatCaseNumber(c.id)} in Deskwatch`, caseLink(origin, c.id)) : paragraph(`Open case ${formatCaseNumber(c.id)} in Deskwatch.`);
}

/** "P1 DW-000123 Lincoln Elementary — Projector smoking" */
function subjectOf(prefix: string, c: PagedCase): string {
  const subject = `${prefix} ${formatCaseNumber(c.id)}${c.buildingName ? ` ${oneLine(c.buildingName)}` : ''} — ${oneLine(c.summary)}`;
  return subject.length > 200 ? `${subject.slice(0, 199)}…` : subject;
}

/** The priority 1 page to a person on call (or to a supervisor, with the reason they are paged instead). */
export function p1PageMail(c: PagedCase, opts: { zone: string; origin: string | null; reason: string | null; escalateAt: number }): PageWords {
  return {
    subject: subjectOf('P1', c),
    body: [
      paragraph(
        opts.reason
          ? `Priority 1: ${opts.reason}`
          : 'Priority 1: you are on call. The agreement says priority 1 "will call technicians for immediate response": respond now.',
      ),
      caseFacts(c, opts.zone),
      openIt(c, opts.origin),
      paragraph(
        `To acknowledge: open the case in Deskwatch and choose Acknowledge (or call the Help Desk and ask them to). If nobody acknowledges it by ${clockWords(opts.escalateAt, opts.zone)}, it is escalated to the supervisors.`,
      ),
    ],
  };
}

/** The escalation to a supervisor: nobody acknowledged the page in time. */
export function escalationMail(c: PagedCase, opts: { zone: string; origin: string | null; minutes: number; pagedAt: number; paged: readonly string[] }): PageWords {
  return {
    subject: subjectOf(`Escalated: P1 not acknowledged in ${opts.minutes} min:`, c),
    body: [
      paragraph(
        `Nobody has acknowledged this priority 1 since it was paged at ${whenWords(opts.pagedAt, opts.zone)}${opts.paged.length ? ` (paged: ${opts.paged.join(', ')})` : ''}. See that someone responds now: the agreement wants it acknowledged within 1 hour.`,
      ),
      caseFacts(c, opts.zone),
      openIt(c, opts.origin),
    ],
  };
}

/** One SMS (subject and text together, since many gateways put the subject in front of the text): what, where, whom to call, by when. */
export function pageSms(c: PagedCase, opts: { zone: string; escalated: boolean; byAt: number | null }): SmsWords {
  const subject = `${opts.escalated ? 'ESCALATED ' : ''}P1 ${formatCaseNumber(c.id)}`;
  const place = [c.buildingName, c.room ? `rm ${c.room}` : null].filter(Boolean).join(' ');
  const call = c.callbackNumber ? ` Call ${c.callerName} ${c.callbackNumber}.` : ` Caller ${c.callerName}.`;
  const tail = opts.escalated ? ' Not acknowledged: see to it now.' : opts.byAt === null ? ' Ack in Deskwatch.' : ` Ack by ${clockWords(opts.byAt, opts.zone)}.`;
  const fixed = `${place ? `${place}: ` : ''}`;
  const room = SMS_LENGTH - subject.length - 1 - fixed.length - call.length - tail.length;
  const summary = oneLine(c.summary);
  const what = room <= 1 ? '' : summary.length > room ? `${summary.slice(0, room - 1)}…` : summary;
  let text = `${fixed}${what}.${call}${tail}`.replace('..', '.');
  // A very long caller name or place: cut the end rather than send two texts.
  if (subject.length + 1 + text.length > SMS_LENGTH) text = `${text.slice(0, SMS_LENGTH - subject.length - 2)}…`;
  return { subject, text };
}

/** To a supervisor: a case breached a target (the console alert tells the assignee too). */
export function breachMail(c: PagedCase & { assigneeName: string | null }, opts: { zone: string; origin: string | null; target: 'response' | 'resolution'; dueAt: number | null }): PageWords {
  const targetWords = opts.target === 'response' ? 'response' : 'resolution';
  return {
    subject: `${formatCaseNumber(c.id)} breached its ${targetWords} target — ${oneLine(c.summary)}`.slice(0, 200),
    body: [
      paragraph(
        `Case ${formatCaseNumber(c.id)} (priority ${c.priority}) passed its ${targetWords} target${opts.dueAt === null ? '' : ` (due ${whenWords(opts.dueAt, opts.zone)})`}. ${c.assigneeName ? `It is assigned to ${c.assigneeName}.` : 'Nobody is assigned to it.'}`,
      ),
      caseFacts(c, opts.zone),
      openIt(c, opts.origin),
    ],
  };
}

/** To the assignee (or the supervisors): the vendor's expected parts date passed and the parts have not arrived. */
export function partsMail(c: PagedCase & { vendor: string | null; orderNumber: string | null; expectedDate: string; expectedWords: string }, opts: { zone: string; origin: string | null }): PageWords {
  return {
    subject: `${formatCaseNumber(c.id)}: parts expected ${c.expectedWords} have not arrived — ${oneLine(c.summary)}`.slice(0, 200),
    body: [
      paragraph(
        `The vendor expected to deliver the parts for case ${formatCaseNumber(c.id)} on ${c.expectedWords}, and they have not arrived. Call the vendor, then record what they say: mark the parts arrived, or order again with the new date.`,
      ),
      facts([
        { label: 'Vendor', value: c.vendor ?? 'not given' },
        { label: 'Order number', value: c.orderNumber ?? 'not given' },
        { label: 'Expected', value: c.expectedWords },
        { label: 'Caller', value: c.callerName },
        { label: 'Where', value: where(c) },
      ]),
      openIt(c, opts.origin),
    ],
  };
}
