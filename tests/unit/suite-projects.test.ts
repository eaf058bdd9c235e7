/**
 * The unit project runs without PostgreSQL: its tests get no server (no pgAdminUrl is provided),
 * so `vitest run tests/unit/…` never waits for a cluster to start. The integration project has one
 * (tests/support/global-setup.ts); vitest.config.mts wires the two.
 */
import { describe, expect, inject, it } from 'vitest';

describe('the unit test project', () => {
  it('starts no PostgreSQL server', () => {
    expect(inject('pgAdminUrl')).toBeUndefined();
    expect(inject('pgProblem')).toBeUndefined();
  });
});
