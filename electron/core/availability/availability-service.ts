/**
 * Staff availability (issue 14): absences, working hours and pager addresses, the on-call roster
 * and its hand-over notes, skills, a case's difficulty, who is in, out or on call now, and
 * assignment suggestions. Instants are epoch ms inside; ISO strings at the contract.
 *
 * Who may edit: supervisors everything; anyone their own absences and the hand-over note of their
 * own shift. Hours, pager address and skills are audited in staff_audit like other staff changes.
 */
import { DateTime } from 'luxon';
import { In, LessThan, MoreThan, Not, type DataSource, type EntityManager } from 'typeorm';
import {
  AVAILABILITY_LIMITS,
  DIFFICULTY_LEVELS,
  type AbsenceKind,
  type AssignmentSuggestions,
  type AvailabilityChange,
  type Difficulty,
  type PresenceBoard,
  type PresenceRow,
  type RosterShift,
  type StaffAbsence,
  type StaffAvailabilityProfile,
  type StaffSkill,
  type WorkingHours,
} from '../../../shared/availability';
import type { ChannelParsedInput } from '../../../shared/contract';
import { OPEN_CASE_STATUSES, type Priority, type QueueCase, type StaffMember } from '../../../shared/domain';
import type { Clock } from '../clock';
import { OnCallShiftEntity, StaffAbsenceEntity, StaffSkillEntity, type OnCallShiftRow, type StaffAbsenceRow, type StaffSkillRow } from '../db/availability-entities';
import { isPostgres } from '../db/dialect';
import { CalendarClosureEntity, CaseEntity, StaffAuditEntity, StaffEntity, type StaffRow } from '../db/entities';
import { readAfterCommit, writeTransaction } from '../db/write-transaction';
import type { ReferenceListService } from '../directory/reference-lists';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import { DAY_MS, toIso } from '../instants';
import { DEFAULT_CALENDAR_SPEC, type BusinessCalendar, type CalendarSpec } from '../sla';
import { SlaInputError } from '../sla/sla-errors';
import { normalizeWeeklyHours, type WeeklyHours } from '../sla/weekly-hours';
import type { CaseReader } from '../services/case-reader';
import { deskInstantWords, loadForChange, writeCaseChange } from '../services/case-writer';
import type { SlaFacade } from '../services/sla-facade';
import { rankCandidates, type CandidateFacts } from './assignment-suggestions';
import { awayMarksAt, awayMarksFrom } from './away-marks';
import { onCallAt } from './on-call-roster';
import { isWorkingAt, staffCalendar, storedWorkingHours, workingMsBetween, type Span } from './working-time';

/** What a list of absences or shifts covers when not told: this week and the next three. */
const DEFAULT_WEEKS = 4;
/** A listing may span at most this much (a year and a bit): enough for any screen, bounded for the database. */
const MAX_LIST_SPAN_MS = 400 * DAY_MS;

type AbsenceInput = ChannelParsedInput<'availability.saveAbsence'>;
type ShiftInput = ChannelParsedInput<'availability.saveShift'>;

