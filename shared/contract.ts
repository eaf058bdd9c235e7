/**
 * The typed contract between the renderer and the core: for each channel its input schema,
 * result type and the roles allowed to call it; for each event its payload type.
 * Both transports (Electron IPC and the browser mode's HTTP) carry exactly this.
 */
import { z } from 'zod';
import type { ChannelName, EventName } from './channel-names';
import {
  CASE_STATUSES,
  PRIORITIES,
  STAFF_ROLES,
  type CaseEvent,
  type CaseSummary,
  type StaffMember,
  type StaffRole,
} from './domain';

/** Who may call a channel: `public` needs no staff profile (choosing one is public). */
export type ChannelAccess = 'public' | readonly StaffRole[];

export interface ChannelSpec<Input extends z.ZodType = z.ZodType, Output = unknown> {
  readonly input: Input;
  readonly access: ChannelAccess;
  /** Whether a successful call changes data (used by transports and tests). */
  readonly mutates: boolean;
  /** Phantom field carrying the result type; never set at runtime. */
  readonly result?: Output;
}

function channel<Output>() {
  return <Input extends z.ZodType>(spec: Omit<ChannelSpec<Input, Output>, 'result'>): ChannelSpec<Input, Output> => spec;
}

const ALL_STAFF: readonly StaffRole[] = STAFF_ROLES;

const trimmed = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

const id = (label: string) =>
  z.number({ error: `${label} must be a number` }).int({ error: `${label} must be a whole number` }).positive({
    error: `${label} must be positive`,
  });

export interface AppInfo {
  name: string;
  version: string;
  databaseKind: 'sqlite' | 'postgres';
  /** The core's clock, as an ISO 8601 UTC string (the clock is injectable). */
  now: string;
}

export interface CaseDetail {
  case: CaseSummary;
  events: CaseEvent[];
}

export const contract = {
  'app.info': channel<AppInfo>()({
    input: z.object({}).strict(),
    access: 'public',
    mutates: false,
  }),
  'staff.list': channel<StaffMember[]>()({
    input: z.object({}).strict(),
    access: 'public',
    mutates: false,
  }),
  'staff.create': channel<StaffMember>()({
    input: z
      .object({
        name: trimmed('Name', 120),
        role: z.enum(STAFF_ROLES, { error: `Role must be one of: ${STAFF_ROLES.join(', ')}` }),
      })
      .strict(),
    access: 'public',
    mutates: true,
  }),
  'cases.create': channel<CaseSummary>()({
    input: z
      .object({
        callerName: trimmed('Caller name', 120),
        summary: trimmed('Summary', 200),
        description: z.string({ error: 'Description must be text' }).max(10_000).optional(),
        priority: z.literal(PRIORITIES, { error: 'Priority must be 1, 2, 3, 4 or 5' }).optional(),
      })
      .strict(),
    access: ALL_STAFF,
    mutates: true,
  }),
  'cases.list': channel<CaseSummary[]>()({
    input: z
      .object({
        statuses: z.array(z.enum(CASE_STATUSES, { error: 'Unknown case status' })).optional(),
        limit: z.number().int().min(1).max(50_000).optional(),
      })
      .strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  'cases.get': channel<CaseDetail>()({
    input: z.object({ id: id('Case id') }).strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
} as const satisfies Record<ChannelName, ChannelSpec>;

export type Contract = typeof contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelResult<C extends ChannelName> = NonNullable<Contract[C]['result']>;

/** Main→renderer events and their payloads. */
export interface EventPayloads {
  'cases.changed': { caseId: number; version: number; change: 'created' | 'updated' };
  'staff.changed': { staffId: number };
}
export type EventPayload<E extends EventName> = EventPayloads[E];

/** Everything a call carries besides its input. */
export interface InvokeMeta {
  /** The staff member at the console (chosen at first start; see the staff channels). */
  actorId?: number;
}
