import type { WizardAnswers } from '../../../shared/priority-wizard';

/** The priority wizard's answers as a form holds them: null until answered. */
export type WizardDraft = { [K in keyof WizardAnswers]: WizardAnswers[K] | null };

export const emptyWizardDraft = (): WizardDraft => ({ securityOrSafety: null, missionCritical: null, affected: null, workEffect: null });

/** The answers, once every question has one; null before. */
export function completeAnswers(draft: WizardDraft): WizardAnswers | null {
  const { securityOrSafety, missionCritical, affected, workEffect } = draft;
  if (securityOrSafety === null || missionCritical === null || affected === null || workEffect === null) return null;
  return { securityOrSafety, missionCritical, affected, workEffect };
}
