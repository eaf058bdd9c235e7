/**
 * The life of one past case as the lifecycle would have written it: the created event, the
 * assignment, each status change with the detail the lifecycle records, priority changes after
 * intake, pending-user-response and awaiting-parts spells (with their pauses and contacts), a
 * reopening now and then, the closing. Its deadlines are the SLA engine's for its final priority
 * and pauses, and a share of its targets is missed, more of them in busy weeks.
 */
import type { CaseChannel, CaseStatus, Priority } from '../../../shared/domain';
import type { CaseContactRow, CaseEventRow, CasePauseRow, CaseRow } from '../db/entities';
import type { StatusChange } from '../reports/case-report-facts';
import { caseFacts } from '../services/case-facts';
import type { SlaFacade } from '../services/sla-facade';
import type { DemoCategoryTexts, DemoProblem } from './demo-texts';
import { WORK_NOTES } from './demo-texts';
import type { DemoRandom } from './demo-random';

/** Rows without their own ids; `caseId` (and the case's `id`) are set when the case is given its id. */
export type PauseDraft = Omit<CasePauseRow, 'id'>;
export type EventDraft = Omit<CaseEventRow, 'id'>;
export type ContactDraft = Omit<CaseContactRow, 'id'>;

export interface CaseDraft {
  row: CaseRow;
  pauses: PauseDraft[];
  events: EventDraft[];
  contacts: ContactDraft[];
  statusChanges: StatusChange[];
}

export interface PastCaseInput {
  receivedAt: number;
  channel: CaseChannel;
  /** The priority at intake, and the one it ended with (a change after intake when they differ). */
  initialPriority: Priority;
  priority: Priority;
  callerId: number;
  buildingId: number | null;
  categoryId: number;
  createdById: number;
  texts: DemoCategoryTexts;
  problem: DemoProblem;
  wizardAnswers: string | null;
  /** The week's load against an ordinary week: late responses and resolutions follow it. */
  load: number;
}

export interface HistoryStaff {
  technicians: readonly number[];
  supervisors: readonly number[];
}

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** Resolved on the call by the agent who took it (password resets, how-to questions). */
const FIRST_CONTACT_SHARE: Readonly<Record<CaseChannel, number>> = { phone: 0.24, walk_in: 0.3, web: 0.06, email: 0.06 };
const PENDING_SHARE = 0.12;
const PARTS_SHARE = 0.06;
/** Of the pending spells: no reply in three business days (closed by the system), resumed by the technician. */
const AUTO_CLOSE_SHARE = 0.08;
const RESUMED_SHARE = 0.15;
const REOPEN_SHARE = 0.035;
const NOTE_SHARE = 0.3;
/** Late in an ordinary week; a busy week (the start of school) scales it up. */
const LATE_RESPONSE_BASE = 0.035;
const LATE_RESOLUTION_BASE = 0.045;

export const VENDORS = ['CDW-G', 'Dell', 'Lenovo', 'Insight', 'B&H', 'Amazon Business', 'Staples'];
const PENDING_ASKS = [
  'Asked the caller which room the device is in now.',
  'Asked for a photo of the error message.',
  'Asked when the room is free for a visit.',
  'Asked the caller to try again after the restart and tell us.',
];
const REOPEN_REASONS = ['The caller called back: the problem came back.', 'Worked for a day, then the same error again.'];
const AUTO_CLOSE_REASON = 'No reply from the user in 3 business days: closed as the agreement provides for Pending user response.';
const PRIORITY_REASON = "Reassessed after the technician's first look.";

/** Whether the agent solved it on the first contact (by the channel it came in on). */
export function isFirstContact(channel: CaseChannel, random: DemoRandom): boolean {
  return random.bool(FIRST_CONTACT_SHARE[channel]);
}

/**
 * One past case's history, or null when it would not have finished by `now` (the caller draws
 * again or keeps it simpler).
 */
