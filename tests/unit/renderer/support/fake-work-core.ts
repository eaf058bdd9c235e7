/**
 * A core in memory for the stores that work the queue (queue, case, views, workload), behind the
 * renderer's client interface (`FakeCoreBase` checks, clones and records the calls). Versions are
 * checked as the core checks them, so a stale change is a conflict here too. Cases are put in
 * place directly (`put`) with whatever SLA clocks a test needs.
 */
import type { CasePage } from '../../../../shared/escalation';
import type { ChannelName } from '../../../../shared/channel-names';
import type { CaseDetail, ChannelAccess } from '../../../../shared/contract';
import {
  formatCaseNumber,
  OPEN_CASE_STATUSES,
  type CaseEvent,
  type CaseSla,
  type QueueCase,
  type SavedView,
  type StaffMember,
  type StaffRole,
  type TargetClock,
  type WorkloadRow,
} from '../../../../shared/domain';
import { ACTION_RULES, allowedActions } from '../../../../shared/lifecycle';
import type { QueuePage } from '../../../../shared/queue-rows';
import { QueueRowLedger } from '../../../../electron/core/services/queue-row-ledger';
import { FakeCoreBase, Refusal, type AnyHandler, type Handlers } from './fake-core-base';

export const NOW = Date.parse('2026-12-01T16:00:00.000Z');
const iso = (t: number) => new Date(t).toISOString();
const HOUR = 3_600_000;

export function clock(dueInHours: number | null, options: Partial<TargetClock> = {}): TargetClock {
  if (dueInHours === null) return { dueAt: null, warnAt: null, metAt: null, state: 'none', ...options };
  return { dueAt: iso(NOW + dueInHours * HOUR), warnAt: iso(NOW + (dueInHours - 1) * HOUR), metAt: null, state: 'on_track', ...options };
}

export function sla(response: TargetClock, resolution: TargetClock, extra: Partial<CaseSla> = {}): CaseSla {
  const open = [response, resolution].filter((t) => t.dueAt !== null && t.state !== 'met' && t.state !== 'paused');
  const next = open.map((t) => t.dueAt as string).sort()[0] ?? null;
  return { response, resolution, nextDueAt: next, paused: false, nextContactDueAt: null, autoCloseAt: null, ...extra };
}

export class FakeWorkCore extends FakeCoreBase {
  readonly cases = new Map<number, QueueCase>();
  readonly events: CaseEvent[] = [];
  readonly views: (SavedView & { staffId: number })[] = [];
  workload: WorkloadRow[] = [];
  /** What `escalation.pages` answers (the scheduler's records of pages sent). */
  pages: CasePage[] = [];
  /** The core's clock, as app.info reports it. */
  now = NOW;
  /** The core's own bookkeeping of queue rows and their changes, over the cases held here. */
  private readonly ledger = new QueueRowLedger();

  addStaff(name: string, role: StaffRole = 'technician'): StaffMember {
    const member = { id: this.staff.length + 1, name, role, active: true };
    this.staff.push(member);
    return member;
  }

  /** Puts a case as it would be read now; `announce` sends the `cases.changed` event another console's change would. */
  put(fields: Partial<QueueCase> & { id: number }, announce = false): QueueCase {
    const previous = this.cases.get(fields.id);
    const item: QueueCase = {
      number: formatCaseNumber(fields.id),
      callerId: fields.id,
      callerName: 'Jo Park',
      callbackNumber: null,
      buildingId: null,
      buildingName: null,
      room: null,
      categoryId: null,
      categoryName: null,
      assetTag: null,
      summary: `Case ${fields.id}`,
      description: '',
      priority: 3,
      status: 'new',
      channel: 'phone',
      assigneeId: null,
      assigneeName: null,
      receivedAt: iso(NOW - HOUR),
      clockStartAt: iso(NOW - HOUR),
      responseDueAt: null,
      resolutionDueAt: null,
      policyVersion: '2026.1',
      priorityReason: null,
      relatedCaseId: null,
      onCallNotifiedAt: null,
      version: 1,
      createdAt: iso(NOW - HOUR),
      updatedAt: iso(NOW - HOUR),
      sla: sla(clock(fields.id), clock(fields.id + 24)),
      ...previous,
      ...fields,
    };
    this.cases.set(item.id, item);
    if (announce) this.emit('cases.changed', { caseId: item.id, version: item.version, change: previous ? 'updated' : 'created' });
    return item;
  }

