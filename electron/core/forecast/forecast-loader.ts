/**
 * What the breach forecast reads from the database: the open cases as the queue computes them
 * (their SLA due instants with pauses and parts applied, by the SLA facade), the staff on the
 * board with their working hours and absences, the desk's closures, and the resolved cases its
 * handling times are learned from.
 */
import { And, In, IsNull, LessThanOrEqual, MoreThan, MoreThanOrEqual, Not, type DataSource } from 'typeorm';
import type { QueueCase, TargetClock } from '../../../shared/domain';
import { CalendarClosureEntity, CaseEntity, StaffEntity } from '../db/entities';
import { StaffAbsenceEntity } from '../db/availability-entities';
import { staffCalendar, storedWorkingHours, type Span } from '../availability/working-time';
import { DEFAULT_CALENDAR_SPEC, type CalendarSpec } from '../sla';
import type { CaseReader } from '../services/case-reader';
import type { OpenCaseInput, TechnicianInput } from './forecast-types';
import type { ResolvedCase } from './learn-handling';

const DAY_MS = 86_400_000;
/** Handling times are learned from the cases resolved in this window before now… */
export const LEARN_WINDOW_DAYS = 180;
/** …at most this many, the most recent. */
export const LEARN_MAX_CASES = 20_000;

/** The desk's calendar as data: the agreement's hours with the district's closure dates. */
export async function deskCalendarSpec(db: DataSource): Promise<CalendarSpec> {
  const closures = await db.getRepository(CalendarClosureEntity).find({ order: { date: 'ASC' } });
  return { ...DEFAULT_CALENDAR_SPEC, closures: closures.map((c) => ({ date: c.date, name: c.name })) };
}

/** Active technicians and supervisors (the board's columns), each with their hours and the absences that touch [from, to). */
export async function loadTechnicians(db: DataSource, desk: CalendarSpec, from: number, to: number): Promise<TechnicianInput[]> {
  const staff = await db.getRepository(StaffEntity).find({ where: { active: true }, order: { name: 'ASC' } });
  const people = staff.filter((s) => s.role !== 'agent');
  const absences = people.length
    ? await db.getRepository(StaffAbsenceEntity).find({ where: { staffId: In(people.map((p) => p.id)), endsAt: MoreThan(from), startsAt: LessThanOrEqual(to) } })
    : [];
  const awayOf = new Map<number, Span[]>();
  for (const a of absences) {
    const list = awayOf.get(a.staffId) ?? [];
    list.push([a.startsAt, a.endsAt]);
    awayOf.set(a.staffId, list);
  }
  return people.map((p) => ({ id: p.id, name: p.name, calendar: staffCalendar(desk, storedWorkingHours(p.workingHours)), absences: awayOf.get(p.id) ?? [] }));
}

/** An open case as the forecast needs it, from the queue's reading of it. */
export function openCaseInput(c: QueueCase): OpenCaseInput {
  return {
    id: c.id,
    priority: c.priority,
    categoryId: c.categoryId,
    status: c.status,
    assigneeId: c.assigneeId,
    responseDueAt: unmetDue(c.sla.response),
    resolutionDueAt: unmetDue(c.sla.resolution),
  };
}

function unmetDue(t: TargetClock): number | null {
  if (t.state === 'met' || t.state === 'none' || t.state === 'paused' || t.dueAt === null) return null;
  return Date.parse(t.dueAt);
}

/** Cases resolved in the learning window, with who resolved them and their pauses. */
export async function loadResolved(db: DataSource, reader: CaseReader, now: number): Promise<ResolvedCase[]> {
  const rows = await db.getRepository(CaseEntity).find({
    select: { id: true, assigneeId: true, categoryId: true, priority: true, respondedAt: true, clockStartAt: true, resolvedAt: true },
    where: { resolvedAt: And(MoreThanOrEqual(now - LEARN_WINDOW_DAYS * DAY_MS), LessThanOrEqual(now)), assigneeId: Not(IsNull()), respondedAt: Not(IsNull()) },
    order: { resolvedAt: 'DESC' },
    take: LEARN_MAX_CASES,
  });
  const pauses = await reader.pausesOf(rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    technicianId: r.assigneeId as number,
    categoryId: r.categoryId,
    priority: r.priority,
    workFrom: Math.max(r.respondedAt as number, r.clockStartAt ?? 0),
    resolvedAt: r.resolvedAt as number,
    pauses: (pauses.get(r.id) ?? []).map((p) => ({ start: p.startedAt, end: p.endedAt })),
  }));
}