export function pastCaseHistory(input: PastCaseInput, staff: HistoryStaff, sla: SlaFacade, random: DemoRandom, now: number, firstContact: boolean): CaseDraft | null {
  const { receivedAt, priority } = input;
  const plan = sla.plan(input.initialPriority, receivedAt);
  const events: EventDraft[] = [];
  const pauses: PauseDraft[] = [];
  const contacts: ContactDraft[] = [];
  const statusChanges: StatusChange[] = [];
  let version = 1;
  let updatedAt = receivedAt;
  let cursor = receivedAt;
  const lateFactor = Math.min(3, Math.max(0.3, input.load ** 1.6));

  /** During desk hours, except for priority 1 (its clock runs day and night). */
  const work = (t: number): number => {
    if (priority === 1 || sla.isWithinBusinessHours(t)) return Math.round(t);
    return sla.nextOpenAt(t) + random.int(2, 45) * MIN;
  };
  /** A step `minMinutes`–`maxMinutes` after the cursor, in desk hours, never before it. */
  const after = (t: number, minMinutes: number, maxMinutes: number) => Math.max(cursor + MIN, work(t + random.int(minMinutes, maxMinutes) * MIN));
  /** In time: somewhere between `from` and the due instant, mostly early. */
  const within = (from: number, due: number): number => {
    const span = due - from;
    if (span <= 4 * MIN) return Math.max(cursor + MIN, from + MIN);
    let t = work(from + span * (0.04 + 0.86 * random.next() ** 1.7));
    if (t >= due) t = due - random.int(1, Math.min(45, Math.floor(span / MIN / 2))) * MIN;
    return Math.max(cursor + MIN, Math.round(t));
  };
  /** Late: past the due instant by minutes to a few business days. */
  const late = (due: number, far: boolean): number => {
    const t = far && random.bool(0.45) ? sla.addBusinessDays(due, random.int(1, 3)) : due + random.int(20, far ? 420 : 240) * MIN;
    return Math.max(cursor + MIN, due + MIN, work(t));
  };
  const record = (kind: EventDraft['kind'], at: number, actorId: number | null, detail: Record<string, unknown>, reason: string | null = null, bumps = true) => {
    events.push({ caseId: 0, kind, at, actorId, detail: JSON.stringify(detail), reason });
    if (bumps) {
      version += 1;
      updatedAt = Math.max(updatedAt, at);
    }
    if (kind === 'status_changed') statusChanges.push({ action: detail.action as string, from: detail.from as string, to: detail.to as string });
    cursor = Math.max(cursor, at);
  };
  const iso = (t: number) => new Date(t).toISOString();
  const technician = random.pick(staff.technicians);
  const resolution = random.pick(input.texts.resolutions);

  record('created', receivedAt, input.createdById, { summary: input.problem.summary, priority: input.initialPriority, callerId: input.callerId, demo: true }, null, false);
  // Every field in one literal (no spread): a million of these are made, and V8 builds a literal
  // of known shape far faster than a spread object it then adds fields to.
  const row: CaseRow = {
    id: 0,
    respondedAt: null,
    resolvedAt: null,
    closedAt: null,
    resolutionNotes: null,
    kbCandidate: false,
    partsVendor: null,
    partsOrderNumber: null,
    partsExpectedDate: null,
    partsArrivedAt: null,
    maintenanceStartAt: null,
    maintenanceEndAt: null,
    callerId: input.callerId,
    summary: input.problem.summary,
    description: input.problem.description,
    priority,
    status: 'new',
    channel: input.channel,
    assigneeId: null,
    createdById: input.createdById,
    callbackNumber: null,
    buildingId: input.buildingId,
    room: String(random.int(100, 299)),
    categoryId: input.categoryId,
    assetTag: random.bool(0.3) ? `CPS-${random.int(100_000, 999_999)}` : null,
    wizardAnswers: input.wizardAnswers,
    priorityReason: input.priority !== input.initialPriority ? PRIORITY_REASON : input.wizardAnswers ? null : 'Set by the desk from what the caller described.',
    relatedCaseId: null,
    receivedAt,
    clockStartAt: plan.clockStartAt,
    responseDueAt: null,
    resolutionDueAt: null,
    policyVersion: plan.policyVersion,
    onCallNotifiedAt: priority === 1 || input.initialPriority === 1 ? receivedAt : null,
    nextAlertAt: null,
    version: 1,
    createdAt: receivedAt,
    updatedAt: receivedAt,
  };
  const facts = () => caseFacts(row, pauses.map((p) => ({ ...p, id: 0 })));

  if (firstContact) {
    // The agent solves it on the call (or, for a web form or an email, at the first look).
    const at = input.channel === 'phone' || input.channel === 'walk_in' ? receivedAt + random.int(3, 25) * MIN : after(receivedAt, 5, 240);
    row.respondedAt = at;
    row.resolvedAt = at;
    record('status_changed', at, input.createdById, { action: 'resolve', from: 'new', to: 'resolved', kbCandidate: false }, resolution);
  } else {
    const responseDue = sla.deadlines(facts()).responseDueAt;
    const from = Math.max(receivedAt + 2 * MIN, plan.clockStartAt);
    const respondedAt = responseDue === null ? after(from, 10, 600) : random.bool(LATE_RESPONSE_BASE * lateFactor) ? late(responseDue, false) : within(from, responseDue);
    row.respondedAt = respondedAt;
    row.assigneeId = technician;
    record('assigned', respondedAt, technician, { from: null, to: technician, bulk: false });
    record('status_changed', respondedAt, technician, { action: 'acknowledge', from: 'new', to: 'acknowledged' });
    if (input.priority !== input.initialPriority) {
      record('priority_changed', after(respondedAt, 10, 240), random.pick(staff.supervisors), { from: input.initialPriority, to: input.priority, wizard: null, wizardDecision: null }, PRIORITY_REASON);
    }
    const started = after(cursor, 5, 180);
    record('status_changed', started, technician, { action: 'start', from: 'acknowledged', to: 'in_progress' });

    if (random.bool(PENDING_SHARE)) {
      const pendAt = after(cursor, 30, 480);
      const asked = random.pick(PENDING_ASKS);
      record('status_changed', pendAt, technician, { action: 'pend', from: 'in_progress', to: 'pending_user_response', pauseStarted: iso(pendAt), asked }, asked);
      const pause: PauseDraft = { caseId: 0, status: 'pending_user_response', startedAt: pendAt, endedAt: null };
      pauses.push(pause);
      const method = random.bool(0.6) ? 'phone' : 'email';
      const attempt = (day: number) => {
        const at = Math.max(cursor + MIN, sla.addBusinessDays(pendAt, day) - random.int(10, 180) * MIN);
        const outcome = method === 'email' ? 'emailed' : random.bool(0.5) ? 'left_message' : 'no_answer';
        contacts.push({ caseId: 0, actorId: technician, at, method, outcome, note: null });
        record('contact', at, technician, { method, outcome, note: null });
      };
      const roll = random.next();
      if (roll < AUTO_CLOSE_SHARE) {
        attempt(1);
        attempt(2);
        const closeAt = sla.addBusinessDays(pendAt, 3);
        pause.endedAt = closeAt;
        row.closedAt = closeAt;
        record('status_changed', closeAt, null, { action: 'auto_close', from: 'pending_user_response', to: 'closed', pauseEnded: iso(closeAt), auto: true }, AUTO_CLOSE_REASON);
        return finish('closed');
      }
      if (roll < AUTO_CLOSE_SHARE + RESUMED_SHARE) {
        const at = after(pendAt, 60, 900);
        pause.endedAt = at;
        record('status_changed', at, technician, { action: 'resume', from: 'pending_user_response', to: 'in_progress', pauseEnded: iso(at) });
      } else {
        const tries = random.int(0, 2);
        for (let day = 1; day <= tries; day++) attempt(day);
        const at = Math.min(after(cursor, 20, 400), sla.addBusinessDays(pendAt, 3) - MIN);
        pause.endedAt = Math.max(at, cursor + MIN);
        contacts.push({ caseId: 0, actorId: technician, at: pause.endedAt, method, outcome: 'replied', note: null });
        record('status_changed', pause.endedAt, technician, { method, outcome: 'replied', note: null, from: 'pending_user_response', to: 'in_progress', action: 'user_replied', pauseEnded: iso(pause.endedAt) });
      }
    }
    if (random.bool(PARTS_SHARE)) {
      const orderAt = after(cursor, 30, 600);
      const vendor = random.pick(VENDORS);
      const orderNumber = `PO-${random.int(100_000, 999_999)}`;
      const expectedDate = localDate(sla, sla.addBusinessDays(orderAt, random.int(2, 6)));
      record('status_changed', orderAt, technician, { action: 'await_parts', from: 'in_progress', to: 'awaiting_parts', pauseStarted: iso(orderAt), vendor, orderNumber, expectedDate });
      const pause: PauseDraft = { caseId: 0, status: 'awaiting_parts', startedAt: orderAt, endedAt: null };
      pauses.push(pause);
      const arrivedAt = Math.max(cursor + MIN, work(sla.addBusinessDays(orderAt, random.int(1, 8)) + random.int(0, 240) * MIN));
      pause.endedAt = arrivedAt;
      Object.assign(row, { partsVendor: vendor, partsOrderNumber: orderNumber, partsExpectedDate: expectedDate, partsArrivedAt: arrivedAt });
      record('status_changed', arrivedAt, technician, { action: 'parts_arrived', from: 'awaiting_parts', to: 'in_progress', pauseEnded: iso(arrivedAt), arrivedAt: iso(arrivedAt) });
    }
    const workedFrom = cursor;
    const resolutionDue = sla.deadlines(facts()).resolutionDueAt;
    const resolvedAt =
      resolutionDue === null
        ? Math.max(cursor + MIN, work(sla.addBusinessDays(cursor, random.int(1, 12)) - random.int(0, 300) * MIN))
        : random.bool(LATE_RESOLUTION_BASE * lateFactor)
          ? late(resolutionDue, true)
          : within(Math.max(cursor + 15 * MIN, from), resolutionDue);
    // Work notes while it was worked.
    for (let n = 0; n < 2 && random.bool(n === 0 ? NOTE_SHARE : 0.15); n++) {
      const at = work(workedFrom + (resolvedAt - workedFrom) * random.next());
      if (at < resolvedAt) events.push({ caseId: 0, kind: 'note', at, actorId: technician, detail: JSON.stringify({ note: random.pick(WORK_NOTES) }), reason: null });
    }
    row.resolvedAt = resolvedAt;
    record('status_changed', resolvedAt, technician, { action: 'resolve', from: 'in_progress', to: 'resolved', kbCandidate: false }, resolution);
    if (random.bool(REOPEN_SHARE)) {
      const reopenAt = Math.max(cursor + MIN, work(resolvedAt + random.int(1, 9) * DAY + random.int(0, 300) * MIN));
      record('status_changed', reopenAt, input.createdById, { action: 'reopen', from: 'resolved', to: 'in_progress' }, random.pick(REOPEN_REASONS));
      const again = after(reopenAt, 60, 1_800);
      row.resolvedAt = again;
      record('status_changed', again, technician, { action: 'resolve', from: 'in_progress', to: 'resolved', kbCandidate: false }, 'Fixed on a second visit.');
    }
  }
  // Closed by a technician a few business days later; the most recent may still wait for it.
  const resolvedAt = row.resolvedAt as number;
  const closeAt = Math.max(cursor + MIN, work(sla.addBusinessDays(resolvedAt, random.int(0, 3)) + random.int(10, 200) * MIN));
  const closes = closeAt < now - 10 * MIN && random.bool(now - resolvedAt > 14 * DAY ? 0.97 : 0.6);
  if (closes) {
    row.closedAt = closeAt;
    record('status_changed', closeAt, random.bool(0.8) ? (row.assigneeId ?? technician) : random.pick(staff.supervisors), { action: 'close', from: 'resolved', to: 'closed' });
    return finish('closed');
  }
  return finish('resolved');

  function finish(final: CaseStatus): CaseDraft | null {
    if (cursor >= now - 10 * MIN) return null;
    row.status = final;
    row.version = version;
    row.updatedAt = updatedAt;
    row.resolutionNotes = row.resolvedAt === null ? null : resolution;
    const due = sla.deadlines(facts());
    row.responseDueAt = due.responseDueAt;
    row.resolutionDueAt = due.resolutionDueAt;
    events.sort((a, b) => a.at - b.at);
    return { row, pauses, events, contacts, statusChanges };
  }
}

/** Gives a drafted case its id, and its events, pauses and contacts their case. */
export function assignCaseId(draft: CaseDraft, id: number): void {
  draft.row.id = id;
  for (const e of draft.events) e.caseId = id;
  for (const p of draft.pauses) p.caseId = id;
  for (const c of draft.contacts) c.caseId = id;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** The local date (YYYY-MM-DD) of an instant in the desk's zone. */
function localDate(sla: SlaFacade, t: number): string {
  let format = dateFormats.get(sla.timeZone);
  if (!format) dateFormats.set(sla.timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone: sla.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(new Date(t));
}
