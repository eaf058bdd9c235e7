/**
 * Policies by version. Registering is append-only: a version, once known, always means the same
 * targets, so a case opened under "2026.1" is computed the same way after "2027.1" arrives.
 */
import { deepFreeze } from './calendar-spec';
import { DEFAULT_POLICY, parseSlaPolicy, type SlaPolicy } from './sla-policy';
import { SlaInputError } from './sla-errors';

export class PolicyRegistry {
  private readonly byVersion = new Map<string, SlaPolicy>();
  private latestVersion: string | null = null;

  constructor(policies: readonly SlaPolicy[] = [DEFAULT_POLICY]) {
    for (const policy of policies) this.register(policy);
  }

  /** Adds a version; the same version with different content is refused. */
  register(policy: SlaPolicy): SlaPolicy {
    const checked = parseSlaPolicy(policy);
    const existing = this.byVersion.get(checked.version);
    if (existing !== undefined) {
      if (JSON.stringify(existing) !== JSON.stringify(checked)) {
        throw new SlaInputError('version', checked.version, 'this policy version already exists with other targets; publish a new version');
      }
      return existing;
    }
    this.byVersion.set(checked.version, deepFreeze(checked));
    this.latestVersion = checked.version;
    return checked;
  }

  get(version: string): SlaPolicy {
    const policy = this.byVersion.get(version);
    if (policy === undefined) throw new SlaInputError('policyVersion', version, 'unknown SLA policy version');
    return policy;
  }

  has(version: string): boolean {
    return this.byVersion.has(version);
  }

  /** The most recently registered version: the one new cases are opened under. */
  get latest(): SlaPolicy {
    if (this.latestVersion === null) throw new Error('no SLA policy registered');
    return this.get(this.latestVersion);
  }

  versions(): string[] {
    return [...this.byVersion.keys()];
  }
}
