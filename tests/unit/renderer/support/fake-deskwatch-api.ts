/**
 * A Deskwatch core in memory, behind the renderer's client interface: staff (with their audit)
 * and a few case channels. The contract checks, IPC cloning, call recording, the session and
 * events are in `FakeCoreBase`.
 */
import type { ChannelName } from '../../../../shared/channel-names';
import type { CaseDetail, ChannelAccess, StaffAuditEntry } from '../../../../shared/contract';
import {
  formatCaseNumber,
  OPEN_CASE_STATUSES,
  type CaseEvent,
  type CaseSla,
  type CaseSummary,
  type StaffMember,
  type StaffRole,
} from '../../../../shared/domain';
import { decidePriority } from '../../../../shared/priority-wizard';
import { FakeCoreBase, Refusal, type AnyHandler, type Handlers } from './fake-core-base';

const NOW = '2026-11-30T14:00:00.000Z';
const NO_TARGET = { dueAt: null, warnAt: null, metAt: null, state: 'none' } as const;
/** The fake core keeps no SLA clocks. */
const NO_SLA: CaseSla = { response: NO_TARGET, resolution: NO_TARGET, nextDueAt: null, paused: false, nextContactDueAt: null, autoCloseAt: null };

export class FakeDeskwatchApi extends FakeCoreBase {
  readonly cases: CaseSummary[] = [];
  readonly events: CaseEvent[] = [];
  /** The staff audit, oldest first (as the core writes it; `staff.audit` answers newest first). */
  readonly staffAudit: StaffAuditEntry[] = [];
  now = NOW;
  /** Who the core remembers sat at this console last (`console.rememberStaff`). */
  lastStaffId: number | null = null;

  addStaff(name: string, role: StaffRole = 'agent', active = true, email: string | null = null): StaffMember {
    const member: StaffMember = { id: this.staff.length + 1, name, role, active, email };
    this.staff.push(member);
    return member;
  }

  /** A case filed by someone else (another console, the HTTP API). */
  addCase(callerName: string, summary: string, actor: StaffMember): CaseSummary {
    return this.handlers['cases.create']!({ callerName, summary, priority: 3, priorityReason: 'test' }, actor);
  }

  protected handlerFor(channel: ChannelName): AnyHandler | undefined {
    return this.handlers[channel];
  }

  protected actorFor(access: ChannelAccess, actorId: number | undefined): StaffMember | null {
    if (access === 'public' && actorId === undefined) return null;
    const actor = this.staff.find((member) => member.id === actorId);
    if (!actor) throw new Refusal({ code: 'unauthenticated', message: 'Choose who you are before doing this' });
    if (!actor.active) throw new Refusal({ code: 'forbidden', message: `${actor.name}'s profile is inactive` });
    if (access !== 'public' && !access.includes(actor.role)) throw new Refusal({ code: 'forbidden', message: `A ${actor.role} may not do this` });
    return actor;
  }

  private mustFindStaff(id: number): StaffMember {
    const member = this.staff.find((m) => m.id === id);
    if (!member) throw new Refusal({ code: 'not_found', message: `No staff member has id ${id}`, field: 'id' });
    return member;
  }

  private checkEmailFree(email: string | null | undefined, id: number | null): void {
    if (email && this.staff.some((m) => m.email === email && m.id !== id)) {
      throw new Refusal({ code: 'conflict', message: `Someone already signs in with ${email}`, field: 'email' });
    }
  }

  private auditStaff(actor: StaffMember | null, member: StaffMember, change: StaffAuditEntry['change'], before: StaffAuditEntry['before'], after: StaffAuditEntry['after']): void {
    this.staffAudit.push({ id: this.staffAudit.length + 1, at: this.now, actorId: actor?.id ?? null, actorName: actor?.name ?? null, staffId: member.id, staffName: member.name, change, before, after });
    this.emit('staff.changed', { staffId: member.id });
  }

