/**
 * Keeps `case_report_fact` in step with the cases, whoever wrote them (this process, another
 * console's server, the command line): every case change writes a case event, so the events
 * written since the last look name the cases to look at again. The first look (and only it)
 * compares every case's version with its fact's, which also catches rows written without events
 * (an upgrade, a bulk load). A fact is recomputed only when its case's version differs; the rows
 * read on the way are handed to the listeners (the reports' in-memory columns) either way, so a
 * fact another process recomputed is still seen here.
 */
import { In, type DataSource } from 'typeorm';
import { CaseEntity, CaseEventEntity, CasePauseEntity, type CasePauseRow, type CaseRow } from '../db/entities';
import { CaseReportFactEntity, type CaseReportFactRow } from '../db/report-entities';
import { IN_CHUNK } from '../db/in-chunks';
import type { Clock } from '../clock';
import type { SlaFacade } from '../services/sla-facade';
import { yieldToEventLoop } from '../yield';
import { caseReportFacts, type StatusChange } from './case-report-facts';

/**
 * Events re-read behind the last mark on every look. PostgreSQL hands out event ids at insert
 * but they become visible at commit, so an id below the mark can appear after it was passed; no
 * desk has this many case writes in flight at once.
 */
const EVENT_OVERLAP = 2_000;

/** Rows per insert: 45 columns each, under SQLite's 32,766 bound parameters. */
const ROWS_PER_INSERT = 400;

export type FactListener = (rows: readonly CaseReportFactRow[]) => void;


export class ReportFactKeeper {
  private eventMark: number | null = null;
  /** Ids of the events already handled within the overlap below the mark: each is looked at once. */
  private seenNearMark = new Set<number>();
  private running: Promise<void> | null = null;
  private readonly listeners = new Set<FactListener>();

  constructor(
    private readonly db: DataSource,
    private readonly sla: SlaFacade,
    private readonly clock: Clock,
  ) {}

  onFacts(listener: FactListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Brings the facts up to date; concurrent callers share one pass. */
  refresh(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when no refresh is under way (whatever its outcome). */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Forgets the mark: the next refresh compares every case again (after a database was replaced). */
  reset(): void {
    this.eventMark = null;
  }

  private async pass(): Promise<void> {
    const top = await this.lastEventId();
    const touched = this.eventMark === null ? null : await this.casesWithNewEvents(this.eventMark - EVENT_OVERLAP);
    if (touched === null) await this.casesWithNewEvents(top - EVENT_OVERLAP);
    const stale = touched === null ? await this.staleCases() : await this.staleAmong(touched);
    await this.recompute(stale);
    if (touched !== null) {
      const recomputed = new Set(stale);
      const fresh = touched.filter((id) => !recomputed.has(id));
      if (fresh.length) this.emit(await this.readFacts(fresh));
    }
    this.eventMark = top;
  }

  private async lastEventId(): Promise<number> {
    const [row] = await this.db.query(`SELECT MAX(id) AS top FROM case_event`);
    return Number(row?.top ?? 0);
  }

  /** The cases of the events after `from` not handled before (an index range of the last few thousand events). */
  private async casesWithNewEvents(from: number): Promise<number[]> {
    const rows: { id: number | string; case_id: number | string }[] = await this.db.query(`SELECT id, case_id FROM case_event WHERE id > ${Math.max(0, Math.floor(from))}`);
    const cases = new Set<number>();
    const seen = new Set<number>();
    for (const r of rows) {
      const id = Number(r.id);
      seen.add(id);
      if (!this.seenNearMark.has(id)) cases.add(Number(r.case_id));
    }
    this.seenNearMark = seen;
    return [...cases];
  }

  /** Every case without a fact, or whose fact was computed from another version of it. */
  private async staleCases(): Promise<number[]> {
    const rows: { id: number | string }[] = await this.db.query(
      `SELECT c.id AS id FROM help_case c LEFT JOIN case_report_fact f ON f.case_id = c.id
       WHERE f.case_id IS NULL OR f.case_version <> c.version ORDER BY c.id`,
    );
    return rows.map((r) => Number(r.id));
  }

  private async staleAmong(ids: readonly number[]): Promise<number[]> {
    const stale: number[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const chunk = ids.slice(i, i + IN_CHUNK);
      const rows: { id: number | string }[] = await this.db.query(
        `SELECT c.id AS id FROM help_case c LEFT JOIN case_report_fact f ON f.case_id = c.id
         WHERE c.id IN (${chunk.map((n) => Math.floor(n)).join(', ')}) AND (f.case_id IS NULL OR f.case_version <> c.version)`,
      );
      for (const r of rows) stale.push(Number(r.id));
    }
    return stale;
  }

  private async recompute(ids: readonly number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const chunk = ids.slice(i, i + IN_CHUNK);
      const facts = await this.computeFacts(chunk);
      if (facts.length) {
        // Another process may write the same facts at once: the last write wins, and both are the same figures.
        const updated = this.db.getMetadata(CaseReportFactEntity).columns.map((c) => c.databaseName).filter((name) => name !== 'case_id');
        for (let j = 0; j < facts.length; j += ROWS_PER_INSERT) {
          await this.db.createQueryBuilder().insert().into(CaseReportFactEntity).values(facts.slice(j, j + ROWS_PER_INSERT)).orUpdate(updated, ['case_id']).execute();
        }
        this.emit(facts);
      }
      // A first look over a large district takes a while: the console keeps answering meanwhile.
      await yieldToEventLoop();
    }
  }

  /** The facts of these cases as they stand now (the one route every fact row takes). */
  async computeFacts(ids: readonly number[]): Promise<CaseReportFactRow[]> {
    if (!ids.length) return [];
    const [cases, pauses, events] = await Promise.all([
      this.db.getRepository(CaseEntity).findBy({ id: In([...ids]) }),
      this.db.getRepository(CasePauseEntity).find({ where: { caseId: In([...ids]) }, order: { startedAt: 'ASC', id: 'ASC' } }),
      this.db.getRepository(CaseEventEntity).find({ select: { caseId: true, detail: true }, where: { caseId: In([...ids]), kind: 'status_changed' }, order: { id: 'ASC' } }),
    ]);
    const pausesOf = groupBy(pauses, (p: CasePauseRow) => p.caseId);
    const changesOf = new Map<number, StatusChange[]>();
    for (const e of events) {
      const d = JSON.parse(e.detail) as { action?: string; from?: string; to?: string };
      const list = changesOf.get(e.caseId) ?? [];
      list.push({ action: d.action, from: d.from, to: d.to });
      changesOf.set(e.caseId, list);
    }
    const now = this.clock.now();
    return cases.map((row: CaseRow) => caseReportFacts({ row, pauses: pausesOf.get(row.id) ?? [], statusChanges: changesOf.get(row.id) ?? [] }, this.sla, now));
  }

  private async readFacts(ids: readonly number[]): Promise<CaseReportFactRow[]> {
    const rows: CaseReportFactRow[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) rows.push(...(await this.db.getRepository(CaseReportFactEntity).findBy({ caseId: In(ids.slice(i, i + IN_CHUNK)) })));
    return rows;
  }

  private emit(rows: readonly CaseReportFactRow[]): void {
    for (const listener of this.listeners) listener(rows);
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}
