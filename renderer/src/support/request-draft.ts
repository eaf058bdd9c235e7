/**
 * The request being written, kept while the employee opens a suggested help article, and across
 * signing in again when their session ended (the district's sign-in leaves the page and comes
 * back): the text and answers live in this tab's sessionStorage until sent or signed out.
 * Screenshots are not kept across a reload (a page cannot keep a chosen file).
 */
import { reactive, shallowRef, watch } from 'vue';
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

const STORAGE_KEY = 'deskwatch.support.draft';

function empty(): RequestDraft {
  return { problem: '', details: '', buildingId: null, room: '', callbackNumber: '', answers: {}, prefilled: false };
}

/** The stored draft, read field by field: anything not of the expected type is left out. */
function stored(): Partial<RequestDraft> {
  try {
    const raw: unknown = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return {};
    const r = raw as Record<string, unknown>;
    const out: Partial<RequestDraft> = {};
    for (const key of ['problem', 'details', 'room', 'callbackNumber'] as const) if (typeof r[key] === 'string') out[key] = r[key];
    if (typeof r.buildingId === 'number' || r.buildingId === null) out.buildingId = r.buildingId;
    if (typeof r.prefilled === 'boolean') out.prefilled = r.prefilled;
    if (typeof r.answers === 'object' && r.answers !== null) out.answers = r.answers as Partial<WizardAnswers>;
    return out;
  } catch {
    return {};
  }
}

function store(value: RequestDraft | null): void {
  try {
    if (value) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode, full): the draft is kept in memory only.
  }
}

export const draft = reactive<RequestDraft>({ ...empty(), ...stored() });
/** The chosen screenshots (File objects are not made reactive). */
export const draftFiles = shallowRef<File[]>([]);

/** Nothing of the employee's own typed yet (the prefilled place alone is not worth keeping). */
function blank(value: RequestDraft): boolean {
  return !value.problem && !value.details && Object.keys(value.answers).length === 0;
}

watch(draft, (value) => store(blank(value) ? null : value), { deep: true });

/** Where the employee usually is, from the directory, as a start they may change. */
export function prefillFrom(employee: EmployeeProfile): void {
  if (draft.prefilled) return;
  draft.buildingId = employee.buildingId;
  draft.room = employee.room ?? '';
  draft.callbackNumber = employee.phone ?? '';
  draft.prefilled = true;
}

/** After sending, and on signing out (a shared computer keeps nothing of the employee's). */
export function clearDraft(): void {
  Object.assign(draft, empty());
  draftFiles.value = [];
  store(null);
}