  private readonly handlers: Handlers = {
    'console.lastStaff': () => ({ staffId: this.lastStaffId }),
    'console.rememberStaff': (input) => {
      this.lastStaffId = input.staffId;
      return { staffId: input.staffId };
    },
    'staff.list': () => [...this.staff].sort((a, b) => a.name.localeCompare(b.name)),
    'staff.create': (input, actor) => {
      this.checkEmailFree(input.email, null);
      const member = this.addStaff(input.name, input.role, true, input.email ?? null);
      this.auditStaff(actor, member, 'created', null, { name: member.name, role: member.role, email: member.email, active: true });
      return { ...member };
    },
    'staff.update': (input, actor) => {
      const member = this.mustFindStaff(input.id);
      this.checkEmailFree(input.email, member.id);
      const { id: _id, ...changes } = input;
      const fields = (Object.keys(changes) as (keyof typeof changes)[]).filter((key) => changes[key] !== undefined && changes[key] !== member[key]);
      const before = Object.fromEntries(fields.map((key) => [key, member[key] ?? null]));
      const after = Object.fromEntries(fields.map((key) => [key, changes[key]]));
      Object.assign(member, after);
      if (fields.length > 0) this.auditStaff(actor, member, 'updated', before, after);
      return { ...member };
    },
    'staff.setPassword': (input, actor) => {
      const member = this.mustFindStaff(input.id);
      if (!member.email) throw new Refusal({ code: 'invalid_input', message: `${member.name} has no email to sign in with`, field: 'id' });
      this.passwords.set(member.email, input.password);
      this.auditStaff(actor, member, 'password', null, null);
      return { ...member };
    },
    'staff.audit': (input) => this.staffAudit.filter((entry) => input.staffId === undefined || entry.staffId === input.staffId).reverse(),
    'cases.create': (input, actor) => {
      const decision = input.wizard ? decidePriority(input.wizard) : null;
      const priority = input.priority ?? decision?.priority;
      if (priority === undefined) throw new Refusal({ code: 'invalid_input', message: 'Answer the priority wizard or set a priority', field: 'wizard' });
      if (priority === 1 && input.onCallNotified !== true) {
        throw new Refusal({ code: 'invalid_input', message: 'Priority 1: call the on-call technician now, then confirm you did', field: 'onCallNotified' });
      }
      const id = this.cases.length + 1;
      const created: CaseSummary = {
        id,
        number: formatCaseNumber(id),
        callerId: id,
        callerName: input.callerName ?? '',
        callbackNumber: null,
        buildingId: null,
        buildingName: null,
        room: null,
        categoryId: null,
        categoryName: null,
        assetTag: null,
        summary: input.summary,
        description: input.description ?? '',
        priority,
        status: 'new',
        channel: 'phone',
        assigneeId: null,
        receivedAt: NOW,
        clockStartAt: NOW,
        responseDueAt: null,
        resolutionDueAt: null,
        policyVersion: null,
        priorityReason: input.priorityReason ?? null,
        relatedCaseId: null,
        onCallNotifiedAt: null,
        version: 1,
        createdAt: NOW,
        updatedAt: NOW,
      };
      this.cases.push(created);
      this.events.push({
        id: this.events.length + 1,
        caseId: id,
        actorId: actor?.id ?? null,
        actorName: actor?.name ?? null,
        kind: 'created',
        at: NOW,
        detail: {},
        reason: null,
      });
      this.emit('cases.changed', { caseId: id, version: 1, change: 'created' });
      return created;
    },
    'cases.list': (input) => {
      const statuses = input.statuses ?? OPEN_CASE_STATUSES;
      return this.cases.filter((c) => statuses.includes(c.status)).sort((a, b) => b.id - a.id);
    },
    'cases.get': (input): CaseDetail => {
      const found = this.cases.find((c) => c.id === input.id);
      if (!found) throw new Refusal({ code: 'not_found', message: `No case has id ${input.id}`, field: 'id' });
      return {
        case: { ...found, assigneeName: null, sla: NO_SLA },
        events: this.events.filter((e) => e.caseId === input.id),
        contacts: [],
        phases: [],
        lifecycle: {
          respondedAt: null,
          resolvedAt: null,
          closedAt: null,
          resolutionNotes: null,
          kbCandidate: false,
          parts: null,
          maintenanceWindow: null,
        },
        allowedActions: [],
        ledger: [],
      };
    },
  };
}
