/** Words and formats the screens show for domain values; one place, so every screen says the same thing. */
import type { CaseEventKind, CaseStatus, Priority, StaffRole } from '../../../shared/domain';

export const ROLE_LABELS: Record<StaffRole, string> = {
  agent: 'Agent',
  technician: 'Technician',
  supervisor: 'Supervisor',
};

export const STATUS_LABELS: Record<CaseStatus, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  pending_user_response: 'Pending user response',
  awaiting_parts: 'Awaiting parts',
  long_term_project: 'Long-term project',
  planned_maintenance: 'Planned maintenance',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const EVENT_KIND_LABELS: Record<CaseEventKind, string> = {
  created: 'Created',
  updated: 'Updated',
  status_changed: 'Status changed',
  priority_changed: 'Priority changed',
  assigned: 'Assigned',
  note: 'Note',
  contact: 'Contact with the caller',
  phase_changed: 'Phase updated',
  on_call_paged: 'On-call technician called',
};

export function priorityLabel(priority: Priority): string {
  return `P${priority}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An ISO instant in the console's local time, or a dash when there is none. */
export function formatInstant(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateTime.format(date);
}
