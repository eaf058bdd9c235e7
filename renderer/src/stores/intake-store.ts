/**
 * Taking a call: the new case form. Its draft is kept on this machine as it is typed (debounced,
 * and at once when the page goes away), so neither a crash, a reload nor a refused submission loses
 * what the caller said; it is cleared only once the core has the case.
 * What is valid is the core's call: the store sends the draft and shows the core's answer. While
 * the agent types, it asks the core for the deadlines a case filed now would get and for related
 * open cases (the same caller's, a possible outage).
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, watch } from 'vue';
import type { ChannelInput, DeadlinePreview, RelatedCases } from '../../../shared/contract';
import { CASE_CHANNELS, PRIORITIES, type Caller, type CaseChannel, type CaseSummary, type Priority } from '../../../shared/domain';
import {
  decidePriority,
  WIZARD_QUESTIONS,
  type WizardAnswers,
  type WizardDecision,
} from '../../../shared/priority-wizard';
import type { ContractError } from '../../../shared/result';
import { messageForField } from '../lib/field-errors';
import { forgetStored, readStored, writeStored } from '../lib/local-storage';
import { completeAnswers, emptyWizardDraft, type WizardDraft } from '../lib/wizard-draft';
import { asWindowDrafts, toWindows, type WindowDraft } from '../lib/availability-draft';
import type { SolvedWithArticle } from './kb-suggest-store';
import { debounced, latestOnly } from './latest-only';
import { useSessionStore } from './session-store';

export const INTAKE_DRAFT_KEY = 'deskwatch.intakeDraft';
/** The draft is written this long after the last change (and at once when the page is hidden or closed). */
export const DRAFT_SAVE_DEBOUNCE_MS = 250;
/** Related cases are asked for once the caller, building and category stop changing for this long. */
export const RELATED_DEBOUNCE_MS = 200;

export interface IntakeDraft {
  /** The chosen caller's name, or the name of a new caller to file with the case. */
  callerName: string;
  /** The caller chosen from the directory (kept whole, so a reload still shows who it was). */
  caller: Caller | null;
  /** What was typed in the caller search box. */
  callerQuery: string;
  callbackNumber: string;
  buildingId: number | null;
  room: string;
  categoryId: number | null;
  assetTag: string;
  summary: string;
  description: string;
  channel: CaseChannel;
  wizard: WizardDraft;
  /** A priority the agent chose over the wizard's; needs a reason. */
  priorityOverride: Priority | null;
  priorityReason: string;
  /** An open case the new one is linked to (the same problem, an outage). */
  relatedCaseId: number | null;
  /** Priority 1 only: the agent confirms the on-call technician was called. */
  onCallNotified: boolean;
  /** When the caller can be reached or visited, as they said it, and its windows. */
  callerAvailability: string;
  availabilityWindows: WindowDraft[];
}

/** The parts of the old form an error can point at (kept for the callers of `invalidField`). */
export type IntakeField = 'callerName' | 'summary' | 'description' | 'wizard' | 'onCallNotified';

/** Every part of the intake form an error can point at. */
export const INTAKE_FORM_FIELDS = [
  'caller',
  'callbackNumber',
  'buildingId',
  'room',
  'categoryId',
  'assetTag',
  'summary',
  'description',
  'channel',
  'wizard',
  'priority',
  'priorityReason',
  'relatedCaseId',
  'onCallNotified',
  'callerAvailability',
  'availabilityWindows',
] as const;
export type IntakeFormField = (typeof INTAKE_FORM_FIELDS)[number];

const emptyDraft = (): IntakeDraft => ({
  callerName: '',
  caller: null,
  callerQuery: '',
  callbackNumber: '',
  buildingId: null,
  room: '',
  categoryId: null,
  assetTag: '',
  summary: '',
  description: '',
  channel: 'phone',
  wizard: emptyWizardDraft(),
  priorityOverride: null,
  priorityReason: '',
  relatedCaseId: null,
  onCallNotified: false,
  callerAvailability: '',
  availabilityWindows: [],
});

const text = (field: unknown) => (typeof field === 'string' ? field : '');
const positiveId = (field: unknown) => (typeof field === 'number' && Number.isInteger(field) && field > 0 ? field : null);
const nullableText = (field: unknown) => (typeof field === 'string' ? field : null);

function asCaller(value: unknown): Caller | null {
  if (typeof value !== 'object' || value === null) return null;
  const stored = value as Record<string, unknown>;
  const id = positiveId(stored.id);
  if (id === null || typeof stored.name !== 'string') return null;
  return {
    id,
    name: stored.name,
    email: nullableText(stored.email),
    phone: nullableText(stored.phone),
    extension: nullableText(stored.extension),
    buildingId: positiveId(stored.buildingId),
    buildingName: nullableText(stored.buildingName),
    room: nullableText(stored.room),
    department: nullableText(stored.department),
    role: nullableText(stored.role),
    notes: nullableText(stored.notes),
    employeeId: nullableText(stored.employeeId),
  };
}

