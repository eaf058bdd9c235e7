/**
 * Who is away at an instant, and until when: what flags a case assigned to someone who is out
 * (the queue rows, the board and the case view). One query of the absences not yet over, which
 * also says how long the answer holds (the next instant an absence starts or ends).
 */
import { In, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import type { AbsenceKind, AwayMark } from '../../../shared/availability';
import { StaffAbsenceEntity } from '../db/availability-entities';
import { toIso } from '../instants';

export interface AwayMarks {
  /** Staff away at `at`, by id. */
  marks: ReadonlyMap<number, AwayMark>;
  /** The marks hold until this instant (exclusive); +∞ when no absence starts or ends later. */
  validUntil: number;
}

interface Span {
  staffId: number;
  kind: AbsenceKind;
  startsAt: number;
  endsAt: number;
}

/** Everyone's (or the given people's) away marks at `at`. */
export async function awayMarksAt(m: DataSource | EntityManager, at: number, staffIds?: readonly number[]): Promise<AwayMarks> {
  if (staffIds !== undefined && staffIds.length === 0) return { marks: new Map(), validUntil: Number.POSITIVE_INFINITY };
  const rows = await m.getRepository(StaffAbsenceEntity).find({
    where: { endsAt: MoreThan(at), ...(staffIds !== undefined ? { staffId: In([...staffIds]) } : {}) },
    order: { startsAt: 'ASC', id: 'ASC' },
  });
  return awayMarksFrom(rows, at);
}

/** The marks from absences (any order); pure, for tests and the service's own reads. */
export function awayMarksFrom(absences: readonly Span[], at: number): AwayMarks {
  let validUntil = Number.POSITIVE_INFINITY;
  const byStaff = new Map<number, Span[]>();
  for (const a of absences) {
    if (a.endsAt <= at) continue;
    validUntil = Math.min(validUntil, a.startsAt > at ? a.startsAt : a.endsAt);
    const list = byStaff.get(a.staffId) ?? [];
    list.push(a);
    byStaff.set(a.staffId, list);
  }
  const marks = new Map<number, AwayMark>();
  for (const [staffId, list] of byStaff) {
    list.sort((x, y) => x.startsAt - y.startsAt);
    const covering = list.find((a) => a.startsAt <= at);
    if (!covering) continue;
    // Back-to-back absences (sick, then a vacation booked before) are one time away: "until" is the last one's end.
    let until = covering.endsAt;
    for (const a of list) if (a.startsAt <= until) until = Math.max(until, a.endsAt);
    marks.set(staffId, { kind: covering.kind, until: toIso(until) });
  }
  return { marks, validUntil };
}

/** The same marks, or a change for this person between two reads. */
export function sameMark(a: AwayMark | null | undefined, b: AwayMark | null | undefined): boolean {
  return (a ?? null) === (b ?? null) || (a != null && b != null && a.kind === b.kind && a.until === b.until);
}
