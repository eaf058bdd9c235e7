import type { DataSource, EntityManager } from 'typeorm';
import { PASSWORD_MIN, type StaffAuditEntry } from '../../../shared/contract';
import type { StaffMember, StaffRole } from '../../../shared/domain';
import type { PasswordHasher } from '../auth/password-hasher';
import type { SessionService } from '../auth/session-service';
import type { Clock } from '../clock';
import { isPostgres } from '../db/dialect';
import { StaffAuditEntity, StaffEntity, type StaffAuditRow, type StaffRow } from '../db/entities';
import { conflictMessage, violatedUniqueKey } from '../db/unique-violation';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';

export function toStaffMember(row: StaffRow): StaffMember {
  return { id: row.id, name: row.name, role: row.role, active: Boolean(row.active), email: row.email ?? null };
}

export interface NewStaffMember {
  name: string;
  role: StaffRole;
  email?: string | null;
  /** A local account's first password (the command line's first supervisor); hashed, never stored as given. */
  password?: string;
}

export interface StaffChanges {
  id: number;
  name?: string;
  role?: StaffRole;
  /** null clears it (no sign-in by email any more). */
  email?: string | null;
  active?: boolean;
}

/** The fields of a staff record the audit keeps, before and after a change. */
type AuditedFields = NonNullable<StaffAuditEntry['after']>;
const AUDITED = ['name', 'role', 'email', 'active'] as const;

const PASSWORD_MAX = 256;

interface AuditJoinRow {
  id: number | string;
  at: number | string;
  actorId: number | string | null;
  actorName: string | null;
  staffId: number | string;
  staffName: string;
  change: StaffAuditRow['change'];
  beforeJson: string | null;
  afterJson: string | null;
}

/**
 * Staff profiles: who works the desk, with which role, and how they sign in. Every change is
 * written with its staff_audit row in one transaction (null actor: the command line).
 */
