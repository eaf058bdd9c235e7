/**
 * Escalation as the console shows it: the desk's escalation time (supervisors change it on the
 * Alert settings screen) and the pages sent for the case on screen (`escalation.*`).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CasePage, EscalationSettings } from '../../../shared/escalation';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { useSessionStore } from './session-store';

export const useEscalationStore = defineStore('escalation', () => {
  const session = useSessionStore();
  const api = useConsoleApi();

  const settings = ref<EscalationSettings | null>(null);
  const saving = ref(false);
  const saveError = ref<ContractError | null>(null);
  const pages = ref<CasePage[]>([]);
  const pagesOf = ref<number | null>(null);
  const pagesError = ref<ContractError | null>(null);

  async function loadSettings(): Promise<void> {
    const result = await session.call('escalation.settings', {});
    if (result.ok) settings.value = result.value;
  }

  async function saveSettings(escalateAfterMinutes: number): Promise<boolean> {
    saving.value = true;
    saveError.value = null;
    const result = await session.call('escalation.saveSettings', { escalateAfterMinutes });
    saving.value = false;
    if (!result.ok) {
      saveError.value = result.error;
      return false;
    }
    settings.value = result.value;
    return true;
  }

  /** The pages of one case, oldest first; a case changing (acknowledged, escalated) reads them again. */
  async function loadPages(caseId: number): Promise<void> {
    const result = await session.call('escalation.pages', { caseId });
    if (result.ok) {
      pages.value = result.value;
      pagesOf.value = caseId;
      pagesError.value = null;
    } else {
      pagesError.value = result.error;
    }
  }

  /**
   * Keeps one case's pages current while it is on screen. The scheduler pages without changing the
   * case, but every page also goes out as a console alert (to every console, each showing its
   * own): an alert about this case reads them again. Returns the function that stops.
   */
  function followPages(caseId: number): () => void {
    void loadPages(caseId);
    return api.on('alerts.raised', (batch) => {
      if (batch.alerts.some((a) => a.caseId === caseId)) void loadPages(caseId);
    });
  }

  return { settings, saving, saveError, pages, pagesOf, pagesError, loadSettings, saveSettings, loadPages, followPages };
});
