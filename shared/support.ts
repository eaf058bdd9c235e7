/**
 * The Tech Support Center's words: what an employee sees of their own requests, the status page
 * and the self-help articles. Nothing here carries more of a case than its employee may see: no
 * staff-only notes, no other callers, no internal priority reasons.
 */
import type { AnnouncementKind } from './announcements';
import type { CaseStatus, Priority } from './domain';
import { WIZARD_QUESTIONS, type WizardAnswers, type WizardQuestion } from './priority-wizard';

/** Screenshots: what the form accepts. The core checks the bytes (magic numbers), not the name or the stated type. */
export const SCREENSHOT_LIMITS = {
  files: 3,
  bytesEach: 5 * 1024 * 1024,
  types: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const,
  fileName: 200,
} as const;
export type ScreenshotType = (typeof SCREENSHOT_LIMITS.types)[number];

/** Requests one employee may submit: at most `perHour` in any hour, `perDay` in any 24 hours. */
export const SUBMISSION_LIMITS = { perHour: 10, perDay: 30 } as const;

export const RATING_STARS = [1, 2, 3, 4, 5] as const;
export const SUPPORT_TEXT_LIMITS = { answer: 4_000, reopenReason: 2_000, ratingComment: 2_000 } as const;

/**
 * The priority questions as an employee reads them: the console's questions (same keys, same
 * answers, so the same wizard decides), asked in the employee's words rather than the desk's.
 */
const EMPLOYEE_QUESTION_WORDS: Readonly<Record<keyof WizardAnswers, string>> = {
  securityOrSafety: "Is anyone's safety at risk, or the security of district systems or data?",
  missionCritical: 'Does it stop something that must happen now, such as testing, payroll or a class that cannot go on?',
  affected: 'How many people have this problem?',
  workEffect: 'How does it affect the work?',
};

export const EMPLOYEE_WIZARD_QUESTIONS: readonly WizardQuestion[] = WIZARD_QUESTIONS.map((q) => ({ ...q, text: EMPLOYEE_QUESTION_WORDS[q.key] }));

/** The signed-in employee, as the Tech Support Center greets them. */
export interface EmployeeProfile {
  callerId: number;
  name: string;
  email: string | null;
  phone: string | null;
  buildingId: number | null;
  room: string | null;
}

/** How to reach the desk by phone, as the server is set up (DESKWATCH_DESK_PHONE, the SLA calendar's hours). */
export interface DeskContact {
  phone: string;
  /** "Monday to Friday, 7:00 AM to 5:00 PM" */
  hours: string;
}

/** What `GET /api/support/session` answers: who is signed in (or nobody), how to sign in, how to call the desk. */
export interface SupportSessionState {
  employee: EmployeeProfile | null;
  signIn: { sso: { label: string } | null };
  desk: DeskContact;
  /** With a session: the token the page sends back as `x-csrf-token`. */
  csrf?: string;
}

/**
 * A number a phone can dial from the desk's phone words, for a `tel:` link: the first run of 10
 * digits (a North American number, +1 added) or an international one written with +; null when
 * there is none (an extension alone is dialled from a school phone, not from a link).
 */
export function dialablePhone(words: string): string | null {
  for (const match of words.matchAll(/\+?\d[\d\s().-]{6,}\d/g)) {
    const digits = match[0].replace(/\D/g, '');
    if (match[0].startsWith('+') && digits.length >= 8 && digits.length <= 15) return `+${digits}`;
    if (digits.length === 10) return `+1${digits}`;
    if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  }
  return null;
}

/** What the request form needs. */
export interface SupportStart {
  employee: EmployeeProfile;
  buildings: { id: number; name: string }[];
  /** The priority questions, in plain words for an employee. */
  questions: readonly WizardQuestion[];
  /** How to call the desk (priority 1 and the desk's hours). */
  deskPhone: string;
  /** "Monday to Friday, 7:00 AM to 5:00 PM": the desk's hours in words. */
  deskHours: string;
  screenshots: typeof SCREENSHOT_LIMITS;
}

/** One screenshot as the form sends it: its bytes in base64. */
export interface ScreenshotUpload {
  fileName: string;
  dataBase64: string;
}

