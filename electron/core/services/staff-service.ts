import type { DataSource } from 'typeorm';
import type { StaffMember, StaffRole } from '../../../shared/domain';
import type { Clock } from '../clock';
import { StaffEntity, type StaffRow } from '../db/entities';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import { writeTransaction } from '../db/write-transaction';

export function toStaffMember(row: StaffRow): StaffMember {
  return { id: row.id, name: row.name, role: row.role, active: Boolean(row.active) };
}

/** Staff profiles: who sits at a console, and with which role. */
export class StaffService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  async list(): Promise<StaffMember[]> {
    const rows = await this.db.getRepository(StaffEntity).find({ order: { name: 'ASC', id: 'ASC' } });
    return rows.map(toStaffMember);
  }

  async create(input: { name: string; role: StaffRole }): Promise<StaffMember> {
    const saved = await writeTransaction(this.db, (m) => {
      const repo = m.getRepository(StaffEntity);
      return repo.save(repo.create({ name: input.name, role: input.role, active: true, createdAt: this.clock.now() }));
    });
    this.events.publish('staff.changed', { staffId: saved.id });
    return toStaffMember(saved);
  }

  /** The active staff member behind an actor id, or a `forbidden`/`unauthenticated` error. */
  async requireActive(actorId: number | undefined): Promise<StaffMember> {
    if (actorId === undefined) throw new DomainError('unauthenticated', 'Choose who you are before doing this');
    const row = await this.db.getRepository(StaffEntity).findOneBy({ id: actorId });
    if (!row) throw new DomainError('unauthenticated', `No staff member has id ${actorId}`);
    if (!row.active) throw new DomainError('forbidden', `${row.name}'s profile is inactive`);
    return toStaffMember(row);
  }
}