  /** Another console's change: the case moves to the next version and the event goes out. */
  changeElsewhere(id: number, fields: Partial<QueueCase>, actor?: StaffMember): QueueCase {
    const current = this.mustGet(id);
    const next = this.put({ ...fields, id, version: current.version + 1 });
    this.audit(next, actor ?? null, 'updated', { fields: Object.keys(fields), version: next.version });
    this.emit('cases.changed', { caseId: id, version: next.version, change: 'updated' });
    return next;
  }

  protected handlerFor(channel: ChannelName): AnyHandler | undefined {
    return this.handlers[channel];
  }

  protected actorFor(access: ChannelAccess, actorId: number | undefined): StaffMember | null {
    const actor = this.staff.find((m) => m.id === actorId) ?? null;
    if (access !== 'public') {
      if (!actor) throw new Refusal({ code: 'unauthenticated', message: 'Choose who you are before doing this' });
      if (!access.includes(actor.role)) throw new Refusal({ code: 'forbidden', message: `A ${actor.role} may not do this` });
    }
    return actor;
  }

  /** As the core's `queue.rows` / `queue.changes`: the open cases read now, handed to the same ledger. */
  private queuePage(since?: string, limit?: number): QueuePage {
    const open = [...this.cases.values()].filter((c) => OPEN_CASE_STATUSES.includes(c.status));
    this.ledger.put(open);
    this.ledger.keepOnly(new Set(open.map((c) => c.id)));
    return this.ledger.page(since, limit);
  }

  private mustGet(id: number): QueueCase {
    const found = this.cases.get(id);
    if (!found) throw new Refusal({ code: 'not_found', message: `No case has id ${id}`, field: 'id' });
    return found;
  }

  /** As the core's guarded write: a stale version is a conflict naming what changed and who changed it. */
  private forChange(id: number, version: number): QueueCase {
    const current = this.mustGet(id);
    if (current.version !== version) {
      const later = this.events.filter((e) => e.caseId === id && typeof e.detail.version === 'number' && e.detail.version > version);
      const what = later.map((e) => `${e.kind} by ${e.actorName ?? 'Deskwatch'}`).join('; ');
      throw new Refusal({ code: 'conflict', message: `Case ${current.number} changed since you opened it${what ? `: ${what}` : ''}. Review the case and try again.`, field: 'version' });
    }
    return current;
  }

  private write(current: QueueCase, fields: Partial<QueueCase>, actor: StaffMember | null, kind: CaseEvent['kind'], detail: Record<string, unknown> = {}, reason: string | null = null): QueueCase {
    const next = this.put({ ...fields, id: current.id, version: current.version + 1 });
    this.audit(next, actor, kind, { ...detail, version: next.version }, reason);
    this.emit('cases.changed', { caseId: next.id, version: next.version, change: 'updated' });
    return next;
  }

  private audit(item: QueueCase, actor: StaffMember | null, kind: CaseEvent['kind'], detail: Record<string, unknown>, reason: string | null = null): void {
    this.events.push({ id: this.events.length + 1, caseId: item.id, actorId: actor?.id ?? null, actorName: actor?.name ?? null, kind, at: iso(this.now), detail, reason });
  }

