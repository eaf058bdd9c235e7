/**
 * Announcements: planned maintenance, unplanned outages and upgrades, as the desk publishes them
 * (the agreement's "Scheduled Maintenance Procedure"), and outages as one incident with the
 * cases linked to it. Types and the rules' numbers, shared by the core, the console and the work
 * to come (email to employees, the Tech Support Center's status page).
 */

export const ANNOUNCEMENT_KINDS = ['planned_maintenance', 'unplanned_outage', 'upgrade'] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];

export const ANNOUNCEMENT_KIND_LABELS: Readonly<Record<AnnouncementKind, string>> = {
  planned_maintenance: 'Planned maintenance',
  unplanned_outage: 'Outage',
  upgrade: 'Upgrade',
};

export const ANNOUNCEMENT_STATES = ['draft', 'published', 'closed'] as const;
export type AnnouncementState = (typeof ANNOUNCEMENT_STATES)[number];

/**
 * "Scheduled System / Network Maintenance Periods: Saturdays 8 a.m. to Noon", in the desk's zone.
 * `weekday` is ISO (Monday 1 … Sunday 7); minutes count from local midnight.
 */
export const MAINTENANCE_WINDOW = { weekday: 6, startMinute: 8 * 60, endMinute: 12 * 60, label: 'Saturday 8 a.m. to noon' } as const;
export type MaintenanceWindow = typeof MAINTENANCE_WINDOW;

/** Planned work is announced this many business days before it starts, unless the desk sets another number. */
export const DEFAULT_NOTICE_BUSINESS_DAYS = 3;
export const MAX_NOTICE_BUSINESS_DAYS = 30;

/** An announcement counts as current from this long before its start until it is closed. */
export const CURRENT_LOOKAHEAD_MS = 24 * 60 * 60 * 1000;

export const ANNOUNCEMENT_TEXT_LIMITS = {
  title: 200,
  description: 10_000,
  service: 120,
  services: 30,
  buildings: 200,
  reason: 1_000,
  update: 5_000,
  /** Expected duration: at most four weeks. */
  expectedMinutes: 28 * 24 * 60,
} as const;

export interface AnnouncementUpdate {
  id: number;
  /** ISO instant. */
  at: string;
  authorId: number | null;
  authorName: string | null;
  text: string;
}

export interface AnnouncementBuilding {
  id: number;
  name: string;
}

export interface Announcement {
  id: number;
  kind: AnnouncementKind;
  title: string;
  description: string;
  affectedServices: string[];
  /** Empty: district-wide. */
  buildings: AnnouncementBuilding[];
  /** Calls in this category (and the buildings) match an outage; null: any category. */
  categoryId: number | null;
  /** ISO instants. */
  startAt: string;
  expectedMinutes: number;
  expectedEndAt: string;
  state: AnnouncementState;
  /** Planned maintenance that does not fit the maintenance window; published only with `outsideWindowReason`. */
  outsideWindow: boolean;
  outsideWindowReason: string | null;
  /** Published after the notice deadline. */
  lateNotice: boolean;
  /** Planned maintenance only: when it must be published by (ISO), under the desk's notice setting. */
  noticeDeadline: string | null;
  authorId: number | null;
  authorName: string | null;
  publishedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  updates: AnnouncementUpdate[];
  /** Cases linked to the outage, oldest link first. */
  linkedCaseIds: number[];
}

/** What resolving an outage did: the linked cases resolved, and those left as they were (and why). */
export interface OutageResolution {
  announcement: Announcement;
  resolvedCaseIds: number[];
  skipped: { caseId: number; reason: string }[];
}

/** A planned maintenance still in draft when its notice deadline has passed: its author is reminded. */
export interface AnnouncementReminder {
  announcementId: number;
  authorId: number | null;
  title: string;
  startAt: string;
  noticeDeadline: string;
}

export interface AnnouncementSettings {
  noticeBusinessDays: number;
  /**
   * A district distribution list (all-staff@district.example): announcements are emailed there,
   * once, instead of to each affected employee. Null: each employee of the buildings concerned.
   */
  distributionList: string | null;
}

export type AnnouncementChange = 'created' | 'updated' | 'published' | 'closed' | 'linked';

export function formatAnnouncementNumber(id: number): string {
  return `N-${String(id).padStart(4, '0')}`;
}
