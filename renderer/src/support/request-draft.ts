/**
 * The request being written, kept while the employee opens a suggested help article (or signs in
 * again after their session ended) and comes back to the form: what they typed is not lost.
 */
import { reactive, shallowRef } from 'vue';
import type { WizardAnswers } from '../../../shared/priority-wizard';
import type { EmployeeProfile } from '../../../shared/support';

export interface RequestDraft {
  problem: string;
  details: string;
  buildingId: number | null;
  room: string;
  callbackNumber: string;
  answers: Partial<WizardAnswers>;
  /** Whether the employee's own building, room and phone were filled in already. */
  prefilled: boolean;
}

function empty(): RequestDraft {
  return { problem: '', details: '', buildingId: null, room: '', callbackNumber: '', answers: {}, prefilled: false };
}

export const draft = reactive<RequestDraft>(empty());
/** The chosen screenshots (File objects are not made reactive). */
export const draftFiles = shallowRef<File[]>([]);

/** Where the employee usually is, from the directory, as a start they may change. */
export function prefillFrom(employee: EmployeeProfile): void {
  if (draft.prefilled) return;
  draft.buildingId = employee.buildingId;
  draft.room = employee.room ?? '';
  draft.callbackNumber = employee.phone ?? '';
  draft.prefilled = true;
}

export function clearDraft(): void {
  Object.assign(draft, empty());
  draftFiles.value = [];
}
