/**
 * A Deskwatch core in memory, behind the renderer's client interface. Inputs are checked with the
 * contract's own schemas and cloned the way Electron IPC clones them (a reactive proxy fails
 * there), so a store that sends the wrong thing fails here as it would in the app.
 */
import type { EventStreamState, ConsoleApi } from '../../../../renderer/src/api/console-api';
import { TRANSPORT_ERRORS } from '../../../../renderer/src/api/transport-errors';
import type { ChannelName, EventName } from '../../../../shared/channel-names';
import {
  contract,
  type CaseDetail,
  type ChannelInput,
  type ChannelParsedInput,
  type ChannelResult,
  type EventPayload,
  type InvokeMeta,
} from '../../../../shared/contract';
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
import type { ContractError, Result } from '../../../../shared/result';

export interface RecordedCall {
  channel: ChannelName;
  input: unknown;
  meta: InvokeMeta | undefined;
}

class Refusal extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
  }
}

type Handlers = { [C in ChannelName]?: (input: ChannelParsedInput<C>, actor: StaffMember | null) => ChannelResult<C> };

const NOW = '2026-11-30T14:00:00.000Z';
const NO_TARGET = { dueAt: null, warnAt: null, metAt: null, state: 'none' } as const;
/** The fake core keeps no SLA clocks. */
const NO_SLA: CaseSla = { response: NO_TARGET, resolution: NO_TARGET, nextDueAt: null, paused: false, nextContactDueAt: null, autoCloseAt: null };

export class FakeDeskwatchApi implements ConsoleApi {
  readonly calls: RecordedCall[] = [];
  readonly staff: StaffMember[] = [];
  readonly cases: CaseSummary[] = [];
  readonly events: CaseEvent[] = [];
  /** While true, every call fails the way the HTTP transport does when the server is gone. */
  unreachable = false;

  private readonly eventListeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly stateListeners = new Set<(state: EventStreamState) => void>();
  private streamState: EventStreamState;

  constructor(options: { streamState?: EventStreamState } = {}) {
    this.streamState = options.streamState ?? 'open';
  }

  addStaff(name: string, role: StaffRole = 'agent', active = true): StaffMember {
    const member = { id: this.staff.length + 1, name, role, active };
    this.staff.push(member);
    return member;
  }

  /** A case filed by someone else (another console, the HTTP API). */
  addCase(callerName: string, summary: string, actor: StaffMember): CaseSummary {
    return this.handlers['cases.create']!({ callerName, summary, priority: 3, priorityReason: 'test' }, actor);
  }

  async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>, meta?: InvokeMeta): Promise<Result<ChannelResult<C>>> {
    // Answer later, as a real transport would.
    await Promise.resolve();
    let sent: unknown;
    try {
      sent = structuredClone(input);
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: `could not clone the input: ${String(error)}` } };
    }
    this.calls.push({ channel, input: sent, meta: meta === undefined ? undefined : structuredClone(meta) });
    if (this.unreachable) return { ok: false, error: TRANSPORT_ERRORS.unreachable };

    const spec = contract[channel];
    const parsed = spec.input.safeParse(sent ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || 'input';
      return { ok: false, error: { code: 'invalid_input', message: `${field}: ${issue?.message ?? 'invalid'}`, field } };
    }
    try {
      const actor = this.actorFor(spec.access, meta?.actorId);
      const handler = this.handlers[channel] as ((input: unknown, actor: StaffMember | null) => ChannelResult<C>) | undefined;
      if (!handler) return { ok: false, error: { code: 'unknown_channel', message: `The fake core has no ${channel}` } };
      return { ok: true, value: handler(parsed.data, actor) };
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, error: error.error };
      throw error;
    }
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.eventListeners.get(event) ?? new Set();
    this.eventListeners.set(event, set);
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  onStreamState(listener: (state: EventStreamState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.streamState);
    return () => this.stateListeners.delete(listener);
  }

  /** Delivers a core event, unless the event stream is down: then it is lost, as it would be. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (this.streamState !== 'open') return;
    for (const listener of [...(this.eventListeners.get(event) ?? [])]) listener(payload as never);
  }

  setStreamState(state: EventStreamState): void {
    this.streamState = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  listenerCount(event: EventName): number {
    return this.eventListeners.get(event)?.size ?? 0;
  }

  callsTo(channel: ChannelName): RecordedCall[] {
    return this.calls.filter((call) => call.channel === channel);
  }

  private actorFor(access: (typeof contract)[ChannelName]['access'], actorId: number | undefined): StaffMember | null {
    if (access === 'public' && actorId === undefined) return null;
    const actor = this.staff.find((member) => member.id === actorId);
    if (!actor) throw new Refusal({ code: 'unauthenticated', message: 'Choose who you are before doing this' });
    if (!actor.active) throw new Refusal({ code: 'forbidden', message: `${actor.name}'s profile is inactive` });
    return actor;
  }

  private readonly handlers: Handlers = {
    'staff.list': () => [...this.staff].sort((a, b) => a.name.localeCompare(b.name)),
    'staff.create': (input) => {
      const member = this.addStaff(input.name, input.role);
      this.emit('staff.changed', { staffId: member.id });
      return member;
    },
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
