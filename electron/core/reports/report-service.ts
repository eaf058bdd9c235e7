/**
 * The reports as the contract offers them: SLA compliance, trends, systemic weaknesses, the case
 * search and exports. Every figure comes from the report facts (one row per case, kept by the
 * fact keeper) held in memory as columns; who may see what is decided here: supervisors see
 * everything, everyone else the desk totals and their own figures.
 */
import type { DataSource } from 'typeorm';
import type { StaffMember } from '../../../shared/domain';
import type {
  CaseReportRow,
  CaseSearchInput,
  CaseSearchResult,
  ComplianceReport,
  ExportedFile,
  ExportFormat,
  ReportFilter,
  ReportPeriod,
  TrendsReport,
  Weakness,
  WeaknessReport,
} from '../../../shared/reports';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { SlaFacade } from '../services/sla-facade';
import { isPostgres } from '../db/dialect';
import { CaseSearch } from './case-search';
import { CaseWordIndex } from './case-words';
import { complianceFigures, type ReportNames } from './compliance';
import type { FactColumns } from './fact-columns';
import { loadFactColumns } from './fact-load';
import { ReportFactKeeper } from './fact-keeper';
import { exportFile, type ExportRequest } from './report-export';
import { trendFigures } from './trends';
import { WEAKNESS_RULE, weaknessFigures } from './weaknesses';

/** Most cases one export carries; a larger one asks for a narrower search (or the command line's report). */
export const MAX_EXPORT_CASES = 200_000;
/** After a failed read of the case words (the database went away), how long searches ask the database for words before the words are read again. */
const WORDS_RETRY_MS = 60_000;
/** Reads the facts into memory a little after start, so the first report does not wait for it. */
const WARM_UP_MS = 5_000;

