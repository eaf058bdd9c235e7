/**
 * Requests employees send at the Tech Support Center, at any hour: checked, opened as cases
 * received at the moment they arrive (the 4 PM rule and the desk's hours apply through the SLA
 * plan, exactly as for a call), and answered with what the employee needs to know, in words: the
 * case number, when the desk will respond and aims to resolve, and, for priority 1, to call the
 * desk now (the agreement requires a call; the request is recorded all the same).
 */
import { supportRequestSchema } from '../../../shared/contract-support';
import { formatCaseNumber, type Priority } from '../../../shared/domain';
import type { SubmittedRequest } from '../../../shared/support';
import type { Clock } from '../clock';
import { CallerEntity } from '../db/entities';
import { DomainError } from '../errors';
import { validationError } from '../handlers/validation';
import { facts, paragraph } from '../mail/mail-body';
import type { MailMessage } from '../mail/mail-message';
import type { MailService } from '../mail/mail-service';
import type { CaseService, WithinOpening } from '../services/case-service';
import type { SlaFacade } from '../services/sla-facade';
import { whenWords } from '../sla/zone-words';
import { storeScreenshots } from './case-attachments';
import { checkScreenshots } from './screenshot-check';
import { checkSubmissionLimit } from './submission-limit';

/** How the agreement tells employees to reach the desk by phone. */
export const DEFAULT_DESK_PHONE = 'extension 25888 or 573-214-3333';

export class SupportRequests {
  constructor(
    private readonly cases: CaseService,
    private readonly sla: SlaFacade,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly deskPhone: string = DEFAULT_DESK_PHONE,
  ) {}

  /**
   * Records the request of the caller (the signed-in employee) as a case with its screenshots;
   * bad input is refused by field, and a caller over SUBMISSION_LIMITS is told when to try again.
   */
  async submit(callerId: number, input: unknown): Promise<SubmittedRequest> {
    const parsed = supportRequestSchema.safeParse(input ?? {});
    if (!parsed.success) {
      const problem = validationError(parsed.error);
      throw new DomainError('invalid_input', problem.message, problem.field);
    }
    const request = parsed.data;
    // Every file is checked before anything is written: one bad screenshot refuses the request.
    const screenshots = checkScreenshots(request.screenshots);
    let confirmationTo: string | null = null;
    // The limit, the screenshots and the confirmation go with the case: all are saved, or none.
    const confirm: WithinOpening = async (m, created) => {
      await checkSubmissionLimit(m, callerId, created.id, created.receivedAt, (t) => `${this.sla.describeDue(t, this.clock.now())} (${whenWords(t, this.sla.timeZone)})`, this.deskPhone);
      await storeScreenshots(m, created.id, callerId, screenshots, created.receivedAt);
      const email = (await m.getRepository(CallerEntity).findOneBy({ id: callerId }))?.email ?? null;
      if (!email) return;
      confirmationTo = email;
      const told = this.describe(created.id, created.priority, created.receivedAt, created.responseDueAt, created.resolutionDueAt);
      await this.mail.enqueue(confirmationMail(email, request.problem, told), m);
    };
    const opened = await this.cases.openForCaller(callerId, {
      summary: request.problem,
      ...(request.details ? { description: request.details } : {}),
      ...(request.buildingId !== undefined ? { buildingId: request.buildingId } : {}),
      ...(request.room ? { room: request.room } : {}),
      ...(request.callbackNumber ? { callbackNumber: request.callbackNumber } : {}),
      wizard: request.answers,
    }, confirm);
    const at = (iso: string | null) => (iso === null ? null : Date.parse(iso));
    return { ...this.describe(opened.id, opened.priority, Date.parse(opened.receivedAt), at(opened.responseDueAt), at(opened.resolutionDueAt)), confirmationTo };
  }

  private describe(caseId: number, priority: Priority, receivedAt: number, respondBy: number | null, resolveBy: number | null): Omit<SubmittedRequest, 'confirmationTo'> {
    const zone = this.sla.timeZone;
    const now = this.clock.now();
    const number = formatCaseNumber(caseId);
    const inWords = [`Your request is recorded as ${number}, received ${whenWords(receivedAt, zone)}.`];
    const cutoff = this.sla.cutoffNote(receivedAt, this.sla.plan(priority, receivedAt));
    if (cutoff) inWords.push(`It came in outside the desk's hours (${cutoff.replace(/^received /, '')}).`);
    const due = (t: number) => `${this.sla.describeDue(t, now)} (${whenWords(t, zone)})`;
    if (respondBy) inWords.push(`The desk will respond by ${due(respondBy)}.`);
    if (resolveBy) inWords.push(`The desk aims to resolve it by ${due(resolveBy)}.`);
    else inWords.push('It is scheduled with you as a project: there is no fixed date to resolve it.');
    const callDeskNow =
      priority === 1
        ? `This sounds urgent. Call the Help Desk now at ${this.deskPhone}: a technician is sent at once for a call, and the desk will find your request ${number} already recorded.`
        : null;
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return { caseId, caseNumber: number, receivedAt: new Date(receivedAt).toISOString(), priority, respondBy: iso(respondBy), resolveBy: iso(resolveBy), inWords, callDeskNow };
  }
}

/** The confirmation: the employee's own words back, the case number and the targets in words; nothing else of the case. */
function confirmationMail(to: string, problem: string, told: Omit<SubmittedRequest, 'confirmationTo'>): MailMessage {
  return {
    kind: 'case_confirmation',
    to,
    caseId: told.caseId,
    subject: `${told.caseNumber}: the Help Desk has your request`,
    body: [
      ...(told.callDeskNow ? [paragraph(told.callDeskNow)] : []),
      paragraph(`You asked for help with: ${problem}`),
      ...told.inWords.map(paragraph),
      facts([
        { label: 'Case', value: told.caseNumber },
        { label: 'Priority', value: String(told.priority) },
      ]),
    ],
  };
}
