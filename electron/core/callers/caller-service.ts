import { In, MoreThanOrEqual, Not, type DataSource } from 'typeorm';
import type { CallerInput, CallerSearchResult, ImportReport } from '../../../shared/contract';
import { OPEN_CASE_STATUSES, type Caller, type CallerCard, type RepeatFlag } from '../../../shared/domain';
import type { Clock } from '../clock';
import { DAY_MS } from '../instants';
import { BuildingEntity, CallerEntity, CaseEntity, type CallerRow } from '../db/entities';
import type { ReferenceListService } from '../directory/reference-lists';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import type { CaseReader } from '../services/case-reader';
import { toCaller } from './caller-mapper';
import { callerRowFields } from './caller-row';
import { searchCallerIds } from './caller-search';
import { parseCallerCsv } from './caller-import';
import { parseCallerQuery } from './search-text';
import { writeTransaction } from '../db/write-transaction';
import { conflictMessage, violatedUniqueKey, type UniqueKey } from '../db/unique-violation';

const REPEAT_WINDOW_DAYS = 30;
const RECENT_WINDOW_DAYS = 90;
const IMPORT_CHUNK = 500;

const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};

/** The caller directory: find a caller while the agent types, keep their details, import a district export. */
export class CallerService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly lists: ReferenceListService,
    private readonly cases: CaseReader,
  ) {}

  async search(query: string, limit = 20): Promise<CallerSearchResult> {
    const { ids, total } = await searchCallerIds(this.db, parseCallerQuery(query), limit);
    if (ids.length === 0) return { callers: [], total };
    const rows = await this.db.getRepository(CallerEntity).findBy({ id: In(ids) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const buildings = await this.lists.names('buildings', rows.map((r) => r.buildingId));
    const openCounts = await this.openCaseCounts(ids);
    const callers = ids
      .map((id) => byId.get(id))
      .filter((r): r is CallerRow => r !== undefined)
      .map((r) => ({ ...toCaller(r, this.buildingName(buildings, r)), openCaseCount: openCounts.get(r.id) ?? 0 }));
    return { callers, total };
  }

  async create(input: CallerInput): Promise<Caller> {
    const now = this.clock.now();
    const buildingName = await this.requireBuilding(input.buildingId ?? null);
    const fields = callerRowFields(input, buildingName);
    const row = await this.refusingDuplicates(fields, null, () =>
      writeTransaction(this.db, (m) => {
        const repo = m.getRepository(CallerEntity);
        return repo.save(repo.create({ ...fields, createdAt: now, updatedAt: now }));
      }),
    );
    this.events.publish('callers.changed', { callerIds: [row.id] });
    return toCaller(row, buildingName);
  }

  async update(id: number, input: CallerInput): Promise<Caller> {
    const repo = this.db.getRepository(CallerEntity);
    const existing = await repo.findOneBy({ id });
    if (!existing) throw new DomainError('not_found', `No caller has id ${id}`, 'id');
    const buildingName = await this.requireBuilding(input.buildingId ?? null);
    const fields = callerRowFields(input, buildingName);
    const row = await this.refusingDuplicates(fields, id, () =>
      writeTransaction(this.db, (m) => m.getRepository(CallerEntity).save({ ...existing, ...fields, updatedAt: this.clock.now() })),
    );
    this.events.publish('callers.changed', { callerIds: [id] });
    return toCaller(row, buildingName);
  }

  async card(id: number): Promise<CallerCard> {
    const row = await this.db.getRepository(CallerEntity).findOneBy({ id });
    if (!row) throw new DomainError('not_found', `No caller has id ${id}`, 'id');
    const now = this.clock.now();
    const caseRepo = this.db.getRepository(CaseEntity);
    const open = In([...OPEN_CASE_STATUSES]);
    const [openRows, recentRows] = await Promise.all([
      caseRepo.find({ where: { callerId: id, status: open }, order: { receivedAt: 'DESC' } }),
      caseRepo.find({
        where: { callerId: id, status: Not(open), receivedAt: MoreThanOrEqual(now - RECENT_WINDOW_DAYS * DAY_MS) },
        order: { receivedAt: 'DESC' },
        take: 10,
      }),
    ]);
    const [openCases, recentCases] = await Promise.all([this.cases.summarize(openRows), this.cases.summarize(recentRows)]);
    const buildings = await this.lists.names('buildings', [row.buildingId]);
    return { caller: toCaller(row, this.buildingName(buildings, row)), openCases, recentCases, repeats: this.repeats([...openCases, ...recentCases], now) };
  }

  /** "3rd printing case in 30 days": categories this caller has called about at least twice lately. */
  private repeats(cases: CallerCard['openCases'], now: number): RepeatFlag[] {
    const since = now - REPEAT_WINDOW_DAYS * DAY_MS;
    const counts = new Map<number, { name: string; count: number }>();
    for (const c of cases) {
      if (c.categoryId === null || Date.parse(c.receivedAt) < since) continue;
      const entry = counts.get(c.categoryId) ?? { name: c.categoryName ?? 'other', count: 0 };
      entry.count += 1;
      counts.set(c.categoryId, entry);
    }
    return [...counts.entries()]
      .filter(([, e]) => e.count >= 2)
      .sort((a, b) => b[1].count - a[1].count)
      .map(([categoryId, e]) => ({
        categoryId,
        categoryName: e.name,
        count: e.count,
        days: REPEAT_WINDOW_DAYS,
        text: `${ordinal(e.count)} ${e.name.toLowerCase()} case in ${REPEAT_WINDOW_DAYS} days`,
      }));
  }

  /**
   * All or nothing: a file with any bad row writes nothing, unless `skipInvalid` is set, in which
   * case the good rows are written and the report says what was skipped. Callers already in the
   * directory (same email or employee id) are updated, not duplicated.
   */
  async import(csv: string, options: { skipInvalid?: boolean; dryRun?: boolean } = {}): Promise<ImportReport> {
    const buildings = await this.db.getRepository(BuildingEntity).find();
    const buildingIds = new Map(buildings.map((b) => [b.name.toLowerCase(), b.id]));
    const buildingNames = new Map(buildings.map((b) => [b.id, b.name]));
    const parsed = parseCallerCsv(csv, buildingIds);
    const problems = parsed.problems;
    const ignored = parsed.ignoredHeaders.length ? ` Ignored columns: ${parsed.ignoredHeaders.join(', ')}.` : '';

    if (problems.length > 0 && !options.skipInvalid) {
      return {
        rejected: true,
        created: 0,
        updated: 0,
        skipped: 0,
        problems,
        message: `Nothing imported: ${problems.length} bad row${problems.length === 1 ? '' : 's'}. Fix them, or import again skipping invalid rows.${ignored}`,
      };
    }

    const now = this.clock.now();
    const existing = await this.db.getRepository(CallerEntity).find({ select: { id: true, email: true, employeeId: true } });
    const byEmail = new Map(existing.filter((c) => c.email).map((c) => [c.email as string, c.id]));
    const byEmployeeId = new Map(existing.filter((c) => c.employeeId).map((c) => [c.employeeId as string, c.id]));
    const inserts: Omit<CallerRow, 'id'>[] = [];
    const updates: { id: number; fields: ReturnType<typeof callerRowFields> }[] = [];
    for (const { caller } of parsed.rows) {
      const fields = callerRowFields(caller, caller.buildingId ? (buildingNames.get(caller.buildingId) ?? null) : null);
      const match = (fields.email && byEmail.get(fields.email)) || (fields.employeeId && byEmployeeId.get(fields.employeeId));
      if (match) updates.push({ id: match, fields });
      else inserts.push({ ...fields, createdAt: now, updatedAt: now });
    }

    const skippedText = problems.length ? ` Skipped ${problems.length} bad row${problems.length === 1 ? '' : 's'}.` : '';
    if (options.dryRun) {
      return {
        rejected: true,
        created: inserts.length,
        updated: updates.length,
        skipped: problems.length,
        problems,
        message: `Dry run: would create ${inserts.length} and update ${updates.length} callers.${skippedText}${ignored}`,
      };
    }
    try {
      await writeTransaction(this.db, async (m) => {
        const repo = m.getRepository(CallerEntity);
        for (let i = 0; i < inserts.length; i += IMPORT_CHUNK) await repo.insert(inserts.slice(i, i + IMPORT_CHUNK));
        for (const u of updates) await repo.update({ id: u.id }, { ...u.fields, updatedAt: now });
      });
    } catch (error) {
      const key = violatedUniqueKey(error);
      if (!key) throw error;
      // A row matched one caller by email but carries another caller's employee id (or the reverse), or another console just added one.
      throw new DomainError('conflict', `Nothing imported: the file would give two callers the same ${key.label}. Check the ${key.label}s in the file against the directory and import again.`, 'csv');
    }
    this.events.publish('callers.changed', { callerIds: updates.map((u) => u.id) });
    return {
      rejected: false,
      created: inserts.length,
      updated: updates.length,
      skipped: problems.length,
      problems,
      message: `Imported ${inserts.length} new and updated ${updates.length} existing callers.${skippedText}${ignored}`,
    };
  }

  private async openCaseCounts(callerIds: number[]): Promise<Map<number, number>> {
    const rows: { callerId: number | string; n: number | string }[] = await this.db
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .select('c.callerId', 'callerId')
      .addSelect('COUNT(*)', 'n')
      .where('c.callerId IN (:...ids)', { ids: callerIds })
      .andWhere('c.status IN (:...open)', { open: [...OPEN_CASE_STATUSES] })
      .groupBy('c.callerId')
      .getRawMany();
    return new Map(rows.map((r) => [Number(r.callerId), Number(r.n)]));
  }

  /**
   * Email and employee id are unique by the database's own indexes (a read before the write would
   * let two consoles both pass it): a refused write becomes a conflict naming who has the value.
   */
  private async refusingDuplicates<T>(fields: Pick<CallerRow, 'email' | 'employeeId'>, exceptId: number | null, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const key = violatedUniqueKey(error);
      if (!key) throw error;
      throw new DomainError('conflict', conflictMessage(key, await this.holderOf(key, fields, exceptId)), key.field);
    }
  }

  private async holderOf(key: UniqueKey, fields: Pick<CallerRow, 'email' | 'employeeId'>, exceptId: number | null): Promise<string | null> {
    const query = this.db.getRepository(CallerEntity).createQueryBuilder('c').select('c.name', 'name');
    // lower(email) as the unique index has it, so the lookup uses that index.
    if (key.field === 'email') query.where('lower(c.email) = :value', { value: (fields.email ?? '').toLowerCase() });
    else query.where('c.employeeId = :value', { value: fields.employeeId });
    if (exceptId !== null) query.andWhere('c.id <> :id', { id: exceptId });
    const row: { name: string } | undefined = await query.getRawOne();
    return row?.name ?? null;
  }

  private async requireBuilding(buildingId: number | null): Promise<string | null> {
    if (buildingId === null) return null;
    const building = await this.db.getRepository(BuildingEntity).findOneBy({ id: buildingId });
    if (!building) throw new DomainError('invalid_input', `No building has id ${buildingId}`, 'buildingId');
    return building.name;
  }

  private buildingName(names: Map<number, string>, row: CallerRow): string | null {
    return row.buildingId === null ? null : (names.get(row.buildingId) ?? null);
  }
}
