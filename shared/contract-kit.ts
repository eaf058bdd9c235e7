/**
 * The building blocks of the contract's schemas and channel specs: texts that refuse what
 * cannot be stored, ids within PostgreSQL's integer, dates and instants, request limits. Every
 * part of the contract (shared/contract.ts and its per-feature parts) builds from these, so a
 * label's message reads the same on every channel.
 */
import { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from './domain';

/** Who may call a channel: `public` needs no staff profile (choosing one is public). */
export type ChannelAccess = 'public' | readonly StaffRole[];

export interface ChannelSpec<Input extends z.ZodType = z.ZodType, Output = unknown> {
  readonly input: Input;
  readonly access: ChannelAccess;
  /**
   * A standalone console (one person, one machine, no sign-in) may open a channel to anyone at
   * it: adding one's own profile there. A district server always applies `access`.
   */
  readonly standaloneAccess?: 'public';
  /** Only a standalone console has it (its memory of who sat at this machine); a server refuses it. */
  readonly standaloneOnly?: true;
  /** Whether a successful call changes data (used by transports and tests). */
  readonly mutates: boolean;
  /** The largest request the transports carry for this channel; absent: DEFAULT_REQUEST_LIMIT. */
  readonly requestLimit?: RequestLimit;
  /** Phantom field carrying the result type; never set at runtime. */
  readonly result?: Output;
}

/**
 * How big a call may be, in bytes of its JSON envelope (`{ input, meta }`, UTF-8), as both
 * transports measure it before the core sees it. Too big is an `invalid_input` naming `field`.
 */
export interface RequestLimit {
  readonly bytes: number;
  readonly field: string;
  readonly message: string;
}

export const DEFAULT_REQUEST_LIMIT: RequestLimit = {
  bytes: 1_000_000,
  field: 'input',
  message: 'The request is too large: at most 1 MB. Enter less text at once.',
};

/**
 * A channel that carries a file of at most `megabytes` (as text). JSON escapes quotes and line
 * breaks, so the envelope may be larger than the file itself: half again, plus room for the rest.
 */
export function fileLimit(field: string, megabytes: number): RequestLimit {
  return {
    bytes: Math.ceil(megabytes * 1_000_000 * 1.5) + 64_000,
    field,
    message: `The file is too large: at most ${megabytes} MB. Split it into smaller files and import each.`,
  };
}
export function channel<Output>() {
  return <Input extends z.ZodType>(spec: Omit<ChannelSpec<Input, Output>, 'result'>): ChannelSpec<Input, Output> => spec;
}

export const ALL_STAFF: readonly StaffRole[] = STAFF_ROLES;
export const SUPERVISORS: readonly StaffRole[] = ['supervisor'];

/**
 * Every text of the contract starts here: PostgreSQL cannot store the NUL character (U+0000) in
 * text, and no desk user means to type one, so it is refused up front on both databases.
 */
export const text = (label: string, kind = 'text') =>
  z.string({ error: `${label} must be ${kind}` }).refine((v) => !v.includes('\u0000'), {
    error: `${label} contains a NUL character (U+0000), which cannot be stored; remove it`,
    abort: true,
  });

export const requiredText = (label: string, max: number) =>
  text(label)
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

/** Optional text: blank means "not given" and is stored as null. */
export const optionalText = (label: string, max: number) =>
  text(label)
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

/** Ids (and versions) are PostgreSQL `integer` columns: 1 to 2^31 − 1. */
export const MAX_ID = 2_147_483_647;

export const id = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .int({ error: `${label} must be a whole number` })
    .positive({ error: `${label} must be positive` })
    .max(MAX_ID, { error: `${label} must be at most ${MAX_ID}` });

export const version = z
  .number({ error: 'Version must be a number' })
  .int({ error: 'Version must be a whole number' })
  .positive({ error: 'Version must be positive' })
  .max(MAX_ID, { error: `Version must be at most ${MAX_ID}` });
export const isoDate = (label: string) => text(label, 'a date').regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a date like 2026-12-04` });
export const isoInstant = (label: string) =>
  text(label, 'a date and time').refine((v) => !Number.isNaN(Date.parse(v)) && /T\d{2}:\d{2}/.test(v), {
    error: `${label} must be a date and time like 2026-12-05T08:00:00-06:00`,
  });
