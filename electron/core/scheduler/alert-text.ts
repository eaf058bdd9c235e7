import { ALERT_KIND_LABELS, type AlertKind } from '../../../shared/alerts';
import { formatCaseNumber } from '../../../shared/domain';
import type { TimedAlert } from './alert-planner';

export interface AlertCase {
  id: number;
  priority: number;
  summary: string;
}

/** Title and text of an alert: which case, what is due and when. */
export function alertText(alert: TimedAlert, c: AlertCase, when: (t: number) => string): { title: string; body: string } {
  const number = formatCaseNumber(c.id);
  const title = `${number} · ${ALERT_KIND_LABELS[alert.kind]}`;
  const what = `P${c.priority} “${c.summary}”`;
  const due = alert.dueAt === null || alert.dueAt === undefined ? null : when(alert.dueAt);
  const bodies: Record<AlertKind, string> = {
    response_warning: `${what}: response due ${due ?? 'soon'} (${alert.threshold ?? 'at risk'}).`,
    resolution_warning: `${what}: resolution due ${due ?? 'soon'} (${alert.threshold ?? 'at risk'}).`,
    response_breach: `${what}: the response target passed ${due ?? ''}.`.replace(' .', '.'),
    resolution_breach: `${what}: the resolution target passed ${due ?? ''}.`.replace(' .', '.'),
    contact_due: `${what}: pending user response — contact the user today and log it.`,
    auto_closed: `${what}: closed after 3 business days without a reply from the user.`,
    p1_received: `${what}: priority 1 — respond now (acknowledge within 1 hour).`,
    p1_page: `${what}: priority 1 and you are on call — respond now and acknowledge the case.`,
    p1_escalation: `${what}: nobody has acknowledged this priority 1 since it was paged — see that someone responds now.`,
    parts_overdue: `${what}: the vendor's expected parts date has passed and the parts have not arrived — call the vendor.`,
  };
  return { title, body: bodies[alert.kind] };
}
