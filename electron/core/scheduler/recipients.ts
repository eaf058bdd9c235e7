import type { AlertKind } from '../../../shared/alerts';
import type { StaffRole } from '../../../shared/domain';

export interface StaffOnDuty {
  id: number;
  role: StaffRole;
}

/**
 * Who is told: warnings and daily contacts go to the assignee (or the desk's agents while
 * unassigned); breaches to the assignee and the supervisors; priority 1 to every technician
 * (the people on call are paged besides: escalation/pager.ts); a priority 1 not acknowledged in
 * time to the supervisors; a passed parts date to the assignee, or the supervisors while
 * unassigned (nobody else orders parts).
 */
export function recipientsFor(kind: AlertKind, assigneeId: number | null, staff: readonly StaffOnDuty[]): number[] {
  const withRole = (role: StaffRole) => staff.filter((s) => s.role === role).map((s) => s.id);
  const ownerOrAgents = assigneeId !== null ? [assigneeId] : withRole('agent');
  let ids: number[];
  switch (kind) {
    case 'p1_received':
      ids = withRole('technician');
      break;
    case 'p1_page':
      // Whoever is on call at the instant: the pager decides (escalation/pager.ts).
      ids = [];
      break;
    case 'p1_escalation':
      ids = withRole('supervisor');
      break;
    case 'parts_overdue':
      ids = assigneeId !== null ? [assigneeId] : withRole('supervisor');
      break;
    case 'response_breach':
    case 'resolution_breach':
      ids = [...ownerOrAgents, ...withRole('supervisor')];
      break;
    default:
      ids = ownerOrAgents;
  }
  return [...new Set(ids)];
}