/** What the page (and the confirmation email) tells the employee once the request is recorded. */
export interface SubmittedRequest {
  caseId: number;
  caseNumber: string;
  receivedAt: string;
  priority: Priority;
  respondBy: string | null;
  resolveBy: string | null;
  /** Sentences for the employee, in order. */
  inWords: string[];
  /** Priority 1: what to do now (call the desk); null otherwise. */
  callDeskNow: string | null;
  /** Where the confirmation email goes (the employee's address in the directory); null when there is none. */
  confirmationTo: string | null;
}

/** Where a request stands, in the employee's words (several desk states read the same to them). */
export type RequestStage = 'received' | 'in_progress' | 'needs_you' | 'waiting_for_parts' | 'scheduled' | 'resolved' | 'closed';

export const STAGE_OF_STATUS: Readonly<Record<CaseStatus, RequestStage>> = {
  new: 'received',
  acknowledged: 'in_progress',
  in_progress: 'in_progress',
  pending_user_response: 'needs_you',
  awaiting_parts: 'waiting_for_parts',
  long_term_project: 'scheduled',
  planned_maintenance: 'scheduled',
  resolved: 'resolved',
  closed: 'closed',
};

export const STAGE_WORDS: Readonly<Record<RequestStage, string>> = {
  received: 'Received',
  in_progress: 'Being worked on',
  needs_you: 'Waiting for your answer',
  waiting_for_parts: 'Waiting for parts',
  scheduled: 'Scheduled',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** A request in the employee's list. */
export interface RequestRow {
  caseId: number;
  number: string;
  summary: string;
  stage: RequestStage;
  receivedAt: string;
  updatedAt: string;
}

/** One entry of a request's history the employee may see: a technician's public note, the desk's question, their own answer. */
export interface RequestNote {
  at: string;
  /** "Help Desk" or the staff member's first name; "You" for the employee's own. */
  by: string;
  kind: 'note' | 'question' | 'answer' | 'reopened' | 'resolved';
  text: string;
}

/** One request as its employee sees it. */
export interface RequestView {
  caseId: number;
  number: string;
  summary: string;
  details: string;
  buildingName: string | null;
  room: string | null;
  callbackNumber: string | null;
  stage: RequestStage;
  receivedAt: string;
  /** The targets and the state, in sentences. */
  inWords: string[];
  notes: RequestNote[];
  /** While waiting for parts: the order as the desk recorded it (the agreement: "for customer review"). */
  parts: { vendor: string | null; expectedDate: string | null } | null;
  /** While the desk waits for the employee: what it asked, to answer here. */
  question: { askedAt: string; text: string } | null;
  screenshots: { id: number; fileName: string; contentType: string; byteSize: number }[];
  /** Resolved: the employee may confirm (close) it. */
  canConfirm: boolean;
  /** Resolved or closed within the reopen window: until when it may be reopened (ISO), else null. */
  reopenUntil: string | null;
  canRate: boolean;
  rating: { stars: number; comment: string | null; ratedAt: string } | null;
  version: number;
}

/** An announcement as the status page shows it: the public fields only (no author, no linked cases). */
export interface StatusAnnouncement {
  id: number;
  number: string;
  kind: AnnouncementKind;
  title: string;
  description: string;
  affectedServices: string[];
  /** Building names; empty: district-wide. */
  buildings: string[];
  startAt: string;
  expectedEndAt: string;
  state: 'published' | 'closed';
  updates: { at: string; text: string }[];
  closedAt: string | null;
}

export interface StatusPage {
  /** Published and not closed: happening now or coming. */
  current: StatusAnnouncement[];
  /** Closed in the last 7 days. */
  recent: StatusAnnouncement[];
}

/** A public knowledge-base article found for the employee. */
export interface HelpArticleHit {
  id: number;
  title: string;
  /** A sentence or two of its text, plain. */
  excerpt: string;
}

export interface HelpArticle {
  id: number;
  title: string;
  /** Rendered and sanitised HTML of the article's body. */
  html: string;
  updatedAt: string;
}
