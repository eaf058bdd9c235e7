/**
 * The new case form. Its draft is kept on this machine as it is typed, so neither a reload nor a
 * refused submission loses what the caller said; it is cleared only once the core has the case.
 * What is valid is the core's call: the store sends the draft and shows the core's answer.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, watch } from 'vue';
import type { CaseSummary } from '../../../shared/domain';
import {
  decidePriority,
  WIZARD_QUESTIONS,
  type WizardAnswers,
  type WizardDecision,
} from '../../../shared/priority-wizard';
import type { ContractError } from '../../../shared/result';
import { forgetStored, readStored, writeStored } from '../lib/local-storage';
import { useSessionStore } from './session-store';

export const INTAKE_DRAFT_KEY = 'deskwatch.intakeDraft';

/** The priority wizard's answers as the form holds them: null until answered. */
export type WizardDraft = { [K in keyof WizardAnswers]: WizardAnswers[K] | null };

export interface IntakeDraft {
  callerName: string;
  summary: string;
  description: string;
  wizard: WizardDraft;
  /** Priority 1 only: the agent confirms the on-call technician was called. */
  onCallNotified: boolean;
}

/** The parts of the form an error can point at. */
export type IntakeField = 'callerName' | 'summary' | 'description' | 'wizard' | 'onCallNotified';

const emptyWizard = (): WizardDraft => ({ securityOrSafety: null, missionCritical: null, affected: null, workEffect: null });
const emptyDraft = (): IntakeDraft => ({ callerName: '', summary: '', description: '', wizard: emptyWizard(), onCallNotified: false });

/** A stored draft, with anything unreadable (an older shape, a hand edit) dropped rather than trusted. */
function asDraft(value: unknown): IntakeDraft | null {
  if (typeof value !== 'object' || value === null) return null;
  const stored = value as Record<string, unknown>;
  const text = (field: unknown) => (typeof field === 'string' ? field : '');
  const storedWizard = (typeof stored.wizard === 'object' && stored.wizard !== null ? stored.wizard : {}) as Record<string, unknown>;
  const wizard = emptyWizard();
  for (const question of WIZARD_QUESTIONS) {
    const answer = storedWizard[question.key];
    if (question.options.some((option) => option.value === answer)) Object.assign(wizard, { [question.key]: answer });
  }
  return {
    callerName: text(stored.callerName),
    summary: text(stored.summary),
    description: text(stored.description),
    wizard,
    onCallNotified: stored.onCallNotified === true,
  };
}

function completeAnswers(wizard: WizardDraft): WizardAnswers | null {
  const { securityOrSafety, missionCritical, affected, workEffect } = wizard;
  if (securityOrSafety === null || missionCritical === null || affected === null || workEffect === null) return null;
  return { securityOrSafety, missionCritical, affected, workEffect };
}

/** Maps the dotted field path of a core error onto the form. */
function formFieldFor(path: string | undefined): IntakeField | null {
  if (!path) return null;
  if (path === 'callerName' || path === 'callerId') return 'callerName';
  if (path === 'summary' || path === 'description' || path === 'onCallNotified') return path;
  if (path === 'wizard' || path.startsWith('wizard.') || path === 'priority' || path === 'priorityReason') return 'wizard';
  return null;
}

export const useIntakeStore = defineStore('intake', () => {
  const session = useSessionStore();

  const draft = reactive<IntakeDraft>(readStored(INTAKE_DRAFT_KEY, asDraft) ?? emptyDraft());
  const submitting = ref(false);
  const error = ref<ContractError | null>(null);
  /** The case the last successful submission created, for the confirmation. */
  const created = ref<CaseSummary | null>(null);

  // Synchronous, so a reload right after a keystroke still finds it.
  watch(draft, (value) => writeStored(INTAKE_DRAFT_KEY, value), { deep: true, flush: 'sync' });

  /** The wizard's decision once every question is answered; the agent sees it before submitting. */
  const decision = computed<WizardDecision | null>(() => {
    const answers = completeAnswers(draft.wizard);
    return answers ? decidePriority(answers) : null;
  });

  /** The part of the form the core's error names, if it names one. */
  const invalidField = computed<IntakeField | null>(() => formFieldFor(error.value?.field));

  async function submit(): Promise<CaseSummary | null> {
    if (submitting.value) return null;
    submitting.value = true;
    error.value = null;
    created.value = null;
    const answers = completeAnswers(draft.wizard);
    const result = await session.call('cases.create', {
      callerName: draft.callerName,
      summary: draft.summary,
      ...(draft.description.trim() ? { description: draft.description } : {}),
      // Unanswered questions are not guessed: the core then says the wizard needs answering.
      ...(answers ? { wizard: answers } : {}),
      ...(decision.value?.priority === 1 ? { onCallNotified: draft.onCallNotified } : {}),
    });
    submitting.value = false;
    if (!result.ok) {
      error.value = result.error;
      return null;
    }
    created.value = result.value;
    reset();
    return result.value;
  }

  function answer(key: keyof WizardAnswers, value: WizardAnswers[keyof WizardAnswers]): void {
    const question = WIZARD_QUESTIONS.find((candidate) => candidate.key === key);
    if (question?.options.some((option) => option.value === value)) Object.assign(draft.wizard, { [key]: value });
  }

  function reset(): void {
    Object.assign(draft, emptyDraft());
    forgetStored(INTAKE_DRAFT_KEY);
  }

  function discard(): void {
    reset();
    error.value = null;
    created.value = null;
  }

  return { draft, submitting, error, created, decision, invalidField, answer, submit, discard };
});