/** A stored draft, with anything unreadable (an older shape, a hand edit) dropped rather than trusted. */
export function asDraft(value: unknown): IntakeDraft | null {
  if (typeof value !== 'object' || value === null) return null;
  const stored = value as Record<string, unknown>;
  const storedWizard = (typeof stored.wizard === 'object' && stored.wizard !== null ? stored.wizard : {}) as Record<string, unknown>;
  const wizard = emptyWizardDraft();
  for (const question of WIZARD_QUESTIONS) {
    const answer = storedWizard[question.key];
    if (question.options.some((option) => option.value === answer)) Object.assign(wizard, { [question.key]: answer });
  }
  const caller = asCaller(stored.caller);
  return {
    callerName: caller ? caller.name : text(stored.callerName),
    caller,
    callerQuery: text(stored.callerQuery),
    callbackNumber: text(stored.callbackNumber),
    buildingId: positiveId(stored.buildingId),
    room: text(stored.room),
    categoryId: positiveId(stored.categoryId),
    assetTag: text(stored.assetTag),
    summary: text(stored.summary),
    description: text(stored.description),
    channel: (CASE_CHANNELS as readonly unknown[]).includes(stored.channel) ? (stored.channel as CaseChannel) : 'phone',
    wizard,
    priorityOverride: (PRIORITIES as readonly unknown[]).includes(stored.priorityOverride) ? (stored.priorityOverride as Priority) : null,
    priorityReason: text(stored.priorityReason),
    relatedCaseId: positiveId(stored.relatedCaseId),
    onCallNotified: stored.onCallNotified === true,
    callerAvailability: text(stored.callerAvailability),
    availabilityWindows: asWindowDrafts(stored.availabilityWindows),
  };
}

/** Maps the dotted field path of a core error onto the old form's parts. */
function oldFormFieldFor(path: string | undefined): IntakeField | null {
  if (!path) return null;
  if (path === 'callerName' || path === 'callerId') return 'callerName';
  if (path === 'summary' || path === 'description' || path === 'onCallNotified') return path;
  if (path === 'wizard' || path.startsWith('wizard.') || path === 'priority' || path === 'priorityReason') return 'wizard';
  return null;
}

/** Maps the dotted field path of a core error onto the intake form. */
export function intakeFieldFor(path: string | undefined): IntakeFormField | null {
  if (!path) return null;
  if (path === 'callerName' || path === 'callerId') return 'caller';
  if (path === 'wizard' || path.startsWith('wizard.')) return 'wizard';
  if (path.startsWith('availabilityWindows.')) return 'availabilityWindows';
  return (INTAKE_FORM_FIELDS as readonly string[]).includes(path) ? (path as IntakeFormField) : null;
}

/** What the chosen caller fills in by default: how to call them back and where they are. */
function callerDefaults(caller: Caller | null): { callbackNumber: string; buildingId: number | null; room: string } {
  if (!caller) return { callbackNumber: '', buildingId: null, room: '' };
  const callbackNumber = caller.phone ?? (caller.extension ? `x${caller.extension.replace(/^x/i, '')}` : '');
  return { callbackNumber, buildingId: caller.buildingId, room: caller.room ?? '' };
}