export class StaffService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sessions: SessionService,
    private readonly passwords: PasswordHasher,
  ) {}

  async list(): Promise<StaffMember[]> {
    const rows = await this.db.getRepository(StaffEntity).find({ order: { name: 'ASC', id: 'ASC' } });
    return rows.map(toStaffMember);
  }

  /** The staff member with this sign-in email (any case), or null. */
  async findByEmail(email: string): Promise<StaffMember | null> {
    const row = await this.db
      .getRepository(StaffEntity)
      .createQueryBuilder('s')
      .where('lower(s.email) = :email', { email: normalizeEmail(email) })
      .getOne();
    return row ? toStaffMember(row) : null;
  }

  async create(input: NewStaffMember, actorId: number | null = null): Promise<StaffMember> {
    const email = normalizeEmail(input.email);
    const passwordHash = input.password === undefined ? null : await this.passwords.hash(checkedPassword(input.password));
    const now = this.clock.now();
    const saved = await this.refusingDuplicates(email, () =>
      writeTransaction(this.db, async (m) => {
        const repo = m.getRepository(StaffEntity);
        const row = await repo.save(repo.create({ name: input.name, role: input.role, active: true, createdAt: now, updatedAt: now, email, passwordHash, ssoIssuer: null, ssoSubject: null }));
        await this.writeAudit(m, { at: now, actorId, staffId: row.id, change: 'created', before: null, after: { name: row.name, role: row.role, active: true, email } });
        if (passwordHash !== null) await this.writeAudit(m, { at: now, actorId, staffId: row.id, change: 'password', before: null, after: null });
        return row;
      }),
    );
    this.events.publish('staff.changed', { staffId: saved.id });
    return toStaffMember(saved);
  }

  /**
   * Changes a staff member's name, role, email or active flag; what changed is audited (nothing
   * changed: no audit row). Deactivating someone ends their sessions at once. The desk always
   * keeps an active supervisor: the last one may not demote or deactivate themselves.
   */
  async update(actorId: number | null, input: StaffChanges): Promise<StaffMember> {
    const now = this.clock.now();
    const wanted = { ...input, ...(input.email !== undefined ? { email: normalizeEmail(input.email) } : {}) };
    const result = await this.refusingDuplicates(wanted.email ?? null, () =>
      writeTransaction(this.db, async (m) => {
        const row = await this.lockForChange(m, input.id);
        const before: AuditedFields = {};
        const after: AuditedFields = {};
        for (const field of AUDITED) {
          const value = wanted[field];
          const current = field === 'active' ? Boolean(row.active) : row[field];
          if (value === undefined || value === current) continue;
          Object.assign(before, { [field]: current });
          Object.assign(after, { [field]: value });
        }
        if (Object.keys(after).length === 0) return { row, changed: false };
        const stillSupervisor = (after.role ?? row.role) === 'supervisor' && (after.active ?? Boolean(row.active));
        if (row.role === 'supervisor' && row.active && !stillSupervisor) await this.keepASupervisor(m, row, actorId);
        await m.getRepository(StaffEntity).update({ id: row.id }, { ...after, updatedAt: now });
        await this.writeAudit(m, { at: now, actorId, staffId: row.id, change: 'updated', before, after });
        if (after.active === false) await this.sessions.revokeAllFor(row.id);
        return { row: { ...row, ...after, updatedAt: now }, changed: true };
      }),
    );
    if (result.changed) this.events.publish('staff.changed', { staffId: result.row.id });
    return toStaffMember(result.row);
  }

  /**
   * Sets a local account's password (audited without any hash). When a supervisor sets someone
   * else's, that person's sessions end: a reset is usually because the old one leaked or was lost.
   */
  async setPassword(actorId: number | null, id: number, password: string): Promise<StaffMember> {
    const passwordHash = await this.passwords.hash(checkedPassword(password));
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (m) => {
      const found = await m.getRepository(StaffEntity).findOneBy({ id });
      if (!found) throw new DomainError('not_found', `No staff member has id ${id}`, 'id');
      await m.getRepository(StaffEntity).update({ id }, { passwordHash, updatedAt: now });
      await this.writeAudit(m, { at: now, actorId, staffId: id, change: 'password', before: null, after: null });
      if (actorId !== id) await this.sessions.revokeAllFor(id);
      return found;
    });
    this.events.publish('staff.changed', { staffId: id });
    return toStaffMember(row);
  }

  /** Changes to staff records, newest first; one person's when `staffId` is given. */
  async audit(staffId?: number): Promise<StaffAuditEntry[]> {
    const query = this.db
      .createQueryBuilder()
      .select('a.id', 'id')
      .addSelect('a.at', 'at')
      .addSelect('a.actorId', 'actorId')
      .addSelect('actor.name', 'actorName')
      .addSelect('a.staffId', 'staffId')
      .addSelect('staff.name', 'staffName')
      .addSelect('a.change', 'change')
      .addSelect('a.beforeJson', 'beforeJson')
      .addSelect('a.afterJson', 'afterJson')
      .from(StaffAuditEntity, 'a')
      .innerJoin(StaffEntity.options.name, 'staff', 'staff.id = a.staffId')
      .leftJoin(StaffEntity.options.name, 'actor', 'actor.id = a.actorId')
      .orderBy('a.id', 'DESC');
    if (staffId !== undefined) query.where('a.staffId = :staffId', { staffId });
    const rows = await query.getRawMany<AuditJoinRow>();
    return rows.map((r) => ({
      id: Number(r.id),
      at: new Date(Number(r.at)).toISOString(),
      actorId: r.actorId === null ? null : Number(r.actorId),
      actorName: r.actorName ?? null,
      staffId: Number(r.staffId),
      staffName: r.staffName,
      change: r.change,
      before: r.beforeJson === null ? null : (JSON.parse(r.beforeJson) as AuditedFields),
      after: r.afterJson === null ? null : (JSON.parse(r.afterJson) as AuditedFields),
    }));
  }

  /** The active staff member behind an actor id, or a `forbidden`/`unauthenticated` error. */
  async requireActive(actorId: number | undefined): Promise<StaffMember> {
    if (actorId === undefined) throw new DomainError('unauthenticated', 'Choose who you are before doing this');
    const row = await this.db.getRepository(StaffEntity).findOneBy({ id: actorId });
    if (!row) throw new DomainError('unauthenticated', `No staff member has id ${actorId}`);
    if (!row.active) throw new DomainError('forbidden', `${row.name}'s profile is inactive`);
    return toStaffMember(row);
  }

  /**
   * Reads the staff member to change. On PostgreSQL it also locks them and every active
   * supervisor (in id order, as all our row locks): two supervisors demoting each other at once
   * take turns, and the second sees the first's change.
   */
  private async lockForChange(m: EntityManager, id: number): Promise<StaffRow> {
    if (isPostgres(this.db)) {
      await m.query(`SELECT id FROM staff_member WHERE id = $1 OR (role = 'supervisor' AND active) ORDER BY id FOR UPDATE`, [id]);
    }
    const row = await m.getRepository(StaffEntity).findOneBy({ id });
    if (!row) throw new DomainError('not_found', `No staff member has id ${id}`, 'id');
    return row;
  }

  private async keepASupervisor(m: EntityManager, row: StaffRow, actorId: number | null): Promise<void> {
    const others = await m
      .getRepository(StaffEntity)
      .createQueryBuilder('s')
      .where(`s.role = 'supervisor' AND s.active = true AND s.id <> :id`, { id: row.id })
      .getCount();
    if (others > 0) return;
    const who = actorId === row.id ? 'You are' : `${row.name} is`;
    throw new DomainError(
      'conflict',
      `${who} the last active supervisor: make someone else a supervisor first, so somebody can still manage staff`,
      'role',
    );
  }

  private async writeAudit(m: EntityManager, entry: { at: number; actorId: number | null; staffId: number; change: StaffAuditRow['change']; before: AuditedFields | null; after: AuditedFields | null }): Promise<void> {
    await m.getRepository(StaffAuditEntity).insert({
      at: entry.at,
      actorId: entry.actorId,
      staffId: entry.staffId,
      change: entry.change,
      beforeJson: entry.before === null ? null : JSON.stringify(entry.before),
      afterJson: entry.after === null ? null : JSON.stringify(entry.after),
    });
  }

  /** A sign-in email is unique (uq_staff_email), kept by the database: a refused write becomes a `conflict` naming who has it. */
  private async refusingDuplicates<T>(email: string | null, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const key = violatedUniqueKey(error);
      if (!key || key.name !== 'uq_staff_email') throw error;
      const holder = email === null ? null : await this.findByEmail(email);
      throw new DomainError('conflict', conflictMessage(key, holder?.name ?? null), key.field);
    }
  }
}

function normalizeEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/** The contract checks this for the channels; the command line reaches the service directly. */
function checkedPassword(password: string): string {
  if (password.length < PASSWORD_MIN) throw new DomainError('invalid_input', `Password must be at least ${PASSWORD_MIN} characters`, 'password');
  if (password.length > PASSWORD_MAX) throw new DomainError('invalid_input', `Password must be at most ${PASSWORD_MAX} characters`, 'password');
  return password;
}
