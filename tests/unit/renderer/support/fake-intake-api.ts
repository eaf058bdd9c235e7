/**
 * The fake core, plus what taking a call needs: the desk's state, the directory lists, callers
 * (search, card, create, CSV import), the deadline preview and related cases, and a `cases.create`
 * that knows callers, overrides and links. Answers to one channel can be held back and released in
 * any order, to test that a store shows only the latest.
 */
import type { ChannelName } from '../../../../shared/channel-names';
import type { CallerSearchHit, DeskStatus, ImportProblem } from '../../../../shared/contract';
import { formatCaseNumber, OPEN_CASE_STATUSES, type Caller, type CaseSummary, type ReferenceItem } from '../../../../shared/domain';
import { decidePriority } from '../../../../shared/priority-wizard';
import { Refusal, type AnyHandler, type Handlers } from './fake-core-base';
import { FakeDeskwatchApi } from './fake-deskwatch-api';

const NOW = '2026-11-30T20:00:00.000Z';

export class FakeIntakeApi extends FakeDeskwatchApi {
  readonly buildings: ReferenceItem[] = [
    { id: 1, name: 'Hickman High School', active: true },
    { id: 2, name: 'Battle High School', active: true },
    { id: 3, name: 'Old Annex', active: false },
  ];
  readonly categories: ReferenceItem[] = [
    { id: 1, name: 'Printing', active: true },
    { id: 2, name: 'Network & Wi-Fi', active: true },
  ];
  readonly callers: Caller[] = [];
  readonly filed: CaseSummary[] = [];
  desk: DeskStatus = {
    now: NOW,
    timeZone: 'America/Chicago',
    phoneHoursOpen: true,
    cutoffApplies: false,
    message: 'Phones open until 5:00 PM · calls after 4:00 PM count as the next business day',
  };
  private readonly held = new Map<ChannelName, (() => void)[]>();

  /** From now on, answers to `channel` wait until `release` lets them go. */
  hold(channel: ChannelName): void {
    this.held.set(channel, []);
  }

  /** Lets the held answer number `index` (in the order they were asked) go. */
  release(channel: ChannelName, index: number): void {
    const waiting = this.held.get(channel)?.[index];
    if (!waiting) throw new Error(`no held answer ${index} for ${channel}`);
    waiting();
  }

  addCaller(fields: Partial<Caller> & { name: string }): Caller {
    const buildingId = fields.buildingId ?? null;
    const caller: Caller = {
      id: this.callers.length + 1,
      email: null,
      phone: null,
      extension: null,
      room: null,
      department: null,
      role: null,
      notes: null,
      employeeId: null,
      ...fields,
      buildingId,
      buildingName: this.buildings.find((b) => b.id === buildingId)?.name ?? null,
    };
    this.callers.push(caller);
    return caller;
  }

  protected override holdFor(channel: ChannelName): Promise<void> | undefined {
    const waiting = this.held.get(channel);
    return waiting && new Promise<void>((resolve) => waiting.push(resolve));
  }

  protected override handlerFor(channel: ChannelName): AnyHandler | undefined {
    return this.own[channel] ?? super.handlerFor(channel);
  }

  private hit(caller: Caller): CallerSearchHit {
    const openCaseCount = this.filed.filter((c) => c.callerId === caller.id && OPEN_CASE_STATUSES.includes(c.status)).length;
    return { ...caller, openCaseCount };
  }

