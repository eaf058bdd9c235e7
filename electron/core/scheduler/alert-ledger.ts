import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { ALERT_KINDS, DEFAULT_ALERT_PREFERENCES, type Alert, type AlertKind, type AlertPreferences } from '../../../shared/alerts';
import { formatCaseNumber } from '../../../shared/domain';
import { AlertDeliveryEntity, AlertPreferenceEntity, type AlertDeliveryRow } from '../db/entities';
import { loadInChunks } from '../db/in-chunks';
import { alertKey } from './alert-planner';
import { writeTransaction } from '../db/write-transaction';
import { isPostgres } from '../db/dialect';

/** The exactly-once key, as the unique index `uq_alert_once` has it. */
const deliveryKey = (r: Pick<AlertDeliveryRow, 'caseId' | 'kind' | 'recipientId' | 'dueAt'>) => `${r.caseId}|${r.kind}|${r.recipientId}|${r.dueAt}`;

/**
 * The ledger of delivered alerts (case, kind, recipient, due instant): what makes delivery
 * exactly once across restarts. A row is written before anyone is told; the database's unique
 * key refuses a second one, so a race between two consoles on one database delivers once too.
 */
export class AlertLedger {
  constructor(private readonly db: DataSource) {}

  /** "kind@dueAt" keys already delivered (to anyone) per case. */
  async deliveredKeys(caseIds: readonly number[]): Promise<Map<number, Set<string>>> {
    const map = new Map<number, Set<string>>();
    const rows = await loadInChunks(caseIds, (chunk) =>
      this.db.getRepository(AlertDeliveryEntity).find({ where: { caseId: In(chunk) }, select: { caseId: true, kind: true, dueAt: true } }),
    );
    for (const r of rows) {
      const keys = map.get(r.caseId) ?? new Set<string>();
      keys.add(alertKey({ kind: r.kind, at: r.dueAt }));
      map.set(r.caseId, keys);
    }
    return map;
  }

  /**
   * Records deliveries and returns those that are new. A row another console (or an earlier run)
   * recorded first is skipped: read inside the write transaction (on SQLite the write lock makes
   * that read final) and refused by the unique key (PostgreSQL: ON CONFLICT DO NOTHING RETURNING
   * tells which rows this call inserted). Never by comparing delivery instants, which two consoles
   * can share to the millisecond.
   */
  async record(rows: readonly Omit<AlertDeliveryRow, 'id'>[], m?: EntityManager): Promise<AlertDeliveryRow[]> {
    if (rows.length === 0) return [];
    const work = async (tx: EntityManager): Promise<AlertDeliveryRow[]> => {
      const ids: number[] = [];
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200);
        const existing = await this.storedKeys(tx, chunk);
        const missing = chunk.filter((r) => !existing.has(deliveryKey(r)));
        if (missing.length === 0) continue;
        const insert = tx.createQueryBuilder().insert().into(AlertDeliveryEntity).values(missing).orIgnore();
        if (isPostgres(tx.connection)) {
          const result = await insert.returning('id').execute();
          ids.push(...(result.raw as Array<{ id: number | string }>).map((r) => Number(r.id)));
        } else {
          await insert.execute();
          const wanted = new Set(missing.map(deliveryKey));
          const stored = await this.storedRows(tx, missing);
          ids.push(...stored.filter((r) => wanted.has(deliveryKey(r))).map((r) => r.id));
        }
      }
      if (ids.length === 0) return [];
      const fresh = await loadInChunks(ids, (chunk) => tx.getRepository(AlertDeliveryEntity).findBy({ id: In(chunk) }));
      return fresh.sort((a, b) => a.id - b.id);
    };
    return m ? work(m) : writeTransaction(this.db, work);
  }

  private storedRows(tx: EntityManager, rows: readonly Omit<AlertDeliveryRow, 'id'>[]): Promise<AlertDeliveryRow[]> {
    const caseIds = [...new Set(rows.map((r) => r.caseId))];
    return tx.getRepository(AlertDeliveryEntity).find({ where: { caseId: In(caseIds) } });
  }

  private async storedKeys(tx: EntityManager, rows: readonly Omit<AlertDeliveryRow, 'id'>[]): Promise<Set<string>> {
    return new Set((await this.storedRows(tx, rows)).map(deliveryKey));
  }

  async recent(recipientId: number, limit: number): Promise<AlertDeliveryRow[]> {
    return this.db.getRepository(AlertDeliveryEntity).find({ where: { recipientId, superseded: false }, order: { deliveredAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /**
   * Marks a person's own alerts seen (or dismissed, which is seen too) at `at`, keeping the first
   * instant when already marked; ids of other people's alerts are left alone. Answers the
   * person's alerts among `ids`, as they are now.
   */
  async markRead(recipientId: number, ids: readonly number[], state: 'seen' | 'dismissed', at: number): Promise<AlertDeliveryRow[]> {
    // In id order, so two consoles marking overlapping alerts lock rows in the same order on PostgreSQL.
    const sorted = [...new Set(ids)].sort((a, b) => a - b);
    return writeTransaction(this.db, async (m) => {
      const repo = m.getRepository(AlertDeliveryEntity);
      const mine = { recipientId, id: In(sorted) };
      await repo.update({ ...mine, seenAt: IsNull() }, { seenAt: at });
      if (state === 'dismissed') await repo.update({ ...mine, dismissedAt: IsNull() }, { dismissedAt: at });
      return repo.find({ where: mine, order: { id: 'ASC' } });
    });
  }

  async preferences(staffIds: readonly number[]): Promise<Map<number, AlertPreferences>> {
    const rows = staffIds.length ? await this.db.getRepository(AlertPreferenceEntity).findBy({ staffId: In([...staffIds]) }) : [];
    const map = new Map<number, AlertPreferences>();
    for (const id of staffIds) map.set(id, DEFAULT_ALERT_PREFERENCES);
    for (const r of rows) {
      const kinds = (JSON.parse(r.kinds) as string[]).filter((k): k is AlertKind => (ALERT_KINDS as readonly string[]).includes(k));
      map.set(r.staffId, { kinds, sound: Boolean(r.sound), muteUntil: r.muteUntil === null ? null : new Date(r.muteUntil).toISOString() });
    }
    return map;
  }

  async savePreferences(staffId: number, prefs: AlertPreferences): Promise<void> {
    await writeTransaction(this.db, (m) => m.getRepository(AlertPreferenceEntity).save({
      staffId,
      kinds: JSON.stringify(prefs.kinds),
      sound: prefs.sound,
      muteUntil: prefs.muteUntil === null ? null : Date.parse(prefs.muteUntil),
    }));
  }
}

export function toAlert(row: AlertDeliveryRow, prefs: AlertPreferences, now: number): Alert {
  const mutedNow = prefs.muteUntil !== null && Date.parse(prefs.muteUntil) > now;
  return {
    id: row.id,
    caseId: row.caseId,
    caseNumber: formatCaseNumber(row.caseId),
    kind: row.kind as AlertKind,
    recipientId: row.recipientId,
    dueAt: new Date(row.dueAt).toISOString(),
    deliveredAt: new Date(row.deliveredAt).toISOString(),
    title: row.title,
    body: row.body,
    missed: Boolean(row.missed),
    muted: mutedNow || !prefs.kinds.includes(row.kind as AlertKind),
    sound: prefs.sound,
    seenAt: row.seenAt === null || row.seenAt === undefined ? null : new Date(row.seenAt).toISOString(),
    dismissedAt: row.dismissedAt === null || row.dismissedAt === undefined ? null : new Date(row.dismissedAt).toISOString(),
  };
}
