/**
 * Priority 1 paging and escalation (the agreement: priority 1 "will call technicians for
 * immediate response. Problem acknowledged within 1 hour"), breach emails and the vendor's parts
 * date reminder: what the contract shows of the pages the desk sent for a case, and the desk's
 * escalation setting.
 */

/** What a page was for. */
export const PAGE_KINDS = ['p1_page', 'p1_escalation', 'breach_mail', 'parts_overdue'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** How it reached the person: an email, a text through their email-to-SMS gateway address, a console alert. */
export const PAGE_CHANNELS = ['email', 'sms', 'console'] as const;
export type PageChannel = (typeof PAGE_CHANNELS)[number];

export const PAGE_KIND_LABELS: Readonly<Record<PageKind, string>> = {
  p1_page: 'Priority 1 page',
  p1_escalation: 'Escalated: not acknowledged in time',
  breach_mail: 'Breach email',
  parts_overdue: 'Parts date passed',
};

export const PAGE_CHANNEL_LABELS: Readonly<Record<PageChannel, string>> = {
  email: 'Email',
  sms: 'Text (SMS gateway)',
  console: 'Console alert',
};

/** One page sent for a case, as the case view lists it. */
export interface CasePage {
  id: number;
  caseId: number;
  kind: PageKind;
  staffId: number;
  staffName: string;
  channel: PageChannel;
  /** The address it went to (email and sms), or null (console). */
  address: string | null;
  /** ISO instant. */
  at: string;
  /** Why this person was paged and anything the desk should know ("Nobody is on call …"). */
  detail: string;
}

export interface EscalationSettings {
  /** A priority 1 not acknowledged this many minutes after its page is escalated to the supervisors. */
  escalateAfterMinutes: number;
  /**
   * Whether pages go by email and text here: only the district server sends mail. A standalone
   * console pages in the console only.
   */
  mailPages: boolean;
}

export const DEFAULT_ESCALATE_AFTER_MINUTES = 15;
/** The agreement's acknowledgement target for priority 1 is 1 hour: escalating later is no escalation. */
export const MAX_ESCALATE_AFTER_MINUTES = 60;
export const MIN_ESCALATE_AFTER_MINUTES = 1;

/** The most characters of a text to a pager address: one SMS. */
export const SMS_LENGTH = 160;