  private readonly own: Handlers = {
    'desk.status': () => this.desk,
    'directory.lists': () => ({ buildings: [...this.buildings], categories: [...this.categories] }),
    'callers.search': (input) => {
      const words = input.query.toLowerCase().split(/\s+/).filter(Boolean);
      const text = (c: Caller) => [c.name, c.email, c.extension, c.buildingName].filter(Boolean).join(' ').toLowerCase();
      const found = this.callers.filter((c) => words.length > 0 && words.every((w) => text(c).split(/[\s@.]+/).some((part) => part.startsWith(w))));
      return { callers: found.slice(0, input.limit ?? 20).map((c) => this.hit(c)), total: found.length };
    },
    'callers.create': (input) => {
      if (input.email && this.callers.some((c) => c.email === input.email)) {
        throw new Refusal({ code: 'conflict', message: `Someone already has the email ${input.email}`, field: 'email' });
      }
      const { buildingId, ...rest } = input;
      return this.addCaller({ ...rest, name: input.name, buildingId: buildingId ?? null } as Partial<Caller> & { name: string });
    },
    'callers.update': (input) => {
      const index = this.callers.findIndex((c) => c.id === input.id);
      if (index < 0) throw new Refusal({ code: 'not_found', message: `No caller has id ${input.id}`, field: 'id' });
      const { id, buildingId, role, ...rest } = input;
      const building = this.buildings.find((b) => b.id === buildingId);
      const blank = { email: null, phone: null, extension: null, room: null, department: null, notes: null, employeeId: null };
      const caller: Caller = { ...blank, ...rest, id, role: role ?? null, buildingId: buildingId ?? null, buildingName: building?.name ?? null } as Caller;
      this.callers[index] = caller;
      return caller;
    },
    'callers.card': (input) => {
      const caller = this.callers.find((c) => c.id === input.id);
      if (!caller) throw new Refusal({ code: 'not_found', message: `No caller has id ${input.id}`, field: 'id' });
      const theirs = this.filed.filter((c) => c.callerId === caller.id);
      const printing = theirs.filter((c) => c.categoryId === 1).length;
      return {
        caller,
        openCases: theirs.filter((c) => OPEN_CASE_STATUSES.includes(c.status)),
        recentCases: theirs.filter((c) => !OPEN_CASE_STATUSES.includes(c.status)),
        repeats: printing >= 2 ? [{ categoryId: 1, categoryName: 'Printing', count: printing, days: 30, text: `${printing}${printing === 2 ? 'nd' : 'rd'} printing case in 30 days` }] : [],
      };
    },
    'callers.import': (input) => {
      const [, ...rows] = input.csv.trim().split(/\r?\n/);
      const problems: ImportProblem[] = [];
      const good: string[][] = [];
      rows.forEach((row, i) => {
        const [name = '', building = ''] = row.split(',');
        if (building && !this.buildings.some((b) => b.name === building)) problems.push({ line: i + 2, reason: `unknown building "${building}"` });
        else good.push([name, building]);
      });
      if (problems.length && !input.skipInvalid) {
        return { rejected: true, created: 0, updated: 0, skipped: 0, problems, message: `Nothing imported: ${problems.length} bad row.` };
      }
      if (input.dryRun) {
        return { rejected: true, created: good.length, updated: 0, skipped: problems.length, problems, message: `Dry run: would create ${good.length}.` };
      }
      for (const [name = '', building] of good) this.addCaller({ name, buildingId: this.buildings.find((b) => b.name === building)?.id ?? null });
      return { rejected: false, created: good.length, updated: 0, skipped: problems.length, problems, message: `Imported ${good.length}.` };
    },
    'cases.preview': (input) => {
      const decision = input.wizard ? decidePriority(input.wizard) : null;
      const priority = input.priority ?? decision?.priority ?? 3;
      return {
        priority,
        decision,
        receivedAt: NOW,
        clockStartAt: NOW,
        responseDueAt: NOW,
        resolutionDueAt: NOW,
        words: `response due for P${priority}; resolution due later`,
        cutoffNote: this.desk.cutoffApplies ? 'received after 4 PM: counted as submitted Tuesday 7:00 AM' : null,
        policyVersion: 'test',
      };
    },
    'cases.related': (input) => {
      const open = this.filed.filter((c) => OPEN_CASE_STATUSES.includes(c.status));
      const callerOpenCases = input.callerId ? open.filter((c) => c.callerId === input.callerId) : [];
      const same = input.buildingId && input.categoryId ? open.filter((c) => c.buildingId === input.buildingId && c.categoryId === input.categoryId) : [];
      const first = same[0];
      return {
        callerOpenCases,
        sameBuildingAndCategory: same,
        outageNote: first && same.length >= 2 ? `possible outage: ${same.length} open cases at ${first.buildingName} · ${first.categoryName}` : null,
      };
    },
    'cases.create': (input) => {
      const decision = input.wizard ? decidePriority(input.wizard) : null;
      const priority = input.priority ?? decision?.priority;
      if (priority === undefined) throw new Refusal({ code: 'invalid_input', message: 'Answer the priority wizard or set a priority', field: 'wizard' });
      const isOverride = input.priority !== undefined && decision?.priority !== input.priority;
      if (isOverride && !input.priorityReason) {
        throw new Refusal({ code: 'invalid_input', message: `Give a reason for choosing priority ${priority}`, field: 'priorityReason' });
      }
      if (priority === 1 && input.onCallNotified !== true) {
        throw new Refusal({ code: 'invalid_input', message: 'Priority 1: call the on-call technician now, then confirm you did', field: 'onCallNotified' });
      }
      const caller = input.callerId !== undefined ? this.callers.find((c) => c.id === input.callerId) : this.addCaller({ name: input.callerName ?? '' });
      if (!caller) throw new Refusal({ code: 'not_found', message: `No caller has id ${input.callerId}`, field: 'callerId' });
      const id = this.filed.length + 1;
      const created: CaseSummary = {
        id,
        number: formatCaseNumber(id),
        callerId: caller.id,
        callerName: caller.name,
        callbackNumber: input.callbackNumber ?? null,
        buildingId: input.buildingId ?? null,
        buildingName: this.buildings.find((b) => b.id === input.buildingId)?.name ?? null,
        room: input.room ?? null,
        categoryId: input.categoryId ?? null,
        categoryName: this.categories.find((c) => c.id === input.categoryId)?.name ?? null,
        assetTag: input.assetTag ?? null,
        summary: input.summary,
        description: input.description ?? '',
        priority,
        status: 'new',
        channel: input.channel ?? 'phone',
        assigneeId: null,
        receivedAt: NOW,
        clockStartAt: NOW,
        responseDueAt: NOW,
        resolutionDueAt: NOW,
        policyVersion: 'test',
        priorityReason: input.priorityReason ?? null,
        relatedCaseId: input.relatedCaseId ?? null,
        onCallNotifiedAt: priority === 1 ? NOW : null,
        version: 1,
        createdAt: NOW,
        updatedAt: NOW,
      };
      this.filed.push(created);
      this.emit('cases.changed', { caseId: id, version: 1, change: 'created' });
      return created;
    },
  };
}
