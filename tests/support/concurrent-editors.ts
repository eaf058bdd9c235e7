import type { Dispatch } from '../../electron/core/handlers/dispatch';
import type { QueueCase } from '../../shared/domain';

export interface EditorsReport {
  errors: string[];
  updates: number;
  notes: number;
}

/**
 * One editor per case, all at once: each alternates a versioned edit of its case (room) with a
 * note, `edits` times. Every edit must succeed; the caller checks nothing was lost.
 */
export async function runEditors(dispatch: Dispatch, actorId: number, caseIds: number[], edits: number): Promise<EditorsReport> {
  const report: EditorsReport = { errors: [], updates: 0, notes: 0 };
  await Promise.all(
    caseIds.map(async (id) => {
      const got = await dispatch('cases.get', { id }, { actorId });
      if (!got.ok) return void report.errors.push(`cases.get: ${got.error.message}`);
      let version = (got.value as { case: QueueCase }).case.version;
      for (let i = 0; i < edits; i++) {
        const updated = await dispatch('cases.update', { id, version, room: `R${process.pid % 1000}-${i}` }, { actorId });
        if (!updated.ok) {
          report.errors.push(`cases.update: ${updated.error.code}: ${updated.error.message}`);
          return;
        }
        version = (updated.value as QueueCase).version;
        report.updates++;
        const noted = await dispatch('cases.addNote', { id, note: `note ${i}` }, { actorId });
        if (!noted.ok) report.errors.push(`cases.addNote: ${noted.error.code}: ${noted.error.message}`);
        else report.notes++;
      }
    }),
  );
  return report;
}
