/**
 * Exporting a report or a search: the core writes the whole file (every matching case, not one
 * page), the console offers it as a download. Shared by the reports and the Find cases screen.
 */
import { ref } from 'vue';
import type { ChannelInput } from '../../../shared/contract';
import type { ContractError } from '../../../shared/result';
import { downloadFile } from '../lib/download-file';
import { useSessionStore } from './session-store';

export type ExportRequest = ChannelInput<'reports.export'>;

export function reportExport() {
  const session = useSessionStore();
  /** Which export is being made ("sla-csv"), so only its button says so. */
  const busy = ref<string | null>(null);
  const error = ref<ContractError | null>(null);
  /** Said in a live region once the file is offered. */
  const notice = ref('');

  async function run(request: ExportRequest): Promise<boolean> {
    busy.value = `${request.report}-${request.format}`;
    error.value = null;
    notice.value = '';
    try {
      const result = await session.call('reports.export', request);
      if (!result.ok) {
        error.value = result.error;
        return false;
      }
      try {
        const name = downloadFile(result.value);
        notice.value = `Saved ${name} (${result.value.rows === 1 ? '1 row' : `${result.value.rows} rows`}).`;
        return true;
      } catch (problem) {
        error.value = { code: 'internal', message: problem instanceof Error ? problem.message : 'The file could not be saved' };
        return false;
      }
    } finally {
      busy.value = null;
    }
  }

  return { busy, error, notice, run };
}
