import type { DeadlinePlanner } from './services/deadline-planner';

/** Deadlines from the SLA engine. (Placeholder until the engine lands: no deadlines.) */
export function slaDeadlinePlanner(): DeadlinePlanner {
  return { plan: () => ({ responseDueAt: null, resolutionDueAt: null, policyVersion: null }) };
}
