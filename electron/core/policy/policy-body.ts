/**
 * A policy version's body (shared/policy.ts, what the desk stores and edits) and the engine's
 * SlaPolicy, one from the other. The built-in version's body is its targets plus the desk calendar
 * it has always been computed on (M–F 7–5, 4 PM cutoff).
 */
import { PRIORITIES } from '../../../shared/domain';
import type { PolicyBody } from '../../../shared/policy';
import { DEFAULT_CALENDAR_SPEC, DEFAULT_POLICY, type SlaPolicy } from '../sla';

export function slaPolicyOf(version: string, body: PolicyBody): SlaPolicy {
  return {
    version,
    targets: Object.fromEntries(PRIORITIES.map((p) => [p, body.targets[`${p}`]])) as unknown as SlaPolicy['targets'],
    intakeCutoffPriorities: [...body.intakeCutoffPriorities],
    warnings: { fractionsUsed: [...body.warnings.fractionsUsed], minutesBeforeDue: [...body.warnings.minutesBeforeDue] },
    deskHours: { weeklyHours: body.weeklyHours, intakeCutoff: body.intakeCutoff },
  };
}

export function bodyOf(policy: SlaPolicy): PolicyBody {
  const hours = policy.deskHours ?? { weeklyHours: DEFAULT_CALENDAR_SPEC.weeklyHours, intakeCutoff: DEFAULT_CALENDAR_SPEC.intakeCutoff };
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    targets: copy(Object.fromEntries(PRIORITIES.map((p) => [`${p}`, policy.targets[p]]))) as PolicyBody['targets'],
    intakeCutoffPriorities: [...policy.intakeCutoffPriorities],
    warnings: { fractionsUsed: [...policy.warnings.fractionsUsed], minutesBeforeDue: [...policy.warnings.minutesBeforeDue] },
    weeklyHours: copy(hours.weeklyHours) as PolicyBody['weeklyHours'],
    intakeCutoff: hours.intakeCutoff,
  };
}

export const BUILT_IN_BODY: PolicyBody = bodyOf(DEFAULT_POLICY);
