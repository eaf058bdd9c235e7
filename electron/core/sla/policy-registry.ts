/**
 * Policies by version, each with the instant it takes effect. Registering is append-only: a
 * version, once known, always means the same targets, so a case opened under "2026.1" is computed
 * the same way after "2027.1" arrives. A new case is opened under the version in force when it was
 * received: the greatest effective instant at or before it.
 */
import { deepFreeze } from './calendar-spec';
import { DEFAULT_POLICY, parseSlaPolicy, type SlaPolicy } from './sla-policy';
import { SlaInputError } from './sla-errors';

interface Entry {
  policy: SlaPolicy;
  /** -Infinity: in force from the beginning (the built-in version, or one registered without a date). */
  effectiveFrom: number;
  /** Registration order: among versions with the same effective instant, the later one is in force. */
  order: number;
}

export class PolicyRegistry {
  private readonly byVersion = new Map<string, Entry>();
  private latestVersion: string | null = null;

  constructor(policies: readonly SlaPolicy[] = [DEFAULT_POLICY]) {
    for (const policy of policies) this.register(policy);
  }

  /**
   * Adds a version in force from `effectiveFrom` (default: from the beginning, after the versions
   * registered before it); the same version with different content or date is refused.
   */
  register(policy: SlaPolicy, effectiveFrom = -Infinity): SlaPolicy {
    const checked = parseSlaPolicy(policy);
    const existing = this.byVersion.get(checked.version);
    if (existing !== undefined) {
      if (JSON.stringify(existing.policy) !== JSON.stringify(checked)) {
        throw new SlaInputError('version', checked.version, 'this policy version already exists with other targets; publish a new version');
      }
      if (existing.effectiveFrom !== effectiveFrom) {
        throw new SlaInputError('effectiveFrom', effectiveFrom, `policy version ${checked.version} already takes effect at another instant`);
      }
      return existing.policy;
    }
    this.byVersion.set(checked.version, { policy: deepFreeze(checked), effectiveFrom, order: this.byVersion.size });
    this.latestVersion = checked.version;
    return checked;
  }

  get(version: string): SlaPolicy {
    const entry = this.byVersion.get(version);
    if (entry === undefined) throw new SlaInputError('policyVersion', version, 'unknown SLA policy version');
    return entry.policy;
  }

  has(version: string): boolean {
    return this.byVersion.has(version);
  }

  /** When a version takes effect (-Infinity: from the beginning). */
  effectiveFromOf(version: string): number {
    const entry = this.byVersion.get(version);
    if (entry === undefined) throw new SlaInputError('policyVersion', version, 'unknown SLA policy version');
    return entry.effectiveFrom;
  }

  /** The version in force at `at`: the greatest effective instant ≤ at (ties: the later registered). */
  inForceAt(at: number): SlaPolicy {
    let best: Entry | null = null;
    for (const entry of this.byVersion.values()) {
      if (entry.effectiveFrom > at) continue;
      if (best === null || entry.effectiveFrom > best.effectiveFrom || (entry.effectiveFrom === best.effectiveFrom && entry.order > best.order)) best = entry;
    }
    if (best === null) throw new SlaInputError('receivedAt', at, 'no SLA policy version is in force then');
    return best.policy;
  }

  /** The most recently registered version. */
  get latest(): SlaPolicy {
    if (this.latestVersion === null) throw new Error('no SLA policy registered');
    return this.get(this.latestVersion);
  }

  versions(): string[] {
    return [...this.byVersion.keys()];
  }
}
