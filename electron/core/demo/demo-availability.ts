/**
 * The demo district's availability: skills for each technician, a part-timer's mornings, pager
 * addresses, an on-call roster covering the coming weeks (a weekly rotation handed over Monday
 * 7:00), two absences (one now), and a difficulty on every open case. Seeded after the cases with
 * its own generator, so it changes none of the history's draws.
 */
import { DateTime } from 'luxon';
import { In, type EntityManager } from 'typeorm';
import { OPEN_CASE_STATUSES } from '../../../shared/domain';
import { OnCallShiftEntity, StaffAbsenceEntity, StaffSkillEntity } from '../db/availability-entities';
import { CaseEntity, StaffEntity, type ReferenceRow, type StaffRow } from '../db/entities';
import { DemoRandom } from './demo-random';

/** Each technician's strengths: [category or system, level]; a system is any name that is not a category. */
const SKILLS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  'Alex Kim': [['Network & Wi-Fi', 3], ['Security', 3], ['Phones', 2]],
  'Jordan Reyes': [['Chromebooks & laptops', 3], ['Desktops', 2], ['Printing', 2]],
  'Chris Okafor': [['Student information system', 3], ['Infinite Campus', 3], ['Software & apps', 2], ['Accounts & passwords', 2]],
  'Taylor Brooks': [['Audio / video & projectors', 3], ['Printing', 3], ['Desktops', 1]],
  'Morgan Schultz': [['Email', 3], ['Accounts & passwords', 3], ['Google Workspace', 2]],
  'Riley Nguyen': [['Chromebooks & laptops', 2], ['Network & Wi-Fi', 1], ['Other', 2]],
};

/** Riley works mornings only (a part-timer). */
const PART_TIMER = 'Riley Nguyen';
const MORNING = [{ open: '07:00', close: '11:30' }];
const PART_TIME_HOURS = { mon: MORNING, tue: MORNING, wed: MORNING, thu: MORNING, fri: MORNING, sat: [], sun: [] };

/** Who takes the on-call week in turn (technicians who can handle a priority 1 across the network). */
const ROTATION = ['Alex Kim', 'Jordan Reyes', 'Chris Okafor', 'Morgan Schultz'];
const ROSTER_WEEKS = 6;

const HANDOVER_NOTES = [
  'Hickman core switch reboots itself at night; vendor ticket open. Watch the P1 queue for network calls.',
  'Two Chromebook carts at Rock Bridge awaiting parts; nothing urgent open.',
  'Campus grade sync failed once on Friday; rerun if a teacher calls about missing grades.',
];

export async function seedDemoAvailability(m: EntityManager, now: number, options: { seed: number; timeZone: string; categories: readonly ReferenceRow[] }): Promise<void> {
  const random = new DemoRandom(options.seed * 104_729 + 14);
  const zone = options.timeZone;
  const staff = await m.getRepository(StaffEntity).find({ order: { id: 'ASC' } });
  const byName = new Map(staff.map((s) => [s.name, s]));
  const categoryByName = new Map(options.categories.map((c) => [c.name, c.id]));

  const skills = staff.flatMap((s) =>
    (SKILLS[s.name] ?? []).map(([subject, level]) => {
      const categoryId = categoryByName.get(subject) ?? null;
      return { staffId: s.id, categoryId, system: categoryId === null ? subject : null, level };
    }),
  );
  if (skills.length) await m.getRepository(StaffSkillEntity).insert(skills);

  const partTimer = byName.get(PART_TIMER);
  if (partTimer) await m.getRepository(StaffEntity).update({ id: partTimer.id }, { workingHours: JSON.stringify(PART_TIME_HOURS) });
  const rotation = ROTATION.map((name) => byName.get(name)).filter((s): s is StaffRow => s !== undefined);
  for (const [i, person] of rotation.entries()) {
    await m.getRepository(StaffEntity).update({ id: person.id }, { pagerAddress: `57355501${String(i + 1).padStart(2, '0')}@txt.example.net` });
  }

  // Weekly shifts from Monday 7:00 of this week, each handing over to the next on Monday 7:00.
  const firstMonday = DateTime.fromMillis(now, { zone }).startOf('week').set({ hour: 7 });
  const weekNumber = Math.floor(firstMonday.toMillis() / (7 * 86_400_000));
  const shifts = rotation.length
    ? Array.from({ length: ROSTER_WEEKS }, (_, w) => {
        const person = rotation[(weekNumber + w) % rotation.length] as StaffRow;
        const startsAt = firstMonday.plus({ weeks: w }).toMillis();
        const endsAt = firstMonday.plus({ weeks: w + 1 }).toMillis();
        // The week under way has its hand-over note written; the later ones are not written yet.
        const handoverNote = startsAt <= now ? (HANDOVER_NOTES[random.int(0, HANDOVER_NOTES.length - 1)] as string) : null;
        return { staffId: person.id, startsAt, endsAt, handoverNote, createdById: null, createdAt: now, updatedAt: now };
      })
    : [];
  if (shifts.length) await m.getRepository(OnCallShiftEntity).insert(shifts);

  // One person out now (sick today), one vacation coming up (someone not on call then).
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const sick = byName.get('Taylor Brooks');
  const away = byName.get('Jordan Reyes');
  const absences = [
    ...(sick ? [{ staffId: sick.id, kind: 'sick' as const, startsAt: today.toMillis(), endsAt: today.plus({ days: 1 }).toMillis(), note: 'Called in sick', createdById: null, createdAt: now }] : []),
    ...(away
      ? [{ staffId: away.id, kind: 'vacation' as const, startsAt: today.plus({ days: 9 }).toMillis(), endsAt: today.plus({ days: 12 }).toMillis(), note: 'Family trip', createdById: null, createdAt: now }]
      : []),
  ];
  if (absences.length) await m.getRepository(StaffAbsenceEntity).insert(absences);

  // A difficulty on every open case: mostly routine, some involved, a few for a specialist.
  const open = await m.getRepository(CaseEntity).find({ where: { status: In([...OPEN_CASE_STATUSES]) }, select: { id: true }, order: { id: 'ASC' } });
  const byLevel = new Map<number, number[]>([[1, []], [2, []], [3, []]]);
  for (const c of open) {
    const draw = random.next();
    byLevel.get(draw < 0.55 ? 1 : draw < 0.88 ? 2 : 3)?.push(c.id);
  }
  for (const [level, ids] of byLevel) {
    for (let i = 0; i < ids.length; i += 500) await m.getRepository(CaseEntity).update({ id: In(ids.slice(i, i + 500)) }, { difficulty: level });
  }
}
