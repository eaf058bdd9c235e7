/**
 * A few weeks of a desk at work, driven through the contract on a manual clock: calls at all
 * hours (after 4 PM, at night, on weekends and holidays), every priority, acknowledgements on
 * time and late, pending spells with replies, parts on order, priority changes, resolutions at
 * first contact, reopenings, closings. Seeded, so each run writes the same history.
 */
import type { QueueCase, StaffMember } from '../../shared/domain';
import type { CoreFixture } from './core-fixture';

const MINUTE = 60_000;

export interface DeskHistory {
  staff: { agent: StaffMember; techs: StaffMember[]; sup: StaffMember };
  buildings: number[];
  categories: number[];
  cases: number;
}

/** Mulberry32: a small seeded generator, so the history is the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function writeDeskHistory(f: CoreFixture, options: { start: number; steps: number; seed?: number }): Promise<DeskHistory> {
  const random = seeded(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const agent = await f.staff('agent', 'Ann Agent');
  const techs = [await f.staff('technician', 'Tom Tech'), await f.staff('technician', 'Tia Tech')];
  const sup = await f.staff('supervisor', 'Sue Supervisor');
  const call = async <T>(who: StaffMember, channel: string, input: unknown): Promise<T | null> => {
    const r = await f.core.dispatch(channel, input, { actorId: who.id });
    return r.ok ? (r.value as T) : null;
  };
  const lists = (await call<{ buildings: { id: number }[]; categories: { id: number }[] }>(agent, 'directory.lists', {})) as { buildings: { id: number }[]; categories: { id: number }[] };
  const buildings = lists.buildings.slice(0, 4).map((b) => b.id);
  const categories = lists.categories.slice(0, 4).map((c) => c.id);
  const callers: number[] = [];
  const open = new Map<number, QueueCase>();
  let created = 0;

  f.clock.set(options.start);
  for (let step = 0; step < options.steps; step++) {
    // Time moves on by whole minutes: from a few minutes to most of a day (nights, weekends).
    f.clock.advance(Math.floor(random() < 0.8 ? 5 + random() * 240 : 300 + random() * 1_200) * MINUTE);
    const calls = random() < 0.6 ? 1 : random() < 0.5 ? 2 : 0;
    for (let i = 0; i < calls; i++) {
      const repeat = callers.length > 3 && random() < 0.3;
      const input: Record<string, unknown> = {
        ...(repeat ? { callerId: pick(callers) } : { callerName: `Caller ${created + 1}` }),
        summary: `Problem ${created + 1}`,
        description: 'Described by the caller',
        buildingId: pick(buildings),
        categoryId: pick(categories),
        channel: pick(['phone', 'phone', 'web', 'email'] as const),
        priority: pick([1, 2, 2, 3, 3, 3, 4, 4, 4, 5] as const),
        priorityReason: 'Set from what the caller said',
      };
      if (input.priority === 1) input.onCallNotified = true;
      const c = await call<QueueCase & { callerId: number }>(agent, 'cases.create', input);
      if (!c) continue;
      created += 1;
      if (!repeat) callers.push(c.callerId);
      open.set(c.id, c);
      if (random() < 0.12) {
        // Solved while the caller is still on the line.
        const solved = await call<QueueCase>(agent, 'cases.transition', { id: c.id, version: c.version, action: 'resolve', notes: 'Walked the caller through it' });
        if (solved) open.set(c.id, solved);
      }
    }
    // Work on a few cases already open.
    for (const c of [...open.values()].filter(() => random() < 0.35).slice(0, 4)) {
      const who = pick(techs);
      const act = (input: Record<string, unknown>) => call<QueueCase>(who, 'cases.transition', { id: c.id, version: c.version, ...input });
      let next: QueueCase | null = null;
      switch (c.status) {
        case 'new':
          next = random() < 0.8 ? await act({ action: 'acknowledge' }) : await act({ action: 'resolve', notes: 'Fixed on the first look' });
          if (next && random() < 0.5) {
            const assigned = await call<QueueCase[]>(sup, 'cases.assign', { cases: [{ id: next.id, version: next.version }], assigneeId: pick(techs).id });
            next = assigned?.[0] ?? next;
          }
          break;
        case 'acknowledged':
          next = await act({ action: 'start' });
          break;
        case 'in_progress': {
          const r = random();
          if (r < 0.2) next = await act({ action: 'pend', note: 'Which room is it?' });
          else if (r < 0.32) next = await act({ action: 'await_parts', vendor: 'CDW-G', expectedDate: '2026-12-20' });
          else if (r < 0.42) next = await call<QueueCase>(sup, 'cases.changePriority', { id: c.id, version: c.version, priority: pick([2, 3, 4] as const), priorityReason: 'Reassessed' });
          else next = await act({ action: 'resolve', notes: 'Replaced the cable' });
          break;
        }
        case 'pending_user_response':
          next = await call<QueueCase>(who, 'cases.logContact', { id: c.id, version: c.version, method: 'phone', outcome: random() < 0.6 ? 'replied' : 'left_message' });
          break;
        case 'awaiting_parts':
          next = await act({ action: 'parts_arrived' });
          break;
        case 'resolved':
          next = random() < 0.25 ? await call<QueueCase>(agent, 'cases.transition', { id: c.id, version: c.version, action: 'reopen', reason: 'It came back' }) : await act({ action: 'close' });
          break;
        default:
          break;
      }
      if (next) {
        if (next.status === 'closed') open.delete(next.id);
        else open.set(next.id, next);
      }
    }
  }
  return { staff: { agent, techs, sup }, buildings, categories, cases: created };
}
