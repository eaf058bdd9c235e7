/**
 * Importing callers from a district export (CSV). A dry run comes first and shows its report;
 * the import itself is offered only for the file and options that report was for. The core reads
 * and checks the file; every problem it finds comes with its line number.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ImportReport } from '../../../shared/contract';
import type { ContractError } from '../../../shared/result';
import { useSessionStore } from './session-store';

export interface ImportFile {
  name: string;
  text: string;
}

export const useCallerImportStore = defineStore('callerImport', () => {
  const session = useSessionStore();

  const file = ref<ImportFile | null>(null);
  const skipInvalid = ref(false);
  /** The last report, from a dry run or an import. */
  const report = ref<ImportReport | null>(null);
  const reportKind = ref<'dry-run' | 'import' | null>(null);
  const busy = ref(false);
  const error = ref<ContractError | null>(null);

  /** The dry run is current: same file, same option; only then may the agent import. */
  const canImport = computed(
    () =>
      reportKind.value === 'dry-run' &&
      report.value !== null &&
      // A file with bad rows writes nothing unless they are skipped: importing it would change nothing.
      (report.value.problems.length === 0 || skipInvalid.value) &&
      report.value.created + report.value.updated > 0,
  );

  function choose(next: ImportFile | null): void {
    file.value = next;
    forgetReport();
  }

  function setSkipInvalid(value: boolean): void {
    if (skipInvalid.value === value) return;
    skipInvalid.value = value;
    // The report was for the other option; a new dry run tells what this one would do.
    if (reportKind.value === 'dry-run') forgetReport();
  }

  function forgetReport(): void {
    report.value = null;
    reportKind.value = null;
    error.value = null;
  }

  async function run(dryRun: boolean): Promise<ImportReport | null> {
    if (busy.value || !file.value) return null;
    busy.value = true;
    error.value = null;
    const result = await session.call('callers.import', { csv: file.value.text, skipInvalid: skipInvalid.value, dryRun });
    busy.value = false;
    if (!result.ok) {
      error.value = result.error;
      return null;
    }
    report.value = result.value;
    reportKind.value = dryRun ? 'dry-run' : 'import';
    return result.value;
  }

  const dryRun = () => run(true);
  const importNow = () => (canImport.value ? run(false) : Promise.resolve(null));

  function clear(): void {
    file.value = null;
    skipInvalid.value = false;
    forgetReport();
  }

  return { file, skipInvalid, report, reportKind, busy, error, canImport, choose, setSkipInvalid, dryRun, importNow, clear };
});
