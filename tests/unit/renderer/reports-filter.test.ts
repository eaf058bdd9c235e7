import { describe, expect, it } from 'vitest';
import { reportFilterSchema } from '../../../shared/contract-reports';
import { reportFilter } from '../../../renderer/src/stores/reports-store';

describe("the reports screen's filter", () => {
  it('narrows nothing when nothing is chosen, and passes the contract', () => {
    const filter = reportFilter({ span: { from: '2026-03-01', to: '2026-03-31' }, priorities: [], buildingId: null, categoryId: null, assigneeId: null });
    expect(filter).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(reportFilterSchema.safeParse(filter).success).toBe(true);
  });

  it('gives each choice as a list of one, "unassigned" as technician 0, priorities in order', () => {
    const filter = reportFilter({ span: { from: '2025-07-01', to: '2026-03-15' }, priorities: [3, 1], buildingId: 4, categoryId: 9, assigneeId: 0 });
    expect(filter).toEqual({ from: '2025-07-01', to: '2026-03-15', priorities: [1, 3], buildingIds: [4], categoryIds: [9], assigneeIds: [0] });
    expect(reportFilterSchema.safeParse(filter).success).toBe(true);
  });

  it('is refused by the contract when the period runs backward, so the screen checks it first', () => {
    const filter = reportFilter({ span: { from: '2026-03-31', to: '2026-03-01' }, priorities: [], buildingId: null, categoryId: null, assigneeId: null });
    expect(reportFilterSchema.safeParse(filter).success).toBe(false);
  });
});
