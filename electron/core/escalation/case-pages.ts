/**
 * The record of pages sent (case_page): written before anyone is paged, in the transaction that
 * queues the email, so a page and its email are never one without the other. The unique key
 * `uq_case_page_once` (case, kind, subject, person, channel) makes each page once: a second
 * insert, from a restart or another server process on the same database, is refused and
 * `ON CONFLICT DO NOTHING RETURNING` answers nothing for it.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { CasePage } from '../../../shared/escalation';
import { isPostgres } from '../db/dialect';
import { CasePageEntity, type CasePageRow } from '../db/escalation-entities';
import { StaffEntity } from '../db/entities';
import { loadInChunks } from '../db/in-chunks';
import type { PageState } from './page-instants';

/** A page about to be recorded: its message (and so its outbox row) comes after the claim. */
export type NewPage = Omit<CasePageRow, 'id' | 'outboxId'>;

export class CasePages {
  constructor(private readonly db: DataSource) {}

  /** Records one page; answers its id, or null when it was recorded before (then nobody is paged again). */
  async claim(m: EntityManager, page: NewPage): Promise<number | null> {
    const pg = isPostgres(m.connection);
    const marks = Array.from({ length: 8 }, (_, i) => (pg ? `$${i + 1}` : '?')).join(', ');
    const rows: { id: number | string }[] = await m.query(
      `INSERT INTO case_page (case_id, kind, subject_key, staff_id, channel, address, at, detail) VALUES (${marks}) ON CONFLICT DO NOTHING RETURNING id`,
      [page.caseId, page.kind, page.subjectKey, page.staffId, page.channel, page.address, page.at, page.detail],
    );
    return rows[0] === undefined ? null : Number(rows[0].id);
  }

  async linkOutbox(m: EntityManager, pageId: number, outboxId: number): Promise<void> {
    await m.getRepository(CasePageEntity).update({ id: pageId }, { outboxId });
  }

  /** Per case: when its priority 1 page went out and whether it was escalated. */
  async stateOf(caseIds: readonly number[]): Promise<Map<number, PageState>> {
    const map = new Map<number, PageState>();
    if (caseIds.length === 0) return map;
    const pg = isPostgres(this.db);
    const rows = await loadInChunks(caseIds, (chunk): Promise<{ case_id: number | string; kind: string; at: number | string }[]> =>
      this.db.query(
        `SELECT case_id, kind, MIN(at) AS at FROM case_page WHERE kind IN ('p1_page', 'p1_escalation') AND case_id IN (${chunk.map((_, i) => (pg ? `$${i + 1}` : '?')).join(', ')}) GROUP BY case_id, kind`,
        chunk,
      ),
    );
    for (const r of rows) {
      const id = Number(r.case_id);
      const state = map.get(id) ?? { p1PagedAt: null, escalated: false };
      if (r.kind === 'p1_page') state.p1PagedAt = Number(r.at);
      else state.escalated = true;
      map.set(id, state);
    }
    return map;
  }

  /** Every page of one case, oldest first, with the names of the people paged. */
  async ofCase(caseId: number, m: EntityManager = this.db.manager): Promise<CasePage[]> {
    const rows = await m.getRepository(CasePageEntity).find({ where: { caseId }, order: { at: 'ASC', id: 'ASC' } });
    const ids = [...new Set(rows.map((r) => r.staffId))];
    const people = ids.length ? await m.getRepository(StaffEntity).find({ where: { id: In(ids) }, select: { id: true, name: true } }) : [];
    const names = new Map(people.map((p) => [p.id, p.name]));
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      kind: r.kind,
      staffId: r.staffId,
      staffName: names.get(r.staffId) ?? `Staff ${r.staffId}`,
      channel: r.channel,
      address: r.address,
      at: new Date(r.at).toISOString(),
      detail: r.detail,
    }));
  }
}
