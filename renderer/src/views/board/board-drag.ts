/** What a dragged case card carries: the ids of the cases being moved (the selection, if the card is in it). */
export const DRAG_TYPE = 'application/x-deskwatch-cases';

export function writeDraggedCases(event: DragEvent, ids: readonly number[], label: string): void {
  if (!event.dataTransfer) return;
  event.dataTransfer.effectAllowed = 'move';
  event.dataTransfer.setData(DRAG_TYPE, JSON.stringify(ids));
  event.dataTransfer.setData('text/plain', label);
}

export function carriesCases(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes(DRAG_TYPE) ?? false;
}

export function readDraggedCases(event: DragEvent): number[] {
  try {
    const ids = JSON.parse(event.dataTransfer?.getData(DRAG_TYPE) || '[]') as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [];
  } catch {
    return [];
  }
}