export class ReportService {
  readonly keeper: ReportFactKeeper;
  private readonly search: CaseSearch;
  private columns: Promise<FactColumns> | null = null;
  /** Whether `columns` holds the facts read (not a read under way). */
  private read = false;
  private warmUp: ReturnType<typeof setTimeout> | null = null;
  /** PostgreSQL's case words in memory, once read (case-words.ts); null before, and on SQLite. */
  private words: CaseWordIndex | null = null;
  private wordsRead: { index: CaseWordIndex; done: Promise<void> } | null = null;
  /** When the last read of the words failed: the next is tried a while later, not at every search. */
  private wordsFailedAt = -Infinity;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly slaDesk: SlaFacade,
    options: { warmUpAfterMs?: number | null } = {},
  ) {
    this.keeper = new ReportFactKeeper(db, slaDesk, clock);
    this.search = new CaseSearch(db);
    const after = options.warmUpAfterMs === undefined ? WARM_UP_MS : options.warmUpAfterMs;
    if (after !== null) {
      this.warmUp = setTimeout(() => {
        this.warmUp = null;
        // A failed warm-up is not an error anyone waits for: the first report reads again and says what failed.
        this.facts().catch(() => (this.columns = null));
      }, after);
      this.warmUp.unref?.();
    }
  }

  async compliance(input: { filter: ReportFilter; period?: ReportPeriod | undefined }, actor: StaffMember): Promise<ComplianceReport> {
    const only = this.scopeOf(input.filter, actor);
    const [columns, names] = await Promise.all([this.facts(), this.names()]);
    const period = input.period ?? 'month';
    const asOf = this.clock.now();
    const figures = complianceFigures(columns, input.filter, period, asOf, names, only);
    return {
      filter: input.filter,
      period,
      asOf: new Date(asOf).toISOString(),
      timeZone: this.slaDesk.timeZone,
      policyVersions: figures.policyVersions,
      totals: figures.totals,
      groups: figures.groups,
      limitedTo: only === null ? null : { staffId: only },
    };
  }

  async trends(input: { filter: ReportFilter }, actor: StaffMember): Promise<TrendsReport> {
    const only = this.scopeOf(input.filter, actor);
    const [columns, names] = await Promise.all([this.facts(), this.names()]);
    const asOf = this.clock.now();
    const figures = trendFigures(columns, input.filter, asOf, names, only);
    const callerNames = await this.callerNames(figures.repeatCallers.callers.map((c) => c.callerId));
    return {
      ...figures,
      filter: input.filter,
      asOf: new Date(asOf).toISOString(),
      timeZone: this.slaDesk.timeZone,
      repeatCallers: { threshold: figures.repeatCallers.threshold, callers: figures.repeatCallers.callers.map((c) => ({ ...c, name: callerNames.get(c.callerId) ?? `Caller #${c.callerId}` })) },
      limitedTo: only === null ? null : { staffId: only },
    };
  }

  async weaknesses(input: { filter: ReportFilter }): Promise<WeaknessReport> {
    const [columns, names] = await Promise.all([this.facts(), this.names()]);
    const figures = weaknessFigures(columns, input.filter);
    const callerNames = await this.callerNames(figures.items.flatMap((w) => (w.callerId === null ? [] : [w.callerId])));
    const items: Weakness[] = figures.items.map((w) => {
      const building = w.buildingId === null ? '' : (names.buildings.get(w.buildingId) ?? `Building #${w.buildingId}`);
      const category = w.categoryId === null ? '' : (names.categories.get(w.categoryId) ?? `Category #${w.categoryId}`);
      const caller = w.callerId === null ? '' : (callerNames.get(w.callerId) ?? `Caller #${w.callerId}`);
      const what = w.kind === 'caller' ? `Calls from ${caller}` : `${category} at ${building}`;
      return { ...w, key: w.kind === 'caller' ? `caller:${w.callerId}` : `${w.buildingId}:${w.categoryId}`, label: `${what}: ${w.ratio}× its usual rate` };
    });
    return { filter: input.filter, baseline: figures.baseline, rule: { ...WEAKNESS_RULE }, items };
  }

  async searchCases(input: CaseSearchInput): Promise<CaseSearchResult> {
    const facts = await this.factsIfRead();
    return this.search.search(input, this.clock.now(), facts, facts && this.words);
  }

  /** Every case the search matches (at most MAX_EXPORT_CASES), with its SLA figures: what the cases export writes. */
  async caseRows(input: CaseSearchInput): Promise<CaseReportRow[]> {
    const facts = await this.factsIfRead();
    return this.search.exportRows(input, this.clock.now(), MAX_EXPORT_CASES, facts, facts && this.words);
  }

  /**
   * The facts for a search, brought up to date, once they are in memory; before that (the first
   * seconds after a start, longer at a million cases) the search asks the database alone rather
   * than wait, and the facts are read behind it.
   */
  private async factsIfRead(): Promise<FactColumns | null> {
    if (this.read) {
      this.readWords();
      return this.facts();
    }
    this.facts().catch(() => undefined);
    await this.keeper.refresh();
    return null;
  }

  async export(request: ExportRequest, actor: StaffMember): Promise<ExportedFile> {
    const format: ExportFormat = request.format;
    switch (request.report) {
      case 'sla':
        return exportFile({ report: 'sla', data: await this.compliance(request.input, actor) }, format);
      case 'trends':
        return exportFile({ report: 'trends', data: await this.trends(request.input, actor) }, format);
      case 'weaknesses':
        return exportFile({ report: 'weaknesses', data: await this.weaknesses(request.input) }, format);
      case 'cases': {
        return exportFile({ report: 'cases', data: await this.caseRows(request.input) }, format);
      }
    }
  }

  /** The facts in memory, brought up to date (every case change since the last report). */
  async facts(): Promise<FactColumns> {
    if (!this.columns) {
      const loading = (async () => {
        await this.keeper.refresh();
        const columns = await loadFactColumns(this.db);
        this.keeper.onFacts((rows) => {
          for (const row of rows) columns.upsert(row);
        });
        this.read = true;
        this.readWords();
        return columns;
      })();
      this.columns = loading;
      loading.catch(() => {
        if (this.columns === loading) this.columns = null;
      });
      return loading;
    }
    const columns = await this.columns;
    await this.keeper.refresh();
    return columns;
  }

  /** Everything the reports and the search keep in memory, read (what a benchmark waits for before timing). */
  async ready(): Promise<void> {
    await this.facts();
    await this.wordsRead?.done;
  }

  /**
   * PostgreSQL: reads the case words into memory behind the facts (tens of seconds at a million
   * cases); searches with words ask the database until then, and again after a failed read.
   */
  private readWords(): void {
    if (!isPostgres(this.db) || this.wordsRead || this.clock.now() - this.wordsFailedAt < WORDS_RETRY_MS) return;
    const index = new CaseWordIndex(this.db);
    // Listening first: a case changed while the words are read is read again afterwards.
    const stop = this.keeper.onFacts((rows) => index.markChanged(rows.map((row) => row.caseId)));
    const done = index.read().then(
      () => {
        this.words = index;
      },
      () => {
        stop();
        if (this.wordsRead?.index === index) this.wordsRead = null;
        this.wordsFailedAt = this.clock.now();
      },
    );
    this.wordsRead = { index, done };
  }

  /** Stops the warm-up and lets a read under way finish (or stop) before the database closes. */
  async close(): Promise<void> {
    if (this.warmUp) clearTimeout(this.warmUp);
    this.warmUp = null;
    this.wordsRead?.index.stop();
    await Promise.allSettled([this.columns, this.keeper.settled(), this.wordsRead?.done]);
  }

  /** Whose figures the groups hold: null for everyone's (supervisors), else the caller's own. */
  private scopeOf(filter: ReportFilter, actor: StaffMember): number | null {
    if (actor.role === 'supervisor') return null;
    const others = (filter.assigneeIds ?? []).filter((id) => id !== actor.id);
    if (others.length) throw new DomainError('forbidden', 'Only supervisors see other technicians\u2019 figures; leave the technician filter empty or choose yourself', 'assigneeIds');
    return actor.id;
  }

  private async names(): Promise<ReportNames> {
    const [staff, buildings, categories] = await Promise.all([
      this.db.query('SELECT id, name FROM staff_member'),
      this.db.query('SELECT id, name FROM building'),
      this.db.query('SELECT id, name FROM category'),
    ]);
    const map = (rows: { id: number | string; name: string }[]) => new Map(rows.map((r) => [Number(r.id), r.name]));
    return { staff: map(staff), buildings: map(buildings), categories: map(categories) };
  }

  private async callerNames(ids: readonly number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows: { id: number | string; name: string }[] = await this.db.query(`SELECT id, name FROM caller WHERE id IN (${ids.map((n) => Math.floor(n)).join(', ')})`);
    return new Map(rows.map((r) => [Number(r.id), r.name]));
  }
}
