/**
 * Which open outage a call may belong to: a published, unclosed unplanned outage in the call's
 * building (or district-wide: no buildings named) and, when the outage names a category, in the
 * call's category.
 */
export interface OutageScope {
  kind: string;
  state: string;
  buildingIds: readonly number[];
  categoryId: number | null;
}

export interface CallPlace {
  buildingId: number | null;
  categoryId: number | null;
}

export function outageMatchesCall(outage: OutageScope, call: CallPlace): boolean {
  if (outage.kind !== 'unplanned_outage' || outage.state !== 'published') return false;
  const inBuilding = outage.buildingIds.length === 0 || (call.buildingId !== null && outage.buildingIds.includes(call.buildingId));
  const inCategory = outage.categoryId === null || outage.categoryId === call.categoryId;
  return inBuilding && inCategory;
}