  private readonly handlers: Handlers<StaffMember> = {
    'app.info': () => ({ name: 'Deskwatch', version: 'test', databaseKind: 'sqlite', now: iso(this.now) }),
    'staff.list': () => [...this.staff],
    'queue.list': () =>
      [...this.cases.values()]
        .filter((c) => OPEN_CASE_STATUSES.includes(c.status))
        .sort((a, b) => (a.sla.nextDueAt ?? '~').localeCompare(b.sla.nextDueAt ?? '~') || a.priority - b.priority || a.id - b.id),
    'queue.rows': (input) => this.queuePage(undefined, input.limit),
    'queue.changes': (input) => this.queuePage(input.since),
    'queue.workload': () => this.workload,
    'escalation.pages': (input) => this.pages.filter((p) => p.caseId === input.caseId),
    'cases.get': (input, actor): CaseDetail => {
      const item = this.mustGet(input.id);
      return {
        case: item,
        events: this.events.filter((e) => e.caseId === item.id),
        contacts: [],
        phases: [],
        lifecycle: { respondedAt: null, resolvedAt: null, closedAt: null, resolutionNotes: null, kbCandidate: false, parts: null, maintenanceWindow: null },
        allowedActions: allowedActions(item.status, actor.role),
        ledger: ['Policy 2026.1'],
      };
    },
    'cases.update': (input, actor) => {
      const { id, version, ...fields } = input;
      const current = this.forChange(id, version);
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<QueueCase>;
      return this.write(current, changes, actor, 'updated', { fields: Object.keys(changes) });
    },
    'cases.transition': (input, actor) => {
      const current = this.forChange(input.id, input.version);
      const rule = ACTION_RULES[input.action];
      if (!rule.from.includes(current.status)) throw new Refusal({ code: 'invalid_input', message: `Cannot ${rule.label.toLowerCase()} a case that is ${current.status}`, field: 'action' });
      return this.write(current, { status: rule.to }, actor, 'status_changed', { action: input.action, from: current.status, to: rule.to });
    },
    'cases.logContact': (input, actor) => {
      const current = this.forChange(input.id, input.version);
      const resumes = input.outcome === 'replied' && current.status === 'pending_user_response';
      return this.write(current, resumes ? { status: 'in_progress' } : {}, actor, resumes ? 'status_changed' : 'contact', { method: input.method, outcome: input.outcome });
    },
    'cases.addNote': (input, actor) => {
      const current = this.mustGet(input.id);
      this.audit(current, actor, 'note', { note: input.note });
      this.emit('cases.changed', { caseId: current.id, version: current.version, change: 'note' });
      return current;
    },
    'cases.assign': (input, actor) => {
      const assignee = input.assigneeId === null ? null : this.staff.find((m) => m.id === input.assigneeId);
      if (assignee === undefined) throw new Refusal({ code: 'invalid_input', message: `Staff member ${input.assigneeId} is not an active technician or supervisor`, field: 'assigneeId' });
      // All or nothing, as the core: check every case first.
      const current = input.cases.map((ref) => this.forChange(ref.id, ref.version));
      return current.map((c) => this.write(c, { assigneeId: assignee?.id ?? null, assigneeName: assignee?.name ?? null }, actor, 'assigned', { from: c.assigneeId, to: assignee?.id ?? null }, input.reason ?? null));
    },
    'views.list': (_input, actor) => this.views.filter((v) => v.staffId === actor.id).map(({ id, name, filter }) => ({ id, name, filter })),
    'views.save': (input, actor) => {
      const existing = this.views.find((v) => v.staffId === actor.id && v.name === input.name);
      const view = { id: existing?.id ?? this.views.length + 1, name: input.name, filter: input.filter, staffId: actor.id };
      if (existing) Object.assign(existing, view);
      else this.views.push(view);
      return { id: view.id, name: view.name, filter: view.filter };
    },
    'views.delete': (input, actor) => {
      const index = this.views.findIndex((v) => v.id === input.id && v.staffId === actor.id);
      if (index < 0) throw new Refusal({ code: 'not_found', message: `You have no saved view ${input.id}`, field: 'id' });
      this.views.splice(index, 1);
      return { id: input.id };
    },
  };
}
