/**
 * The desk calendar: the district's closure dates (a snow day, a break), which the core keeps and
 * which stop business-time SLA clocks. Everyone reads them; supervisors add, remove and import
 * them from the district's calendar file (.ics). The list is read again on `calendar.changed`, so
 * a change made at another console shows here too.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CalendarClosure, CalendarClosures, IcsImportReport } from '../../../shared/contract';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { followChanges } from './follow-changes';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

export interface IcsFile {
  name: string;
  text: string;
}

export const useCalendarStore = defineStore('calendar', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const closures = ref<CalendarClosure[]>([]);
  const timeZone = ref<string | null>(null);
  const holidays = ref('');
  const loaded = ref(false);
  const loadError = ref<ContractError | null>(null);

  const adding = ref(false);
  const addError = ref<ContractError | null>(null);
  /** The date being removed, while the core answers. */
  const removing = ref<string | null>(null);
  const removeError = ref<ContractError | null>(null);

  const icsFile = ref<IcsFile | null>(null);
  /** The last report, from a dry run or an import of `icsFile`. */
  const icsReport = ref<IcsImportReport | null>(null);
  const importing = ref(false);
  const importError = ref<ContractError | null>(null);

  /** Adding, removing and importing closures share one access rule; `calendar.addClosure` stands for them. */
  const mayChange = computed(() => session.can('calendar.addClosure'));
  /** The import is offered for the file its dry run was for, and only when it would add a date. */
  const canImport = computed(() => icsReport.value?.dryRun === true && icsReport.value.added.length > 0);

  function take(list: CalendarClosures): void {
    closures.value = list.closures;
    timeZone.value = list.timeZone;
    holidays.value = list.holidays;
    loaded.value = true;
    loadError.value = null;
  }

  const refresh = serialRefresh(async () => {
    const result = await session.call('calendar.closures', {});
    if (result.ok) take(result.value);
    else loadError.value = result.error;
  });

  /** Keeps the list current while the screen shows it; returns the function that stops. */
  function follow(): () => void {
    return followChanges(api, ['calendar.changed'], () => void refresh());
  }


  /** Closes the desk on `date` (YYYY-MM-DD; an existing closure on that date is renamed). The core checks both fields. */
  async function add(date: string, name: string): Promise<boolean> {
    if (adding.value) return false;
    adding.value = true;
    addError.value = null;
    const result = await session.call('calendar.addClosure', { date, name });
    adding.value = false;
    if (!result.ok) {
      addError.value = result.error;
      return false;
    }
    take(result.value);
    return true;
  }

  async function remove(date: string): Promise<boolean> {
    if (removing.value !== null) return false;
    removing.value = date;
    removeError.value = null;
    const result = await session.call('calendar.removeClosure', { date });
    removing.value = null;
    if (!result.ok) {
      removeError.value = result.error;
      return false;
    }
    take(result.value);
    return true;
  }

  function chooseIcs(file: IcsFile | null): void {
    icsFile.value = file;
    icsReport.value = null;
    importError.value = null;
  }

  async function runImport(dryRun: boolean): Promise<IcsImportReport | null> {
    if (importing.value || !icsFile.value) return null;
    importing.value = true;
    importError.value = null;
    const result = await session.call('calendar.importIcs', { ics: icsFile.value.text, dryRun });
    importing.value = false;
    if (!result.ok) {
      importError.value = result.error;
      return null;
    }
    icsReport.value = result.value;
    // The dates are in now; the event would bring them too, but the person should not wait for it.
    if (!dryRun && result.value.added.length > 0) void refresh();
    return result.value;
  }

  const dryRunIcs = () => runImport(true);
  const importIcs = () => (canImport.value ? runImport(false) : Promise.resolve(null));

  /** Forgets what this screen was doing (the list stays: it is the core's). */
  function clearForms(): void {
    addError.value = null;
    removeError.value = null;
    chooseIcs(null);
  }

  return {
    closures,
    timeZone,
    holidays,
    loaded,
    loadError,
    adding,
    addError,
    removing,
    removeError,
    icsFile,
    icsReport,
    importing,
    importError,
    mayChange,
    canImport,
    refresh,
    follow,
    add,
    remove,
    chooseIcs,
    dryRunIcs,
    importIcs,
    clearForms,
  };
});
