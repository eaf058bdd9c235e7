/**
 * A request as its employee sees it: the stage in their words, the targets in sentences, the
 * history they may read (public notes, the desk's questions, their own answers, reopenings and
 * the resolution), the desk's open question, the parts order, their screenshots, and what they
 * may do next. Staff-only notes, staff names beyond a first name, and other callers never appear.
 */
import { In, type DataSource } from 'typeorm';
import { formatCaseNumber } from '../../../shared/domain';
import { EMPLOYEE_ACTION_RULES, REOPEN_WINDOW_DAYS } from '../../../shared/lifecycle';
import { STAGE_OF_STATUS, STAGE_WORDS, type RequestNote, type RequestRow, type RequestView } from '../../../shared/support';
import type { Clock } from '../clock';
import { CaseEventEntity, StaffEntity, type CaseEventRow, type CaseRow } from '../db/entities';
import type { ReferenceListService } from '../directory/reference-lists';
import { DAY_MS } from '../instants';
import type { SlaFacade } from '../services/sla-facade';
import { whenWords } from '../sla/zone-words';
import { attachmentsOf } from './case-attachments';
import { ratingOf } from './request-rating';

const iso = (t: number) => new Date(t).toISOString();

interface EventDetail {
  action?: string;
  note?: string;
  public?: boolean;
  answer?: boolean;
  asked?: string;
  by?: { callerId?: number; name?: string };
}

export function requestRow(row: CaseRow): RequestRow {
  return {
    caseId: row.id,
    number: formatCaseNumber(row.id),
    summary: row.summary,
    stage: STAGE_OF_STATUS[row.status],
    receivedAt: iso(row.receivedAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** Until when a resolved or closed request may be reopened (the lifecycle's REOPEN_WINDOW_DAYS), or null. */
export function reopenUntil(row: CaseRow, now: number): number | null {
  if (!(EMPLOYEE_ACTION_RULES.reopen.from as readonly string[]).includes(row.status)) return null;
  const until = (row.resolvedAt ?? row.closedAt ?? row.updatedAt) + REOPEN_WINDOW_DAYS * DAY_MS;
  return until >= now ? until : null;
}

export class RequestViews {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly sla: SlaFacade,
    private readonly lists: ReferenceListService,
  ) {}

  async view(row: CaseRow): Promise<RequestView> {
    const now = this.clock.now();
    const [events, screenshots, rating, buildings] = await Promise.all([
      this.db.getRepository(CaseEventEntity).find({ where: { caseId: row.id }, order: { id: 'ASC' } }),
      attachmentsOf(this.db, row.id),
      ratingOf(this.db, row.id),
      this.lists.names('buildings', [row.buildingId]),
    ]);
    const notes = await this.notes(row, events);
    const question = row.status === 'pending_user_response' ? lastQuestion(events) : null;
    const until = reopenUntil(row, now);
    const closedOrResolved = row.status === 'resolved' || row.status === 'closed';
    return {
      caseId: row.id,
      number: formatCaseNumber(row.id),
      summary: row.summary,
      details: row.description,
      buildingName: row.buildingId === null ? null : (buildings.get(row.buildingId) ?? null),
      room: row.room,
      callbackNumber: row.callbackNumber,
      stage: STAGE_OF_STATUS[row.status],
      receivedAt: iso(row.receivedAt),
      inWords: this.inWords(row, now),
      notes,
      parts: row.status === 'awaiting_parts' ? { vendor: row.partsVendor, expectedDate: row.partsExpectedDate } : null,
      question,
      screenshots: screenshots.map(({ id, fileName, contentType, byteSize }) => ({ id, fileName, contentType, byteSize })),
      canConfirm: (EMPLOYEE_ACTION_RULES.close.from as readonly string[]).includes(row.status),
      reopenUntil: until === null ? null : iso(until),
      canRate: closedOrResolved,
      rating,
      version: row.version,
    };
  }

  /** The targets and the state in sentences, in the same SLA words as the confirmation. */
  private inWords(row: CaseRow, now: number): string[] {
    const zone = this.sla.timeZone;
    const due = (t: number) => `${this.sla.describeDue(t, now)} (${whenWords(t, zone)})`;
    const words = [`${formatCaseNumber(row.id)}: ${STAGE_WORDS[STAGE_OF_STATUS[row.status]]}. Received ${whenWords(row.receivedAt, zone)}.`];
    if (row.status === 'closed') return [...words, `Closed ${whenWords(row.closedAt ?? row.updatedAt, zone)}.`];
    if (row.status === 'resolved') return [...words, `Resolved ${whenWords(row.resolvedAt ?? row.updatedAt, zone)}. If it is fixed, confirm it; if not, reopen it.`];
    if (row.respondedAt !== null) words.push(`The desk responded ${whenWords(row.respondedAt, zone)}.`);
    else if (row.responseDueAt !== null) words.push(`The desk will respond by ${due(row.responseDueAt)}.`);
    if (row.status === 'pending_user_response') {
      words.push('The desk is waiting for your answer; the time it waits does not count against its targets. Answer below so work can go on.');
    } else if (row.status === 'awaiting_parts') {
      words.push('The desk is waiting for parts or help from a vendor; the time it waits does not count against its targets.');
    } else if (row.resolutionDueAt !== null) {
      words.push(`The desk aims to resolve it by ${due(row.resolutionDueAt)}.`);
    } else {
      words.push('It is scheduled with you as a project: there is no fixed date to resolve it.');
    }
    return words;
  }

  /** What the employee may read of the history, oldest first. */
  private async notes(row: CaseRow, events: readonly CaseEventRow[]): Promise<RequestNote[]> {
    const staffIds = [...new Set(events.map((e) => e.actorId).filter((a): a is number => a !== null))];
    const staff = staffIds.length ? await this.db.getRepository(StaffEntity).find({ where: { id: In(staffIds) }, select: { id: true, name: true } }) : [];
    const firstNames = new Map(staff.map((s) => [s.id, s.name.trim().split(/\s+/)[0] ?? 'Help Desk']));
    const notes: RequestNote[] = [];
    for (const event of events) {
      const d = JSON.parse(event.detail) as EventDetail;
      const mine = event.actorId === null && d.by?.callerId === row.callerId;
      const by = mine ? 'You' : event.actorId === null ? 'Help Desk' : (firstNames.get(event.actorId) ?? 'Help Desk');
      const at = iso(event.at);
      if (event.kind === 'note' && d.public === true && typeof d.note === 'string') {
        notes.push({ at, by, kind: mine && d.answer ? 'answer' : 'note', text: d.note });
      } else if (event.kind === 'status_changed' && d.action === 'pend') {
        notes.push({ at, by, kind: 'question', text: event.reason ?? d.asked ?? '' });
      } else if (event.kind === 'status_changed' && d.action === 'reopen') {
        notes.push({ at, by, kind: 'reopened', text: event.reason ?? '' });
      } else if (event.kind === 'status_changed' && d.action === 'resolve') {
        // The resolution notes are the desk's working notes: the employee is told it is resolved, not what was typed.
        notes.push({ at, by, kind: 'resolved', text: 'The desk marked your request resolved.' });
      }
    }
    return notes;
  }
}

/** The desk's question while it waits: the note of the move into Pending user response. */
function lastQuestion(events: readonly CaseEventRow[]): RequestView['question'] {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as CaseEventRow;
    if (event.kind !== 'status_changed') continue;
    const d = JSON.parse(event.detail) as EventDetail;
    if (d.action === 'pend') return { askedAt: iso(event.at), text: event.reason ?? d.asked ?? '' };
  }
  return null;
}
