/**
 * What the desk's emails about a caller's own request say: the desk's question (and its daily
 * reminder), the resolution notice, and the one notice of an outage's resolution. Only what the
 * employee may see at the Tech Support Center goes in: their own words (the summary), the case
 * number, its state, dates in words and the desk's question; never staff notes, resolution notes
 * or the reasons behind a priority. Case emails carry no unsubscribe: they are about the
 * person's own request.
 */
import { formatAnnouncementNumber } from '../../../shared/announcements';
import { formatCaseNumber } from '../../../shared/domain';
import { REOPEN_WINDOW_DAYS } from '../../../shared/lifecycle';
import { facts, link, paragraph, type MailBlock } from '../mail/mail-body';
import type { MailMessage } from '../mail/mail-message';
import { requestLink, SUPPORT_CENTER } from '../mail/public-links';
import { DEFAULT_DESK_PHONE } from './support-requests';

/** One of the caller's cases as an email names it. */
export interface MailedCase {
  id: number;
  /** The employee's own words. */
  summary: string;
}

/** The link to the request, or the words saying where to find it when the server's address is unknown. */
function goTo(origin: string | null, caseId: number, label: string, withoutLink: string): MailBlock {
  return origin ? link(label, requestLink(origin, caseId)) : paragraph(`${withoutLink} at ${SUPPORT_CENTER}.`);
}

/**
 * The desk's question while the case is pending user response. `again`: the daily contact the
 * agreement requires (the question asked again, with the technician's words when given).
 */
export function questionMail(p: { to: string; kase: MailedCase; question: string; origin: string | null; again: { words: string | null } | null }): MailMessage {
  const number = formatCaseNumber(p.kase.id);
  return {
    kind: p.again ? 'daily_contact' : 'pending_question',
    to: p.to,
    caseId: p.kase.id,
    subject: p.again ? `${number}: the Help Desk is still waiting for your answer` : `${number}: the Help Desk has a question about your request`,
    body: [
      paragraph(
        p.again
          ? `The Help Desk is still waiting for your answer about your request ${number}: ${p.kase.summary}`
          : `The Help Desk needs your answer to go on with your request ${number}: ${p.kase.summary}`,
      ),
      ...(p.again?.words ? [paragraph(p.again.words)] : []),
      paragraph(`The question:\n${p.question}`),
      goTo(p.origin, p.kase.id, 'Answer it at the Tech Support Center', 'Answer it with your request'),
      paragraph(
        `You can also call the Help Desk at ${DEFAULT_DESK_PHONE}. While the desk waits for you it will contact you each day; ` +
          'after 3 business days without an answer the request is closed.',
      ),
      facts([
        { label: 'Case', value: number },
        { label: 'State', value: 'Waiting for your answer' },
      ]),
    ],
  };
}

const reopenWords = (until: string) =>
  `If the problem is not fixed, reopen the request by ${until} (${REOPEN_WINDOW_DAYS} days); after that, send a new request. ` +
  'If it is fixed, confirm it, and tell us how we did.';

/** The case is resolved: confirm, reopen within the window, rate. */
export function resolutionMail(p: { to: string; kase: MailedCase; reopenUntil: string; origin: string | null }): MailMessage {
  const number = formatCaseNumber(p.kase.id);
  return {
    kind: 'resolution_notice',
    to: p.to,
    caseId: p.kase.id,
    subject: `${number}: your request is resolved`,
    body: [
      paragraph(`The Help Desk has resolved your request ${number}: ${p.kase.summary}`),
      paragraph(reopenWords(p.reopenUntil)),
      goTo(p.origin, p.kase.id, 'Confirm, reopen or rate your request', 'Confirm, reopen or rate it with your request'),
      facts([
        { label: 'Case', value: number },
        { label: 'State', value: 'Resolved' },
      ]),
    ],
  };
}

/** An outage is over and resolved the caller's cases linked to it: one notice naming them all. */
export function outageResolvedMail(p: { to: string; outage: { id: number; title: string }; cases: readonly MailedCase[]; reopenUntil: string; origin: string | null }): MailMessage {
  const [first] = p.cases;
  if (!first) throw new Error('An outage notice names at least one case');
  const numbers = p.cases.map((c) => formatCaseNumber(c.id));
  const several = p.cases.length > 1;
  return {
    kind: 'resolution_notice',
    to: p.to,
    caseId: first.id,
    subject: several ? `Your ${p.cases.length} requests are resolved: ${p.outage.title}` : `${numbers[0]}: your request is resolved: ${p.outage.title}`,
    body: [
      paragraph(
        `The outage "${p.outage.title}" (${formatAnnouncementNumber(p.outage.id)}) is over, and the Help Desk has resolved ` +
          (several ? `your ${p.cases.length} requests about it:` : 'your request about it:'),
      ),
      facts(p.cases.map((c) => ({ label: formatCaseNumber(c.id), value: c.summary }))),
      paragraph(reopenWords(p.reopenUntil)),
      ...(p.origin
        ? p.cases.map((c) => link(`Confirm, reopen or rate ${formatCaseNumber(c.id)}`, requestLink(p.origin as string, c.id)))
        : [paragraph(`Confirm, reopen or rate ${several ? 'them' : 'it'} with your requests at ${SUPPORT_CENTER}.`)]),
    ],
  };
}
