/**
 * Where the agent was before they went to look at something (a list of suggestions, a side
 * panel): the control, and the caret or selection in it when it is a text field, so that coming
 * back puts them exactly there and they type on.
 */

type TextField = HTMLInputElement | HTMLTextAreaElement;

interface Spot {
  element: HTMLElement;
  selection: { start: number; end: number; direction: 'forward' | 'backward' | 'none' } | null;
}

function selectionOf(element: HTMLElement): Spot['selection'] {
  if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) return null;
  // Inputs without a caret (radios, checkboxes) answer null rather than a position.
  const { selectionStart: start, selectionEnd: end, selectionDirection } = element;
  if (start === null || end === null) return null;
  return { start, end, direction: selectionDirection ?? 'none' };
}

export interface FocusReturn {
  /**
   * Focus arrived in the looking-place from `from` (a focus event's `relatedTarget`): remembered,
   * unless it came from inside the looking-place itself (`inside`).
   */
  noteArrival(from: EventTarget | null, inside: (element: HTMLElement) => boolean): void;
  /** Back where the agent was, or to `fallback()` (the summary) with its caret where it was left. */
  restore(): void;
}

export function useFocusReturn(fallback: () => TextField | null): FocusReturn {
  let spot: Spot | null = null;

  function noteArrival(from: EventTarget | null, inside: (element: HTMLElement) => boolean): void {
    if (!(from instanceof HTMLElement) || inside(from)) return;
    spot = { element: from, selection: selectionOf(from) };
  }

  function restore(): void {
    const target = spot && spot.element.isConnected ? spot : null;
    spot = null;
    if (target) {
      target.element.focus();
      const { selection } = target;
      if (selection && (target.element instanceof HTMLInputElement || target.element instanceof HTMLTextAreaElement)) {
        target.element.setSelectionRange(selection.start, selection.end, selection.direction);
      }
      return;
    }
    // A text field keeps its selection while it is not focused: focusing it again puts the caret back there.
    fallback()?.focus();
  }

  return { noteArrival, restore };
}