export class AvailabilityService {
  private closures: { date: string; name: string }[] | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sla: SlaFacade,
    private readonly reader: CaseReader,
    private readonly lists: ReferenceListService,
  ) {
    // The district's closures are part of everyone's working time: read them again when they change.
    events.subscribe((name) => {
      if (name === 'calendar.changed' || name === 'live.status') this.closures = null;
    });
  }

  // ── Presence ──────────────────────────────────────────────────────────────

  /** Every active staff member now: in, out (until…) or off, and whether on call. */
  async now(): Promise<PresenceBoard> {
    const at = this.clock.now();
    const staff = await this.db.getRepository(StaffEntity).find({ where: { active: true }, order: { name: 'ASC', id: 'ASC' } });
    const [away, onCall, desk] = await Promise.all([awayMarksAt(this.db, at), onCallAt(this.db.manager, at), this.deskSpec()]);
    const shifts = new Map(onCall.map((o) => [o.staffId, o]));
    const people: PresenceRow[] = staff.map((s) => {
      const mark = away.marks.get(s.id) ?? null;
      const calendar = staffCalendar(desk, hoursOf(s));
      const state = mark ? 'out' : calendar.isOpen(at) ? 'in' : 'off';
      const shift = shifts.get(s.id);
      return {
        staffId: s.id,
        name: s.name,
        role: s.role,
        state,
        away: mark,
        backAt: state === 'off' ? toIso(calendar.nextOpenAt(at)) : null,
        onCall: shift !== undefined,
        onCallUntil: shift ? toIso(shift.shiftEndsAt) : null,
      };
    });
    return { at: toIso(at), people };
  }

  // ── Absences ──────────────────────────────────────────────────────────────

  async absences(input: ChannelParsedInput<'availability.absences'>): Promise<StaffAbsence[]> {
    const [from, to] = this.listRange(input.from, input.to, this.clock.now());
    const rows = await this.db.getRepository(StaffAbsenceEntity).find({
      where: { startsAt: LessThan(to), endsAt: MoreThan(from), ...(input.staffId !== undefined ? { staffId: input.staffId } : {}) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    return this.toAbsences(this.db.manager, rows);
  }

  async saveAbsence(input: AbsenceInput, actor: StaffMember): Promise<StaffAbsence> {
    const [startsAt, endsAt] = this.absenceSpan(input);
    const saved = await writeTransaction(this.db, async (m) => {
      await this.requireStaff(m, input.staffId, 'staffId');
      const repo = m.getRepository(StaffAbsenceEntity);
      if (input.id !== undefined) {
        const existing = await repo.findOneBy({ id: input.id });
        if (!existing) throw new DomainError('not_found', `No absence has id ${input.id}`, 'id');
        mayEditAbsenceOf(actor, existing.staffId);
      }
      mayEditAbsenceOf(actor, input.staffId);
      const fields = { staffId: input.staffId, kind: input.kind as AbsenceKind, startsAt, endsAt, note: input.note ?? null };
      if (input.id !== undefined) {
        await repo.update({ id: input.id }, fields);
        return repo.findOneByOrFail({ id: input.id });
      }
      return repo.save(repo.create({ ...fields, createdById: actor.id, createdAt: this.clock.now() }));
    });
    this.changed(saved.staffId, 'absence');
    const [one] = await this.toAbsences(this.db.manager, [saved]);
    return one!;
  }

  async deleteAbsence(id: number, actor: StaffMember): Promise<{ id: number }> {
    const staffId = await writeTransaction(this.db, async (m) => {
      const row = await m.getRepository(StaffAbsenceEntity).findOneBy({ id });
      if (!row) throw new DomainError('not_found', `No absence has id ${id}`, 'id');
      mayEditAbsenceOf(actor, row.staffId);
      await m.getRepository(StaffAbsenceEntity).delete({ id });
      return row.staffId;
    });
    this.changed(staffId, 'absence');
    return { id };
  }

  // ── On-call roster ────────────────────────────────────────────────────────

  async roster(input: ChannelParsedInput<'availability.roster'>): Promise<RosterShift[]> {
    const now = this.clock.now();
    const [from, to] = this.listRange(input.from ?? toIso(this.weekStart(now)), input.to, now);
    // Shifts a little past the range too: the last one's hand-over names who comes next.
    const rows = await this.db.getRepository(OnCallShiftEntity).find({
      where: { startsAt: LessThan(to + 7 * DAY_MS), endsAt: MoreThan(from) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    const shown = await this.toShifts(this.db.manager, rows);
    return shown.filter((s) => Date.parse(s.startsAt) < to);
  }

  /**
   * A roster normally has one person on call at a time, so a shift overlapping another person's is
   * refused, naming theirs, unless it is marked a deliberate second line (kept for this save only:
   * the roster stores no "line", so changing it later asks again). The same person twice: never.
   */
  async saveShift(input: ShiftInput, actor: StaffMember): Promise<RosterShift> {
    const startsAt = Date.parse(input.startsAt);
    const endsAt = Date.parse(input.endsAt);
    checkSpan(startsAt, endsAt, 'endsAt');
    const saved = await writeTransaction(this.db, async (m) => {
      // Two supervisors adding overlapping shifts at once take turns (SQLite writes one at a time anyway).
      if (isPostgres(this.db)) await m.query(`SELECT pg_advisory_xact_lock(hashtext('deskwatch.on_call_shift'))`);
      const person = await this.requireStaff(m, input.staffId, 'staffId');
      if (person.role === 'agent') throw new DomainError('invalid_input', `${person.name} is an agent; only technicians and supervisors go on call`, 'staffId');
      const repo = m.getRepository(OnCallShiftEntity);
      if (input.id !== undefined && !(await repo.findOneBy({ id: input.id }))) throw new DomainError('not_found', `No shift has id ${input.id}`, 'id');
      const overlapping = await repo.find({
        where: { startsAt: LessThan(endsAt), endsAt: MoreThan(startsAt), ...(input.id !== undefined ? { id: Not(input.id) } : {}) },
        order: { startsAt: 'ASC' },
      });
      const clash = overlapping.find((s) => s.staffId === input.staffId) ?? (input.secondLine ? undefined : overlapping[0]);
      if (clash) {
        const who = clash.staffId === input.staffId ? `${person.name} is already on call` : `${await this.nameOf(m, clash.staffId)} is on call`;
        const hint = clash.staffId === input.staffId ? 'Change the start or the end' : 'One person is on call at a time: change the start, or mark this shift a second line';
        throw new DomainError('invalid_input', `startsAt: ${who} ${this.spanWords(clash.startsAt, clash.endsAt)}. ${hint}.`, 'startsAt');
      }
      const now = this.clock.now();
      if (input.id !== undefined) {
        await repo.update({ id: input.id }, { staffId: input.staffId, startsAt, endsAt, updatedAt: now });
        return repo.findOneByOrFail({ id: input.id });
      }
      return repo.save(repo.create({ staffId: input.staffId, startsAt, endsAt, handoverNote: null, createdById: actor.id, createdAt: now, updatedAt: now }));
    });
    this.changed(saved.staffId, 'shift');
    return this.shiftAsShown(saved);
  }

  async deleteShift(id: number): Promise<{ id: number }> {
    const row = await writeTransaction(this.db, async (m) => {
      const found = await m.getRepository(OnCallShiftEntity).findOneBy({ id });
      if (!found) throw new DomainError('not_found', `No shift has id ${id}`, 'id');
      await m.getRepository(OnCallShiftEntity).delete({ id });
      return found;
    });
    this.changed(row.staffId, 'shift');
    return { id };
  }

  /** The person on the shift (or a supervisor) writes what the next person on call needs to know. */
  async handover(input: ChannelParsedInput<'availability.handover'>, actor: StaffMember): Promise<RosterShift> {
    const saved = await writeTransaction(this.db, async (m) => {
      const repo = m.getRepository(OnCallShiftEntity);
      const row = await repo.findOneBy({ id: input.shiftId });
      if (!row) throw new DomainError('not_found', `No shift has id ${input.shiftId}`, 'shiftId');
      if (actor.role !== 'supervisor' && actor.id !== row.staffId) {
        throw new DomainError('forbidden', 'Only the person on this shift or a supervisor may write its hand-over note', 'shiftId');
      }
      await repo.update({ id: row.id }, { handoverNote: input.note ?? null, updatedAt: this.clock.now() });
      return { ...row, handoverNote: input.note ?? null };
    });
    this.changed(saved.staffId, 'handover');
    return this.shiftAsShown(saved);
  }

  // ── Hours, pager, skills ──────────────────────────────────────────────────

  async profiles(): Promise<StaffAvailabilityProfile[]> {
    const staff = await this.db.getRepository(StaffEntity).find({ order: { name: 'ASC', id: 'ASC' } });
    return this.toProfiles(this.db.manager, staff);
  }

  async setHours(input: ChannelParsedInput<'availability.setHours'>, actor: StaffMember): Promise<StaffAvailabilityProfile> {
    const hours = input.workingHours === null ? null : checkedHours(input.workingHours);
    const json = hours === null ? null : JSON.stringify(hours);
    const pager = input.pagerAddress ?? null;
    const row = await writeTransaction(this.db, async (m) => {
      const found = await this.requireStaff(m, input.staffId, 'staffId');
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      if (found.workingHours !== json) {
        before['workingHours'] = storedWorkingHours(found.workingHours) as WorkingHours | null;
        after['workingHours'] = hours;
      }
      if (found.pagerAddress !== pager) {
        before['pagerAddress'] = found.pagerAddress;
        after['pagerAddress'] = pager;
      }
      if (Object.keys(after).length === 0) return found;
      const now = this.clock.now();
      await m.getRepository(StaffEntity).update({ id: found.id }, { workingHours: json, pagerAddress: pager, updatedAt: now });
      await audit(m, now, actor.id, found.id, before, after);
      return { ...found, workingHours: json, pagerAddress: pager };
    });
    this.changed(row.id, 'hours');
    const [profile] = await this.toProfiles(this.db.manager, [row]);
    return profile!;
  }

  async setSkills(input: ChannelParsedInput<'availability.setSkills'>, actor: StaffMember): Promise<StaffAvailabilityProfile> {
    const wanted = input.skills.map((s, i) => ({ categoryId: s.categoryId ?? null, system: s.system ?? null, level: s.level, index: i }));
    const seen = new Set<string>();
    for (const s of wanted) {
      const key = s.categoryId !== null ? `c${s.categoryId}` : `s${s.system!.toLowerCase()}`;
      if (seen.has(key)) throw new DomainError('invalid_input', `skills[${s.index}]: ${s.categoryId !== null ? 'that category' : `the system "${s.system}"`} is listed twice`, `skills.${s.index}`);
      seen.add(key);
    }
    const categoryIds = wanted.map((s) => s.categoryId).filter((c): c is number => c !== null);
    const known = await this.lists.names('categories', categoryIds);
    const unknown = wanted.find((s) => s.categoryId !== null && !known.has(s.categoryId));
    if (unknown) throw new DomainError('invalid_input', `skills[${unknown.index}]: no category has id ${unknown.categoryId}`, `skills.${unknown.index}.categoryId`);
    const row = await writeTransaction(this.db, async (m) => {
      const found = await this.requireStaff(m, input.staffId, 'staffId');
      const repo = m.getRepository(StaffSkillEntity);
      const before = (await repo.find({ where: { staffId: found.id }, order: { id: 'ASC' } })).map(skillAudit);
      await repo.delete({ staffId: found.id });
      if (wanted.length) await repo.insert(wanted.map((s) => ({ staffId: found.id, categoryId: s.categoryId, system: s.system, level: s.level })));
      const after = wanted.map(skillAudit);
      if (JSON.stringify(before) !== JSON.stringify(after)) await audit(m, this.clock.now(), actor.id, found.id, { skills: before }, { skills: after });
      return found;
    });
    this.changed(row.id, 'skills');
    const [profile] = await this.toProfiles(this.db.manager, [row]);
    return profile!;
  }

  // ── Case difficulty and suggestions ───────────────────────────────────────

  async setDifficulty(input: ChannelParsedInput<'cases.setDifficulty'>, actor: StaffMember): Promise<QueueCase> {
    const now = this.clock.now();
    const when = deskInstantWords(this.sla, now);
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadForChange(when, m, input.id, input.version);
      if (current.difficulty === input.difficulty) return current;
      return writeCaseChange(when, m, current, input.version, { difficulty: input.difficulty }, {
        kind: 'updated',
        actorId: actor.id,
        at: now,
        detail: { fields: ['difficulty'], from: current.difficulty, to: input.difficulty },
      });
    });
    if (row.version !== input.version) this.events.publish('cases.changed', { caseId: row.id, version: row.version, change: 'updated' });
    return readAfterCommit(() => this.reader.queueCase(row));
  }

  /** Technicians (and supervisors with recorded skills) ranked for a case, with reasons. */
  async suggest(caseId: number): Promise<AssignmentSuggestions> {
    const at = this.clock.now();
    const c = await this.db.getRepository(CaseEntity).findOneBy({ id: caseId });
    if (!c) throw new DomainError('not_found', `No case has id ${caseId}`, 'caseId');
    const staff = await this.db.getRepository(StaffEntity).find({ where: { active: true, role: In(['technician', 'supervisor']) }, order: { name: 'ASC' } });
    const ids = staff.map((s) => s.id);
    const [skills, absences, onCall, desk, load, categoryNames] = await Promise.all([
      ids.length ? this.db.getRepository(StaffSkillEntity).findBy({ staffId: In(ids) }) : Promise.resolve([] as StaffSkillRow[]),
      ids.length ? this.db.getRepository(StaffAbsenceEntity).find({ where: { staffId: In(ids), endsAt: MoreThan(at) } }) : Promise.resolve([] as StaffAbsenceRow[]),
      onCallAt(this.db.manager, at),
      this.deskSpec(),
      this.openLoad(),
      this.lists.names('categories', [c.categoryId]),
    ]);
    const away = awayMarksFrom(absences, at);
    const text = `${c.summary}\n${c.description}`.toLowerCase();
    const categoryName = c.categoryId === null ? null : (categoryNames.get(c.categoryId) ?? null);
    const onCallIds = new Set(onCall.map((o) => o.staffId));
    const endOfDay = DateTime.fromMillis(at, { zone: desk.zone }).endOf('day').toMillis() + 1;
    const candidates: CandidateFacts[] = [];
    for (const s of staff) {
      const own = skills.filter((k) => k.staffId === s.id);
      if (s.role === 'supervisor' && own.length === 0) continue;
      const matches = own
        .filter((k) => (k.categoryId !== null && k.categoryId === c.categoryId) || (k.system !== null && text.includes(k.system.toLowerCase())))
        .map((k) => ({ subject: k.system ?? categoryName ?? 'this category', level: k.level as Difficulty, system: k.system !== null }));
      const spans: Span[] = absences.filter((a) => a.staffId === s.id).map((a) => [a.startsAt, a.endsAt] as const);
      const calendar: BusinessCalendar = staffCalendar(desk, hoursOf(s));
      const mark = away.marks.get(s.id) ?? null;
      candidates.push({
        staffId: s.id,
        name: s.name,
        presence: mark ? 'out' : isWorkingAt(calendar, spans, at) ? 'in' : 'off',
        away: mark,
        msLeftToday: workingMsBetween(calendar, spans, at, endOfDay),
        onCall: onCallIds.has(s.id),
        openByPriority: load.get(s.id) ?? new Map(),
        matches,
      });
    }
    const words = (iso: string) => this.sla.describeDue(Date.parse(iso), at);
    const judged = c.difficulty ?? null;
    const difficulty = isDifficulty(judged) ? judged : null;
    return { caseId, difficulty, suggestions: rankCandidates({ priority: c.priority, difficulty, categoryName }, candidates, words) };
  }

  // ── Helpers ───────────────────────────────────────────────────────────────

  /** The desk's calendar as a spec (the agreement's hours, holidays and the district's closures), which each person's hours replace. */
  private async deskSpec(): Promise<CalendarSpec> {
    this.closures ??= (await this.db.getRepository(CalendarClosureEntity).find({ order: { date: 'ASC' } })).map((r) => ({ date: r.date, name: r.name }));
    return { ...DEFAULT_CALENDAR_SPEC, zone: this.sla.timeZone, closures: this.closures };
  }

  private async openLoad(): Promise<Map<number, Map<Priority, number>>> {
    const rows: { assigneeId: number | string; priority: number | string; n: number | string }[] = await this.db
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .select('c.assigneeId', 'assigneeId')
      .addSelect('c.priority', 'priority')
      .addSelect('COUNT(*)', 'n')
      .where('c.status IN (:...open) AND c.assigneeId IS NOT NULL', { open: [...OPEN_CASE_STATUSES] })
      .groupBy('c.assigneeId')
      .addGroupBy('c.priority')
      .getRawMany();
    const load = new Map<number, Map<Priority, number>>();
    for (const r of rows) {
      const byPriority = load.get(Number(r.assigneeId)) ?? new Map<Priority, number>();
      byPriority.set(Number(r.priority) as Priority, Number(r.n));
      load.set(Number(r.assigneeId), byPriority);
    }
    return load;
  }

  private absenceSpan(input: AbsenceInput): [number, number] {
    if (input.startsAt !== undefined && input.endsAt !== undefined) {
      const span: [number, number] = [Date.parse(input.startsAt), Date.parse(input.endsAt)];
      checkSpan(span[0], span[1], 'endsAt');
      return span;
    }
    // Whole days in the desk's zone: from the first day's midnight to the midnight after the last.
    const zone = this.sla.timeZone;
    const first = DateTime.fromISO(input.fromDate!, { zone });
    const last = DateTime.fromISO(input.toDate!, { zone });
    if (!first.isValid) throw new DomainError('invalid_input', `First day ${input.fromDate} is not a date`, 'fromDate');
    if (!last.isValid) throw new DomainError('invalid_input', `Last day ${input.toDate} is not a date`, 'toDate');
    if (last < first) throw new DomainError('invalid_input', 'The last day must not be before the first day', 'toDate');
    const span: [number, number] = [first.startOf('day').toMillis(), last.plus({ days: 1 }).startOf('day').toMillis()];
    checkSpan(span[0], span[1], 'toDate');
    return span;
  }

  private listRange(fromIso: string | undefined, toIso_: string | undefined, now: number): [number, number] {
    const from = fromIso === undefined ? now : Date.parse(fromIso);
    const to = toIso_ === undefined ? from + DEFAULT_WEEKS * 7 * DAY_MS : Date.parse(toIso_);
    if (to <= from) throw new DomainError('invalid_input', 'The end of the range must be after its start', 'to');
    if (to - from > MAX_LIST_SPAN_MS) throw new DomainError('invalid_input', 'Ask for at most 400 days at once', 'to');
    return [from, to];
  }

  /** Monday 00:00 of the desk's week holding `at`. */
  private weekStart(at: number): number {
    return DateTime.fromMillis(at, { zone: this.sla.timeZone }).startOf('week').toMillis();
  }

  private async requireStaff(m: EntityManager, id: number, field: string): Promise<StaffRow> {
    const row = await m.getRepository(StaffEntity).findOneBy({ id });
    if (!row) throw new DomainError('invalid_input', `No staff member has id ${id}`, field);
    if (!row.active) throw new DomainError('invalid_input', `${row.name} is inactive`, field);
    return row;
  }

  private async nameOf(m: EntityManager, id: number): Promise<string> {
    return (await m.getRepository(StaffEntity).findOneBy({ id }))?.name ?? `Staff member ${id}`;
  }

  private spanWords(from: number, to: number): string {
    const zone = this.sla.timeZone;
    const f = (t: number) => DateTime.fromMillis(t, { zone }).setLocale('en-US').toFormat('ccc LLL d h:mm a');
    return `from ${f(from)} to ${f(to)}`;
  }

  /** What changed is not said: a console reads presence, the roster or the profiles again either way. */
  private changed(staffId: number, _change: AvailabilityChange): void {
    this.events.publish('availability.changed', { staffId });
  }

  private async toAbsences(m: EntityManager, rows: readonly StaffAbsenceRow[]): Promise<StaffAbsence[]> {
    const names = await this.names(m, rows.flatMap((r) => [r.staffId, r.createdById]));
    return rows.map((r) => ({
      id: r.id,
      staffId: r.staffId,
      staffName: names.get(r.staffId) ?? '',
      kind: r.kind,
      startsAt: toIso(r.startsAt),
      endsAt: toIso(r.endsAt),
      note: r.note,
      createdByName: r.createdById === null ? null : (names.get(r.createdById) ?? null),
    }));
  }

  private async shiftAsShown(row: OnCallShiftRow): Promise<RosterShift> {
    const neighbours = await this.db.getRepository(OnCallShiftEntity).find({
      where: { startsAt: LessThan(row.endsAt + DAY_MS), endsAt: MoreThan(row.endsAt - DAY_MS) },
    });
    const all = await this.toShifts(this.db.manager, [row, ...neighbours.filter((n) => n.id !== row.id)]);
    return all.find((s) => s.id === row.id)!;
  }

  /** Shifts in words, each with who it hands over to: another person's shift running at its end. */
  private async toShifts(m: EntityManager, rows: readonly OnCallShiftRow[]): Promise<RosterShift[]> {
    const names = await this.names(m, rows.map((r) => r.staffId));
    const staffIds = [...new Set(rows.map((r) => r.staffId))];
    const lo = Math.min(...rows.map((r) => r.startsAt));
    const hi = Math.max(...rows.map((r) => r.endsAt));
    const absences = staffIds.length
      ? await m.getRepository(StaffAbsenceEntity).find({ where: { staffId: In(staffIds), startsAt: LessThan(hi), endsAt: MoreThan(lo) } })
      : [];
    const byStart = [...rows].sort((a, b) => a.startsAt - b.startsAt || a.id - b.id);
    return byStart.map((r) => {
      const next = byStart.find((n) => n.staffId !== r.staffId && n.startsAt <= r.endsAt && n.endsAt > r.endsAt && n.startsAt >= r.startsAt);
      return {
        id: r.id,
        staffId: r.staffId,
        staffName: names.get(r.staffId) ?? '',
        startsAt: toIso(r.startsAt),
        endsAt: toIso(r.endsAt),
        handoverNote: r.handoverNote,
        handsOverTo: next ? { staffId: next.staffId, staffName: names.get(next.staffId) ?? '', at: toIso(r.endsAt) } : null,
        personAway: absences.some((a) => a.staffId === r.staffId && a.startsAt < r.endsAt && a.endsAt > r.startsAt),
      };
    });
  }

  private async toProfiles(m: EntityManager, staff: readonly StaffRow[]): Promise<StaffAvailabilityProfile[]> {
    const ids = staff.map((s) => s.id);
    const skills = ids.length ? await m.getRepository(StaffSkillEntity).find({ where: { staffId: In(ids) }, order: { id: 'ASC' } }) : [];
    const categories = await this.lists.names('categories', skills.map((s) => s.categoryId));
    return staff.map((s) => ({
      staffId: s.id,
      name: s.name,
      role: s.role,
      active: Boolean(s.active),
      workingHours: storedWorkingHours(s.workingHours) as WorkingHours | null,
      pagerAddress: s.pagerAddress,
      skills: skills
        .filter((k) => k.staffId === s.id)
        .map((k): StaffSkill => ({ categoryId: k.categoryId, categoryName: k.categoryId === null ? null : (categories.get(k.categoryId) ?? null), system: k.system, level: k.level as Difficulty })),
    }));
  }

  private async names(m: EntityManager, ids: readonly (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await m.getRepository(StaffEntity).find({ where: { id: In(wanted) }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

/** A person records their own absences; a supervisor anyone's. */
function mayEditAbsenceOf(actor: StaffMember, staffId: number): void {
  if (actor.role !== 'supervisor' && actor.id !== staffId) {
    throw new DomainError('forbidden', "Only a supervisor may record or change someone else's absence", 'staffId');
  }
}

function checkSpan(startsAt: number, endsAt: number, field: string): void {
  if (!(endsAt > startsAt)) throw new DomainError('invalid_input', 'The end must be after the start', field);
  const days = AVAILABILITY_LIMITS.maxSpanDays;
  if (endsAt - startsAt > days * DAY_MS) throw new DomainError('invalid_input', `At most ${days} days at once; check the dates`, field);
}

/** Weekly hours as the SLA calendar reads them, or an `invalid_input` naming the day and interval. */
function checkedHours(hours: WorkingHours): WorkingHours {
  try {
    normalizeWeeklyHours(hours as WeeklyHours, 'workingHours');
  } catch (error) {
    if (error instanceof SlaInputError) throw new DomainError('invalid_input', error.message, error.field);
    throw error;
  }
  return hours;
}

function hoursOf(s: StaffRow): WeeklyHours | null {
  return storedWorkingHours(s.workingHours);
}

function isDifficulty(n: number | null): n is Difficulty {
  return n !== null && (DIFFICULTY_LEVELS as readonly number[]).includes(n);
}

function skillAudit(s: { categoryId: number | null; system: string | null; level: number }): Record<string, unknown> {
  return s.categoryId !== null ? { categoryId: s.categoryId, level: s.level } : { system: s.system, level: s.level };
}

/** Availability changes go into the staff audit as updates of the person's record. */
async function audit(m: EntityManager, at: number, actorId: number, staffId: number, before: Record<string, unknown>, after: Record<string, unknown>): Promise<void> {
  await m.getRepository(StaffAuditEntity).insert({ at, actorId, staffId, change: 'updated', beforeJson: JSON.stringify(before), afterJson: JSON.stringify(after) });
}

