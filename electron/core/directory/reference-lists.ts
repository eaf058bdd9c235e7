import type { DataSource, EntitySchema } from 'typeorm';
import type { ReferenceItem } from '../../../shared/domain';
import type { DirectoryLists } from '../../../shared/contract';
import { BuildingEntity, CategoryEntity, type ReferenceRow } from '../db/entities';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import { DEFAULT_BUILDINGS, DEFAULT_CATEGORIES } from './default-lists';
import { writeTransaction } from '../db/write-transaction';

export type ListName = 'buildings' | 'categories';

const ENTITY: Record<ListName, EntitySchema<ReferenceRow>> = { buildings: BuildingEntity, categories: CategoryEntity };
const DEFAULTS: Record<ListName, readonly string[]> = { buildings: DEFAULT_BUILDINGS, categories: DEFAULT_CATEGORIES };

const toItem = (r: ReferenceRow): ReferenceItem => ({ id: r.id, name: r.name, active: Boolean(r.active) });

/** Buildings and problem categories: lists the district edits. Entries are retired (inactive), never deleted, since cases refer to them. */
export class ReferenceListService {
  constructor(
    private readonly db: DataSource,
    private readonly events: EventBus,
  ) {}

  /** Fills an empty list with the defaults, once, so a new database is usable at first start. */
  async seedDefaults(): Promise<void> {
    for (const list of ['buildings', 'categories'] as const) {
      await writeTransaction(this.db, async (m) => {
        const repo = m.getRepository(ENTITY[list]);
        if ((await repo.count()) === 0) await repo.insert(DEFAULTS[list].map((name) => ({ name, active: true })));
      });
    }
  }

  async lists(): Promise<DirectoryLists> {
    const [buildings, categories] = await Promise.all(
      (['buildings', 'categories'] as const).map((l) => this.db.getRepository(ENTITY[l]).find({ order: { name: 'ASC' } })),
    );
    return { buildings: (buildings ?? []).map(toItem), categories: (categories ?? []).map(toItem) };
  }

  async save(input: { list: ListName; id?: number; name: string; active?: boolean }): Promise<ReferenceItem> {
    const repo = this.db.getRepository(ENTITY[input.list]);
    const clash = await repo.findOneBy({ name: input.name });
    if (clash && clash.id !== input.id) throw new DomainError('conflict', `"${input.name}" is already in the list`, 'name');
    let row: ReferenceRow;
    if (input.id === undefined) {
      row = await writeTransaction(this.db, (m) => m.getRepository(ENTITY[input.list]).save(repo.create({ name: input.name, active: input.active ?? true })));
    } else {
      const existing = await repo.findOneBy({ id: input.id });
      if (!existing) throw new DomainError('not_found', `No entry has id ${input.id}`, 'id');
      row = await writeTransaction(this.db, (m) => m.getRepository(ENTITY[input.list]).save({ ...existing, name: input.name, active: input.active ?? existing.active }));
    }
    this.events.publish('directory.changed', { list: input.list });
    return toItem(row);
  }

  /** Names by id, for showing cases and callers. */
  async names(list: ListName, ids: readonly (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await this.db.getRepository(ENTITY[list]).find();
    return new Map(rows.filter((r) => wanted.includes(r.id)).map((r) => [r.id, r.name]));
  }
}
