/**
 * Announcements: supervisors write drafts and publish them; technicians and supervisors post
 * updates until one is closed; intake matches calls to open outages and links cases to them.
 * Each change is one transaction, announced on the event bus (`announcements.changed`) after it
 * commits so open consoles read it again. The email to employees is queued by an observer inside
 * the publish and close transactions (announcement-mail.ts); the status page reads `current()`.
 */
import { In, LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import {
  CURRENT_LOOKAHEAD_MS,
  formatAnnouncementNumber,
  type Announcement,
  type AnnouncementChange,
  type AnnouncementKind,
  type AnnouncementReminder,
  type AnnouncementSettings,
  type AnnouncementState,
} from '../../../shared/announcements';
import type { StaffMember } from '../../../shared/domain';
import type { Clock } from '../clock';
import { AnnouncementCaseEntity, AnnouncementEntity, AnnouncementUpdateEntity, type AnnouncementRow } from '../db/announcement-entities';
import { CaseEntity, StaffEntity } from '../db/entities';
import { readAfterCommit, writeTransaction } from '../db/write-transaction';
import type { ReferenceListService } from '../directory/reference-lists';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import type { SlaFacade } from '../services/sla-facade';
import { reminderDue, isLateNotice, noticeDeadline } from './advance-notice';
import { checkDraft, checkPublish, isOutsideWindow, KIND_RULES } from './announcement-rules';
import { checkReferences, guardedUpdate, loadForChange, loadRow, replaceBuildings, withParts, type AnnouncementParts } from './announcement-store';
import { toAnnouncement } from './announcement-view';
import type { NoticeSetting } from './notice-setting';
import { outageMatchesCall, type CallPlace } from './outage-match';

export interface AnnouncementDraftInput {
  id?: number | undefined;
  version?: number | undefined;
  kind: AnnouncementKind;
  title: string;
  description: string;
  affectedServices: string[];
  buildingIds: number[];
  categoryId?: number | null | undefined;
  /** ISO instant. */
  startAt: string;
  expectedMinutes: number;
  outsideWindowReason?: string | null | undefined;
}

export interface AnnouncementFilter {
  scope?: 'current' | 'all' | undefined;
  states?: AnnouncementState[] | undefined;
  kinds?: AnnouncementKind[] | undefined;
  limit?: number | undefined;
}

const DEFAULT_LIST_LIMIT = 100;

/** Told inside the transaction that publishes or closes an announcement (the employees' email is queued so). */
export type AnnouncementObserver = (m: EntityManager, row: AnnouncementRow, change: 'published' | 'updated' | 'closed') => Promise<void>;

export class AnnouncementService {
  private readonly observers: AnnouncementObserver[] = [];

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sla: SlaFacade,
    private readonly lists: ReferenceListService,
    private readonly notice: NoticeSetting,
  ) {}

  /** Adds an observer of publishing, posted updates and closing (it runs in their transaction: if it throws, nothing changes). */
  observe(observer: AnnouncementObserver): void {
    this.observers.push(observer);
  }

  /** Published, not closed, and starting within a day or already started: what intake, email and the status page show now. */
  async current(now: number = this.clock.now()): Promise<Announcement[]> {
    const rows = await this.db.getRepository(AnnouncementEntity).find({
      where: { state: 'published', startAt: LessThanOrEqual(now + CURRENT_LOOKAHEAD_MS) },
      order: { startAt: 'ASC', id: 'ASC' },
    });
    return this.view(this.db.manager, rows);
  }

  /** Current announcements, or all with filters (newest first). Agents see no drafts. */
  async list(filter: AnnouncementFilter, actor: StaffMember | null): Promise<Announcement[]> {
    if (filter.scope !== 'all') return this.current();
    const states = (filter.states ?? ['draft', 'published', 'closed']).filter((s) => s !== 'draft' || mayReadDrafts(actor));
    const rows = await this.db.getRepository(AnnouncementEntity).find({
      where: { state: In(states), ...(filter.kinds ? { kind: In(filter.kinds) } : {}) },
      order: { startAt: 'DESC', id: 'DESC' },
      take: filter.limit ?? DEFAULT_LIST_LIMIT,
    });
    return this.view(this.db.manager, rows);
  }

  async get(id: number, actor: StaffMember | null): Promise<Announcement> {
    const row = await loadRow(this.db.manager, id);
    if (row.state === 'draft' && !mayReadDrafts(actor)) throw new DomainError('not_found', `No announcement ${formatAnnouncementNumber(id)}`, 'id');
    return this.one(this.db.manager, row);
  }

  /** A new draft (no id) or a change to a draft. */
  async save(input: AnnouncementDraftInput, actor: StaffMember): Promise<Announcement> {
    const now = this.clock.now();
    const startAt = instantOf(input.startAt, 'startAt');
    const timing = { kind: input.kind, startAt, expectedMinutes: input.expectedMinutes, outsideWindowReason: input.outsideWindowReason ?? null };
    checkDraft(timing, now, this.sla.timeZone);
    const categoryId = input.categoryId ?? null;
    const fields = {
      kind: input.kind,
      title: requireText(input.title, 'title', 'Title'),
      description: input.description,
      affectedServices: JSON.stringify(input.affectedServices.map((s) => s.trim()).filter(Boolean)),
      startAt,
      expectedMinutes: input.expectedMinutes,
      outsideWindow: isOutsideWindow(timing, this.sla.timeZone),
      outsideWindowReason: timing.outsideWindowReason?.trim() || null,
      categoryId,
      updatedAt: now,
    };
    const { row, change } = await writeTransaction(this.db, async (m) => {
      await checkReferences(m, input.buildingIds, categoryId);
      let row: AnnouncementRow;
      if (input.id === undefined) {
        const created = { ...fields, state: 'draft' as const, authorId: actor.id, publishedAt: null, closedAt: null, remindedAt: null, lateNotice: false, version: 1, createdAt: now };
        const result = await m.getRepository(AnnouncementEntity).insert(created);
        row = { ...created, id: Number(result.identifiers[0]?.id) };
      } else {
        if (input.version === undefined) throw new DomainError('invalid_input', 'Give the version you edited', 'version');
        const current = await loadForChange(m, input.id, input.version);
        if (current.state !== 'draft') throw new DomainError('invalid_input', `Announcement ${formatAnnouncementNumber(current.id)} is ${current.state}: only a draft can be edited; post an update instead`, 'id');
        // A new start has a new notice deadline: its author is reminded again if that one passes too.
        row = await guardedUpdate(m, current, input.version, fields.startAt === current.startAt ? fields : { ...fields, remindedAt: null });
      }
      await replaceBuildings(m, row.id, [...new Set(input.buildingIds)]);
      return { row, change: (input.id === undefined ? 'created' : 'updated') as AnnouncementChange };
    });
    return this.announce(row, change);
  }

  /** Publishes a draft: planned maintenance outside the window needs a reason (and is flagged); late notice is flagged. */
  async publish(input: { id: number; version: number; outsideWindowReason?: string | null | undefined }, actor: StaffMember): Promise<Announcement> {
    const now = this.clock.now();
    const days = (await this.notice.read()).noticeBusinessDays;
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadForChange(m, input.id, input.version);
      if (current.state !== 'draft') throw new DomainError('invalid_input', `Announcement ${formatAnnouncementNumber(current.id)} is already ${current.state}`, 'id');
      const reason = input.outsideWindowReason?.trim() || current.outsideWindowReason;
      const timing = { kind: current.kind, startAt: current.startAt, expectedMinutes: current.expectedMinutes, outsideWindowReason: reason };
      checkPublish(timing, now, this.sla.timeZone);
      const planned = KIND_RULES[current.kind].planned;
      const lateNotice = planned && isLateNotice(now, noticeDeadline(current.startAt, days, this.sla));
      const outsideWindow = isOutsideWindow(timing, this.sla.timeZone);
      const published = await guardedUpdate(m, current, input.version, {
        state: 'published',
        publishedAt: now,
        lateNotice,
        outsideWindow,
        outsideWindowReason: outsideWindow ? reason : current.outsideWindowReason,
        // Who published it answers for it (and hears its reminders from now on).
        authorId: current.authorId ?? actor.id,
        updatedAt: now,
      });
      for (const observer of this.observers) await observer(m, published, 'published');
      return published;
    });
    return this.announce(row, 'published');
  }

  /** An update to a published announcement ("service restored in building 3", "running an hour over"). */
  async addUpdate(input: { id: number; text: string }, actor: StaffMember): Promise<Announcement> {
    const now = this.clock.now();
    const text = requireText(input.text, 'text', 'Update');
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadRow(m, input.id);
      if (current.state !== 'published') {
        throw new DomainError('invalid_input', `Updates are posted to published announcements; ${formatAnnouncementNumber(current.id)} is ${current.state}`, 'id');
      }
      await m.getRepository(AnnouncementUpdateEntity).insert({ announcementId: current.id, at: now, authorId: actor.id, text });
      const updated = await guardedUpdate(m, current, current.version, { updatedAt: now });
      for (const observer of this.observers) await observer(m, updated, 'updated');
      return updated;
    });
    return this.announce(row, 'updated');
  }

  /** Closes a published announcement (its linked cases stay as they are: see resolveOutage). */
  async close(input: { id: number; version: number }): Promise<Announcement> {
    const row = await writeTransaction(this.db, (m) => this.closeIn(m, input.id, input.version, this.clock.now()));
    return this.announce(row, 'closed');
  }

  /** Open outages a call may belong to (intake offers to link the new case). */
  async matchingOutages(call: Partial<CallPlace>): Promise<Announcement[]> {
    const place = { buildingId: call.buildingId ?? null, categoryId: call.categoryId ?? null };
    const rows = await this.db.getRepository(AnnouncementEntity).find({ where: { state: 'published', kind: 'unplanned_outage' }, order: { startAt: 'DESC', id: 'DESC' } });
    const parts = await withParts(this.db.manager, rows);
    const matching = parts.filter((p) => outageMatchesCall({ ...p.row, buildingIds: p.buildingIds }, place));
    return this.viewParts(matching);
  }

  async linkCase(input: { id: number; caseId: number }, actor: StaffMember): Promise<Announcement> {
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (m) => {
      const outage = await openOutage(m, input.id);
      await existingCase(m, input.caseId);
      const links = m.getRepository(AnnouncementCaseEntity);
      if (!(await links.findOneBy({ announcementId: outage.id, caseId: input.caseId }))) {
        await links.insert({ announcementId: outage.id, caseId: input.caseId, linkedAt: now, linkedById: actor.id });
      }
      return guardedUpdate(m, outage, outage.version, { updatedAt: now });
    });
    return this.announce(row, 'linked');
  }

  async unlinkCase(input: { id: number; caseId: number }): Promise<Announcement> {
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (m) => {
      const outage = await openOutage(m, input.id);
      const result = await m.getRepository(AnnouncementCaseEntity).delete({ announcementId: outage.id, caseId: input.caseId });
      if (!result.affected) throw new DomainError('not_found', `Case ${input.caseId} is not linked to ${formatAnnouncementNumber(outage.id)}`, 'caseId');
      return guardedUpdate(m, outage, outage.version, { updatedAt: now });
    });
    return this.announce(row, 'linked');
  }

  /** The desk's announcement settings (how far ahead planned work is announced). */
  settings(): Promise<AnnouncementSettings> {
    return this.notice.read();
  }

  async saveSettings(settings: Omit<AnnouncementSettings, 'distributionList'> & { distributionList?: string | null | undefined }): Promise<AnnouncementSettings> {
    return this.notice.save(settings);
  }

  /**
   * Planned work still in draft whose notice deadline has passed and which has not started: each
   * author is to be reminded. Not wired into the SLA scheduler (its alert ledger is keyed by case):
   * a caller polls this.
   */
  async dueReminders(now: number = this.clock.now()): Promise<AnnouncementReminder[]> {
    const days = (await this.notice.read()).noticeBusinessDays;
    const planned = (Object.keys(KIND_RULES) as AnnouncementKind[]).filter((k) => KIND_RULES[k].planned);
    const drafts = await this.db.getRepository(AnnouncementEntity).find({ where: { state: 'draft', kind: In(planned) }, order: { startAt: 'ASC', id: 'ASC' } });
    return drafts.flatMap((row) => {
      const deadline = noticeDeadline(row.startAt, days, this.sla);
      if (!reminderDue(now, row.startAt, deadline)) return [];
      return [{ announcementId: row.id, authorId: row.authorId, title: row.title, startAt: new Date(row.startAt).toISOString(), noticeDeadline: new Date(deadline).toISOString() }];
    });
  }

  /** Closes inside a transaction (also used by the outage resolution). */
  async closeIn(m: EntityManager, id: number, version: number, now: number): Promise<AnnouncementRow> {
    const current = await loadForChange(m, id, version);
    if (current.state !== 'published') throw new DomainError('invalid_input', `Only a published announcement can be closed; ${formatAnnouncementNumber(id)} is ${current.state}`, 'id');
    const closed = await guardedUpdate(m, current, version, { state: 'closed', closedAt: now, updatedAt: now });
    for (const observer of this.observers) await observer(m, closed, 'closed');
    return closed;
  }

  /** Publishes the change on the event bus and answers the announcement as it now stands. */
  async announce(row: AnnouncementRow, change: AnnouncementChange): Promise<Announcement> {
    this.events.publish('announcements.changed', { announcementId: row.id, version: row.version, change });
    return readAfterCommit(async () => this.one(this.db.manager, await loadRow(this.db.manager, row.id)));
  }

  private async one(m: EntityManager, row: AnnouncementRow): Promise<Announcement> {
    const [announcement] = await this.view(m, [row]);
    return announcement as Announcement;
  }

  private async view(m: EntityManager, rows: readonly AnnouncementRow[]): Promise<Announcement[]> {
    return this.viewParts(await withParts(m, rows));
  }

  private async viewParts(parts: readonly AnnouncementParts[]): Promise<Announcement[]> {
    if (!parts.length) return [];
    const days = (await this.notice.read()).noticeBusinessDays;
    const buildings = await this.lists.names('buildings', parts.flatMap((p) => p.buildingIds));
    const staffIds = [...new Set(parts.flatMap((p) => [p.row.authorId, ...p.updates.map((u) => u.authorId)]).filter((id): id is number => id !== null))];
    const staff = new Map(staffIds.length ? (await this.db.getRepository(StaffEntity).findBy({ id: In(staffIds) })).map((s) => [s.id, s.name] as const) : []);
    return parts.map((p) => toAnnouncement(p, { buildings, staff }, KIND_RULES[p.row.kind].planned ? noticeDeadline(p.row.startAt, days, this.sla) : null));
  }
}

function mayReadDrafts(actor: StaffMember | null): boolean {
  return actor !== null && actor.role !== 'agent';
}

async function openOutage(m: EntityManager, id: number): Promise<AnnouncementRow> {
  const row = await loadRow(m, id);
  if (row.kind !== 'unplanned_outage') throw new DomainError('invalid_input', `${formatAnnouncementNumber(id)} is not an outage: only outages have linked cases`, 'id');
  if (row.state !== 'published') throw new DomainError('invalid_input', `Outage ${formatAnnouncementNumber(id)} is ${row.state}: cases are linked to a published outage`, 'id');
  return row;
}

async function existingCase(m: EntityManager, caseId: number): Promise<void> {
  if (!(await m.getRepository(CaseEntity).findOneBy({ id: caseId }))) throw new DomainError('not_found', `No case has id ${caseId}`, 'caseId');
}

function instantOf(text: string, field: string): number {
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new DomainError('invalid_input', 'Start must be a date and time like 2026-12-05T08:00:00-06:00', field);
  return at;
}

function requireText(text: string, field: string, label: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new DomainError('invalid_input', `${label} is required`, field);
  return trimmed;
}
