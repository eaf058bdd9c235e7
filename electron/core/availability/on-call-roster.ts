/**
 * Who is on call at an instant: the roster's shifts covering it, with how to reach each person.
 * Priority 1 pages go to them; a person on call who is also marked away is still listed (the
 * roster says so) but flagged, so the pager can go past them to the supervisors.
 */
import { In, LessThanOrEqual, MoreThan, type EntityManager } from 'typeorm';
import { OnCallShiftEntity, StaffAbsenceEntity } from '../db/availability-entities';
import { StaffEntity } from '../db/entities';
import type { StaffRole } from '../../../shared/domain';

export interface OnCallPerson {
  staffId: number;
  name: string;
  role: StaffRole;
  email: string | null;
  /** Email-to-SMS gateway address, or null. */
  pagerAddress: string | null;
  shiftId: number;
  shiftEndsAt: number;
  /** On the roster but with an absence covering the instant: page someone else too. */
  away: boolean;
}

export async function onCallAt(m: EntityManager, at: number): Promise<OnCallPerson[]> {
  const shifts = await m.getRepository(OnCallShiftEntity).find({
    where: { startsAt: LessThanOrEqual(at), endsAt: MoreThan(at) },
    order: { startsAt: 'ASC', id: 'ASC' },
  });
  if (shifts.length === 0) return [];
  const staffIds = [...new Set(shifts.map((s) => s.staffId))];
  const people = await m.getRepository(StaffEntity).find({ where: { id: In(staffIds), active: true } });
  const absences = await m.getRepository(StaffAbsenceEntity).find({
    where: { staffId: In(staffIds), startsAt: LessThanOrEqual(at), endsAt: MoreThan(at) },
  });
  const away = new Set(absences.map((a) => a.staffId));
  const byId = new Map(people.map((p) => [p.id, p]));
  const seen = new Set<number>();
  const roster: OnCallPerson[] = [];
  for (const shift of shifts) {
    const person = byId.get(shift.staffId);
    if (person === undefined || seen.has(person.id)) continue;
    seen.add(person.id);
    roster.push({
      staffId: person.id,
      name: person.name,
      role: person.role,
      email: person.email,
      pagerAddress: person.pagerAddress,
      shiftId: shift.id,
      shiftEndsAt: shift.endsAt,
      away: away.has(person.id),
    });
  }
  return roster;
}
