import type { AlertKind } from '../../../shared/alerts';
import type { StaffRole } from '../../../shared/domain';

export interface StaffOnDuty {
  id: number;
  role: StaffRole;
}

/**
 * Who is told: warnings and daily contacts go to the assignee (or the desk's agents while
 * unassigned); breaches to the assignee and the supervisors; priority 1 to every technician.
 */
export function recipientsFor(kind: AlertKind, assigneeId: number | null, staff: readonly StaffOnDuty[]): number[] {
  const withRole = (role: StaffRole) => staff.filter((s) => s.role === role).map((s) => s.id);
  const ownerOrAgents = assigneeId !== null ? [assigneeId] : withRole('agent');
  let ids: number[];
  switch (kind) {
    case 'p1_received':
      ids = withRole('technician');
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
