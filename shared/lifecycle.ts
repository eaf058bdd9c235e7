/**
 * The case lifecycle as data: each action, the states it may start from, the state it leads to
 * and who may take it. The core enforces it; the renderer reads it to offer only what is allowed.
 */
import type { CaseStatus, StaffRole } from './domain';

export const CASE_ACTIONS = [
  'acknowledge',
  'start',
  'pend',
  'await_parts',
  'parts_arrived',
  'make_project',
  'plan_maintenance',
  'resume',
  'resolve',
  'close',
  'reopen',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface ActionRule {
  from: readonly CaseStatus[];
  to: CaseStatus;
  roles: readonly StaffRole[];
  label: string;
}

const WORKERS: readonly StaffRole[] = ['technician', 'supervisor'];
const EVERYONE: readonly StaffRole[] = ['agent', 'technician', 'supervisor'];
const WORKING: readonly CaseStatus[] = ['acknowledged', 'in_progress'];

export const ACTION_RULES: Readonly<Record<CaseAction, ActionRule>> = {
  acknowledge: { from: ['new'], to: 'acknowledged', roles: WORKERS, label: 'Acknowledge' },
  start: { from: ['acknowledged'], to: 'in_progress', roles: WORKERS, label: 'Start work' },
  pend: { from: WORKING, to: 'pending_user_response', roles: WORKERS, label: 'Pending user response' },
  // Also from awaiting_parts: the vendor gave a new date (or the order went elsewhere); the pause goes on.
  await_parts: { from: [...WORKING, 'awaiting_parts'], to: 'awaiting_parts', roles: WORKERS, label: 'Awaiting parts/assistance' },
  parts_arrived: { from: ['awaiting_parts'], to: 'in_progress', roles: WORKERS, label: 'Parts arrived' },
  // Any case a supervisor moves there; priority 5 cases by their technician too (checked in the service).
  make_project: { from: ['new', ...WORKING], to: 'long_term_project', roles: WORKERS, label: 'Long-term project' },
  plan_maintenance: { from: ['new', ...WORKING], to: 'planned_maintenance', roles: WORKERS, label: 'Planned maintenance' },
  resume: { from: ['long_term_project', 'planned_maintenance', 'pending_user_response'], to: 'in_progress', roles: WORKERS, label: 'Resume work' },
  resolve: {
    from: ['new', 'acknowledged', 'in_progress', 'pending_user_response', 'awaiting_parts', 'long_term_project', 'planned_maintenance'],
    to: 'resolved',
    roles: EVERYONE,
    label: 'Resolve',
  },
  close: { from: ['resolved'], to: 'closed', roles: WORKERS, label: 'Close' },
  reopen: { from: ['resolved', 'closed'], to: 'in_progress', roles: EVERYONE, label: 'Reopen' },
};

/**
 * What the employee who asked may do to their own request at the Tech Support Center: three of the
 * lifecycle's actions, from fewer states than staff (an answer resumes only the desk's question,
 * never a project or maintenance). The event has no staff actor; it names the employee.
 */
export const EMPLOYEE_ACTION_RULES = {
  resume: { from: ['pending_user_response'], label: 'Answer the desk' },
  close: { from: ['resolved'], label: 'Confirm it is fixed' },
  reopen: { from: ['resolved', 'closed'], label: 'Reopen' },
} as const satisfies Partial<Record<CaseAction, { from: readonly CaseStatus[]; label: string }>>;
export type EmployeeAction = keyof typeof EMPLOYEE_ACTION_RULES;

/** States whose time does not count against the targets (the agreement's pausing side states). */
export const PAUSING_STATUSES: readonly CaseStatus[] = ['pending_user_response', 'awaiting_parts'];

/** A resolved case may be reopened with its history for this long. */
export const REOPEN_WINDOW_DAYS = 14;

/** "After 3 days of no response we will close the work order" (business days). */
export const PENDING_AUTO_CLOSE_BUSINESS_DAYS = 3;

export const CONTACT_METHODS = ['phone', 'email'] as const;
export const CONTACT_OUTCOMES = ['no_answer', 'left_message', 'emailed', 'replied'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export function allowedActions(status: CaseStatus, role: StaffRole): CaseAction[] {
  return CASE_ACTIONS.filter((a) => ACTION_RULES[a].from.includes(status) && ACTION_RULES[a].roles.includes(role));
}
