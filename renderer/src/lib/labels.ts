/** Words and formats the screens show for domain values; one place, so every screen says the same thing. */
import type { CaseEventKind, CaseStatus, Priority, StaffRole } from '../../../shared/domain';
import { shownZone, zoneNeedsName } from './desk-zone';

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
  kb_cited: 'Knowledge-base article cited',
  kb_drafted: 'Knowledge-base draft made',
};

export function priorityLabel(priority: Priority): string {
  return `P${priority}`;
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();

function dateTimeIn(zone: string, named: boolean): Intl.DateTimeFormat {
  const key = `${zone}|${named}`;
  let format = dateTimes.get(key);
  if (!format) {
    const fields = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' } as const;
    try {
      format = new Intl.DateTimeFormat(undefined, { ...fields, timeZone: zone, ...(named ? { timeZoneName: 'short' } : {}) });
    } catch {
      format = new Intl.DateTimeFormat(undefined, { ...fields, timeZoneName: 'short' });
    }
    dateTimes.set(key, format);
  }
  return format;
}

/**
 * An ISO instant in the desk's time zone ("Nov 30, 2026, 1:00 PM"), named when this console runs
 * in another zone ("Nov 30, 2026, 1:00 PM CST"); a dash when there is none.
 */
export function formatInstant(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const zone = shownZone();
  return dateTimeIn(zone, zoneNeedsName(zone)).format(date);
}
