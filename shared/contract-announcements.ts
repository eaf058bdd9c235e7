/**
 * Announcements' part of the contract. Everyone reads them (agents see published ones only) and
 * matches calls to outages at intake; supervisors write, publish and close; technicians and
 * supervisors post updates.
 */
import { z } from 'zod';
import { ALL_STAFF, channel, id, isoInstant, optionalText, requiredText, SUPERVISORS, text, version } from './contract-kit';
import type { StaffRole } from './domain';
import {
  ANNOUNCEMENT_KINDS,
  ANNOUNCEMENT_STATES,
  ANNOUNCEMENT_TEXT_LIMITS as LIMITS,
  MAX_NOTICE_BUSINESS_DAYS,
  type Announcement,
  type AnnouncementReminder,
  type AnnouncementSettings,
  type OutageResolution,
} from './announcements';

const WORKERS: readonly StaffRole[] = ['technician', 'supervisor'];

const ref = { id: id('Announcement id'), version };
const reason = optionalText('Reason for working outside the maintenance window', LIMITS.reason);

const fields = {
  kind: z.enum(ANNOUNCEMENT_KINDS, { error: `Kind must be one of: ${ANNOUNCEMENT_KINDS.join(', ')}` }),
  title: requiredText('Title', LIMITS.title),
  description: text('Description').max(LIMITS.description, { error: `Description must be at most ${LIMITS.description} characters` }),
  affectedServices: z
    .array(requiredText('Affected service', LIMITS.service), { error: 'Affected services must be a list' })
    .max(LIMITS.services, { error: `At most ${LIMITS.services} affected services` }),
  /** Empty: district-wide. */
  buildingIds: z.array(id('Building'), { error: 'Buildings must be a list' }).max(LIMITS.buildings, { error: `At most ${LIMITS.buildings} buildings` }),
  categoryId: id('Category').nullable().optional(),
  startAt: isoInstant('Start'),
  expectedMinutes: z
    .number({ error: 'Expected duration must be a number of minutes' })
    .int({ error: 'Expected duration must be whole minutes' })
    .positive({ error: 'Expected duration must be positive' })
    .max(LIMITS.expectedMinutes, { error: `Expected duration must be at most ${LIMITS.expectedMinutes} minutes (four weeks)` }),
  outsideWindowReason: reason,
};

export const announcementChannels = {
  /** Current announcements (published, not closed, starting within a day or already started), or all of them, newest first. */
  'announcements.list': channel<Announcement[]>()({
    input: z
      .object({
        scope: z.enum(['current', 'all'], { error: 'Scope must be current or all' }).optional(),
        states: z.array(z.enum(ANNOUNCEMENT_STATES, { error: `State must be one of: ${ANNOUNCEMENT_STATES.join(', ')}` })).optional(),
        kinds: z.array(fields.kind).optional(),
        limit: z.number().int().min(1, { error: 'Ask for at least 1 announcement' }).max(200, { error: 'Ask for at most 200 announcements' }).optional(),
      })
      .strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  'announcements.get': channel<Announcement>()({ input: z.object({ id: id('Announcement id') }).strict(), access: ALL_STAFF, mutates: false }),
  /** A new draft (no id) or a change to a draft (id and the version the person saw). */
  'announcements.save': channel<Announcement>()({
    input: z
      .object({ id: id('Announcement id').optional(), version: version.optional(), ...fields })
      .strict()
      .refine((v) => v.id === undefined || v.version !== undefined, { error: 'Give the version you edited', path: ['version'] }),
    access: SUPERVISORS,
    mutates: true,
  }),
  'announcements.publish': channel<Announcement>()({ input: z.object({ ...ref, outsideWindowReason: reason }).strict(), access: SUPERVISORS, mutates: true }),
  'announcements.addUpdate': channel<Announcement>()({
    input: z.object({ id: id('Announcement id'), text: requiredText('Update', LIMITS.update) }).strict(),
    access: WORKERS,
    mutates: true,
  }),
  'announcements.close': channel<Announcement>()({ input: z.object(ref).strict(), access: SUPERVISORS, mutates: true }),
  /** Open outages a call at intake may belong to: same building (or district-wide), same category when the outage names one. */
  'announcements.matchingOutages': channel<Announcement[]>()({
    input: z.object({ buildingId: id('Building').nullable().optional(), categoryId: id('Category').nullable().optional() }).strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  'announcements.linkCase': channel<Announcement>()({
    input: z.object({ id: id('Announcement id'), caseId: id('Case id') }).strict(),
    access: ALL_STAFF,
    mutates: true,
  }),
  'announcements.unlinkCase': channel<Announcement>()({
    input: z.object({ id: id('Announcement id'), caseId: id('Case id') }).strict(),
    access: ALL_STAFF,
    mutates: true,
  }),
  /** Closes the outage and resolves each linked open case with a note naming it. */
  'announcements.resolveOutage': channel<OutageResolution>()({
    input: z.object({ ...ref, note: requiredText('Resolution notes', 5_000) }).strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
  /** Planned drafts whose notice deadline has passed and which have not started: each names its author, who should publish it (or move it). */
  'announcements.reminders': channel<AnnouncementReminder[]>()({ input: z.object({}).strict(), access: SUPERVISORS, mutates: false }),
  'announcements.settings': channel<AnnouncementSettings>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  'announcements.saveSettings': channel<AnnouncementSettings>()({
    input: z
      .object({
        noticeBusinessDays: z
          .number({ error: 'Notice must be a number of business days' })
          .int({ error: 'Notice must be whole business days' })
          .min(0, { error: 'Notice must be 0 or more business days' })
          .max(MAX_NOTICE_BUSINESS_DAYS, { error: `Notice must be at most ${MAX_NOTICE_BUSINESS_DAYS} business days` }),
        /** Left out: unchanged; null or empty: email each affected employee instead. */
        distributionList: z
          .string({ error: 'The distribution list must be an email address' })
          .trim()
          .max(254, { error: 'The distribution list address must be at most 254 characters' })
          .refine((v) => v === '' || /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(v), { error: 'The distribution list must be one email address like all-staff@district.example' })
          .nullable()
          .optional(),
      })
      .strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
} as const;
