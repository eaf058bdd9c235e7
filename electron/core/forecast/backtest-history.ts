/**
 * A history for the forecast backtest, read from a database: every resolved or closed case with
 * its status changes, assignments and pauses (the audit trail says what each case was at any
 * instant). Open cases are left out: their story is not finished.
 */
import { In, type DataSource } from 'typeorm';
import type { CaseStatus } from '../../../shared/domain';
import { CaseEntity, CaseEventEntity, CasePauseEntity } from '../db/entities';
import { loadInChunks } from '../db/in-chunks';
import type { HistoryCase } from './forecast-backtest';

export async function readHistory(db: DataSource): Promise<HistoryCase[]> {
  const rows = await db.getRepository(CaseEntity).find({ where: { status: In(['resolved', 'closed']) }, order: { id: 'ASC' } });
  const ids = rows.map((r) => r.id);
  const events = await loadInChunks(ids, (chunk) =>
    db.getRepository(CaseEventEntity).find({ where: { caseId: In(chunk), kind: In(['status_changed', 'assigned']) }, order: { at: 'ASC', id: 'ASC' } }),
  );
  const pauses = await loadInChunks(ids, (chunk) => db.getRepository(CasePauseEntity).find({ where: { caseId: In(chunk) }, order: { startedAt: 'ASC' } }));
  const byCase = new Map<number, HistoryCase>();
  for (const r of rows) {
    byCase.set(r.id, {
      id: r.id,
      priority: r.priority,
      categoryId: r.categoryId,
      policyVersion: r.policyVersion ?? '2026.1',
      receivedAt: r.receivedAt,
      clockStartAt: r.clockStartAt,
      respondedAt: r.respondedAt,
      resolvedAt: r.resolvedAt,
      partsArrivedAt: r.partsArrivedAt,
      pauses: [],
      statusChanges: [],
      assignments: [],
    });
  }
  // Chunks arrive in id order, each in time order: sort once more so every case's trail is in time order.
  events.sort((a, b) => a.at - b.at || a.id - b.id);
  for (const e of events) {
    const c = byCase.get(e.caseId);
    if (!c) continue;
    const detail = JSON.parse(e.detail) as { to?: unknown };
    if (e.kind === 'status_changed' && typeof detail.to === 'string') (c.statusChanges as { at: number; to: CaseStatus }[]).push({ at: e.at, to: detail.to as CaseStatus });
    if (e.kind === 'assigned') (c.assignments as { at: number; to: number | null }[]).push({ at: e.at, to: typeof detail.to === 'number' ? detail.to : null });
  }
  for (const p of pauses) (byCase.get(p.caseId)?.pauses as { start: number; end: number | null }[] | undefined)?.push({ start: p.startedAt, end: p.endedAt });
  return [...byCase.values()];
}