export const useIntakeStore = defineStore('intake', () => {
  const session = useSessionStore();

  const draft = reactive<IntakeDraft>(readStored(INTAKE_DRAFT_KEY, asDraft) ?? emptyDraft());
  const submitting = ref(false);
  const error = ref<ContractError | null>(null);
  /** The case the last successful submission created, for the confirmation. */
  const created = ref<CaseSummary | null>(null);
  /** The article the created case was solved with at first contact, if it was. */
  const createdSolvedWith = ref<SolvedWithArticle | null>(null);
  /** Bumped when someone asks for a new intake (the shortcut, the header's button): the screen focuses the caller search. */
  const focusRequest = ref(0);

  const preview = ref<DeadlinePreview | null>(null);
  const previewError = ref<ContractError | null>(null);
  const related = ref<RelatedCases | null>(null);
  const relatedError = ref<ContractError | null>(null);

  const saveDraft = debounced(() => writeStored(INTAKE_DRAFT_KEY, draft), DRAFT_SAVE_DEBOUNCE_MS);
  watch(draft, () => saveDraft(), { deep: true, flush: 'sync' });
  // Whatever is still waiting is written when the page is hidden, reloaded or closed.
  if (typeof globalThis.addEventListener === 'function') {
    globalThis.addEventListener('pagehide', () => saveDraft.flush());
    globalThis.addEventListener('beforeunload', () => saveDraft.flush());
    globalThis.addEventListener('visibilitychange', () => saveDraft.flush());
  }

  /** The wizard's decision once every question is answered; the agent sees it before submitting. */
  const decision = computed<WizardDecision | null>(() => {
    const answers = completeAnswers(draft.wizard);
    return answers ? decidePriority(answers) : null;
  });

  /** The agent's own priority, when it differs from the wizard's (or there is no decision yet). */
  const overridePriority = computed<Priority | null>(() => {
    const chosen = draft.priorityOverride;
    if (chosen === null) return null;
    return decision.value?.priority === chosen ? null : chosen;
  });

  /** The priority the case would be filed with. */
  const effectivePriority = computed<Priority | null>(() => overridePriority.value ?? decision.value?.priority ?? null);

  /** The part of the old form the core's error names, if it names one. */
  const invalidField = computed<IntakeField | null>(() => oldFormFieldFor(error.value?.field));
  /** The part of the intake form the core's error names, if it names one. */
  const errorField = computed<IntakeFormField | null>(() => intakeFieldFor(error.value?.field));

  /** The core's message for one field, without the field's name in front (the label says it). */
  function fieldError(field: IntakeFormField): string | null {
    return error.value && errorField.value === field ? messageForField(error.value) : null;
  }

  const isEmpty = computed(() => {
    const blank = (value: string) => value.trim() === '';
    return (
      draft.caller === null &&
      blank(draft.callerName) &&
      blank(draft.callerQuery) &&
      blank(draft.callbackNumber) &&
      draft.buildingId === null &&
      blank(draft.room) &&
      draft.categoryId === null &&
      blank(draft.assetTag) &&
      blank(draft.summary) &&
      blank(draft.description) &&
      Object.values(draft.wizard).every((answer) => answer === null) &&
      draft.priorityOverride === null &&
      blank(draft.priorityReason) &&
      draft.relatedCaseId === null &&
      blank(draft.callerAvailability) &&
      draft.availabilityWindows.length === 0
    );
  });

  // Deadline preview: follows the priority; only the latest answer is shown.
  const runPreview = latestOnly((input: ChannelInput<'cases.preview'>) => session.call('cases.preview', input));
  async function refreshPreview(): Promise<void> {
    const answers = completeAnswers(draft.wizard);
    const override = overridePriority.value;
    if (!answers && override === null) {
      runPreview.cancel();
      preview.value = null;
      previewError.value = null;
      return;
    }
    const result = await runPreview({ ...(answers ? { wizard: answers } : {}), ...(override !== null ? { priority: override } : {}) });
    if (result === null) return;
    if (!result.ok) {
      previewError.value = result.error;
      return;
    }
    previewError.value = null;
    preview.value = result.value;
  }
  watch(
    () => [completeAnswers(draft.wizard), overridePriority.value] as const,
    () => void refreshPreview(),
    { deep: true, immediate: true },
  );

  // Related open cases: the same caller's, and others in the same building and category.
  const runRelated = latestOnly((input: ChannelInput<'cases.related'>) => session.call('cases.related', input));
  async function refreshRelated(): Promise<void> {
    scheduleRelated.cancel();
    const input: ChannelInput<'cases.related'> = {
      ...(draft.caller ? { callerId: draft.caller.id } : {}),
      ...(draft.buildingId !== null ? { buildingId: draft.buildingId } : {}),
      ...(draft.categoryId !== null ? { categoryId: draft.categoryId } : {}),
    };
    if (input.callerId === undefined && (input.buildingId === undefined || input.categoryId === undefined)) {
      runRelated.cancel();
      related.value = null;
      relatedError.value = null;
      return;
    }
    const result = await runRelated(input);
    if (result === null) return;
    if (!result.ok) {
      relatedError.value = result.error;
      return;
    }
    relatedError.value = null;
    related.value = result.value;
    const linkable = [...result.value.callerOpenCases, ...result.value.sameBuildingAndCategory].map((c) => c.id);
    if (draft.relatedCaseId !== null && !linkable.includes(draft.relatedCaseId)) draft.relatedCaseId = null;
  }
  const scheduleRelated = debounced(() => void refreshRelated(), RELATED_DEBOUNCE_MS);
  watch(
    () => [draft.caller?.id ?? null, draft.buildingId, draft.categoryId] as const,
    () => scheduleRelated(),
    { immediate: true },
  );

  /** The agent picked a caller: their phone, building and room fill the fields they had not typed over. */
  function chooseCaller(caller: Caller): void {
    const before = callerDefaults(draft.caller);
    const next = callerDefaults(caller);
    if (!draft.callbackNumber.trim() || draft.callbackNumber === before.callbackNumber) draft.callbackNumber = next.callbackNumber;
    if (draft.buildingId === null || draft.buildingId === before.buildingId) draft.buildingId = next.buildingId;
    if (!draft.room.trim() || draft.room === before.room) draft.room = next.room;
    draft.caller = { ...caller };
    draft.callerName = caller.name;
    draft.callerQuery = '';
  }

  /** Back to searching: the defaults the caller brought are taken away again, what was typed stays. */
  function clearCaller(): void {
    const before = callerDefaults(draft.caller);
    if (draft.callbackNumber === before.callbackNumber) draft.callbackNumber = '';
    if (draft.buildingId === before.buildingId) draft.buildingId = null;
    if (draft.room === before.room) draft.room = '';
    draft.caller = null;
    draft.callerName = '';
  }

  function setOverride(priority: Priority | null): void {
    draft.priorityOverride = priority;
  }

  function buildInput(solvedWith: SolvedWithArticle | null = null): ChannelInput<'cases.create'> {
    const answers = completeAnswers(draft.wizard);
    const override = overridePriority.value;
    const optional = (key: 'callbackNumber' | 'room' | 'assetTag') => (draft[key].trim() ? { [key]: draft[key] } : {});
    return {
      ...(draft.caller ? { callerId: draft.caller.id } : draft.callerName.trim() ? { callerName: draft.callerName } : {}),
      ...optional('callbackNumber'),
      ...(draft.buildingId !== null ? { buildingId: draft.buildingId } : {}),
      ...optional('room'),
      ...(draft.categoryId !== null ? { categoryId: draft.categoryId } : {}),
      ...optional('assetTag'),
      summary: draft.summary,
      ...(draft.description.trim() ? { description: draft.description } : {}),
      channel: draft.channel,
      // Unanswered questions are not guessed: the core then says the wizard needs answering.
      ...(answers ? { wizard: answers } : {}),
      ...(override !== null ? { priority: override, ...(draft.priorityReason.trim() ? { priorityReason: draft.priorityReason } : {}) } : {}),
      ...(draft.relatedCaseId !== null ? { relatedCaseId: draft.relatedCaseId } : {}),
      ...(effectivePriority.value === 1 ? { onCallNotified: draft.onCallNotified } : {}),
      ...(solvedWith ? { solvedWithArticleId: solvedWith.id } : {}),
      ...(draft.callerAvailability.trim() ? { callerAvailability: draft.callerAvailability } : {}),
      ...(draft.availabilityWindows.length ? { availabilityWindows: toWindows(draft.availabilityWindows) } : {}),
    };
  }

  /** Files the case; `solvedWith`: resolved at first contact with that published article, citing it. */
  async function submit(options: { solvedWith?: SolvedWithArticle } = {}): Promise<CaseSummary | null> {
    if (submitting.value) return null;
    submitting.value = true;
    error.value = null;
    created.value = null;
    createdSolvedWith.value = null;
    const result = await session.call('cases.create', buildInput(options.solvedWith ?? null));
    submitting.value = false;
    if (!result.ok) {
      error.value = result.error;
      saveDraft.flush();
      return null;
    }
    created.value = result.value;
    createdSolvedWith.value = options.solvedWith ?? null;
    reset();
    return result.value;
  }

  function answer(key: keyof WizardAnswers, value: WizardAnswers[keyof WizardAnswers]): void {
    const question = WIZARD_QUESTIONS.find((candidate) => candidate.key === key);
    if (question?.options.some((option) => option.value === value)) Object.assign(draft.wizard, { [key]: value });
  }

  function reset(): void {
    Object.assign(draft, emptyDraft());
    saveDraft.cancel();
    forgetStored(INTAKE_DRAFT_KEY);
  }

  function discard(): void {
    reset();
    error.value = null;
    created.value = null;
  }

  /** A new intake: the confirmation of the last case goes; a draft in progress stays (Escape discards it). */
  function startNew(): void {
    created.value = null;
    focusRequest.value += 1;
  }

  /** Writes a pending draft change now. */
  function flushDraft(): void {
    saveDraft.flush();
  }

  return {
    draft,
    submitting,
    error,
    created,
    createdSolvedWith,
    focusRequest,
    decision,
    overridePriority,
    effectivePriority,
    invalidField,
    errorField,
    isEmpty,
    preview,
    previewError,
    related,
    relatedError,
    fieldError,
    answer,
    chooseCaller,
    clearCaller,
    setOverride,
    submit,
    discard,
    startNew,
    refreshPreview,
    refreshRelated,
    flushDraft,
  };
});
