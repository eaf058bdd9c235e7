import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { ALERT_KINDS, DEFAULT_ALERT_PREFERENCES, type Alert, type AlertKind, type AlertPreferences } from '../../../shared/alerts';
import { formatCaseNumber } from '../../../shared/domain';
import { AlertDeliveryEntity, AlertPreferenceEntity, type AlertDeliveryRow } from '../db/entities';
import { loadInChunks } from '../db/in-chunks';
import { alertKey } from './alert-planner';
import { writeTransaction } from '../db/write-transaction';
import { isPostgres } from '../db/dialect';

/** Deliveries per INSERT statement (9 bound values each: well under either database's limit). */
const RECORD_CHUNK = 100;

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
    // Plain SQL: read on every wake, three small columns (PostgreSQL answers bigints as text).
    const pg = isPostgres(this.db);
    const rows = await loadInChunks(caseIds, (chunk): Promise<{ case_id: number | string; kind: string; due_at: number | string }[]> =>
      this.db.query(`SELECT case_id, kind, due_at FROM alert_delivery WHERE case_id IN (${chunk.map((_, i) => (pg ? `$${i + 1}` : '?')).join(', ')})`, chunk),
    );
    for (const r of rows) {
      const caseId = Number(r.case_id);
      const keys = map.get(caseId) ?? new Set<string>();
      keys.add(alertKey({ kind: r.kind, at: Number(r.due_at) }));
      map.set(caseId, keys);
    }
    return map;
  }

  /**
   * Records deliveries and returns those that are new. A row another console (or an earlier run)
   * recorded first is refused by the unique key `uq_alert_once`, and `ON CONFLICT DO NOTHING
   * RETURNING` (PostgreSQL and SQLite alike) answers exactly the rows this call inserted: never by
   * comparing delivery instants, which two consoles can share to the millisecond. One statement
   * per 100 rows and no read back: the scheduler records on every wake.
   */
  async record(rows: readonly Omit<AlertDeliveryRow, 'id'>[], m?: EntityManager): Promise<AlertDeliveryRow[]> {
    if (rows.length === 0) return [];
    const work = async (tx: EntityManager): Promise<AlertDeliveryRow[]> => {
      const pg = isPostgres(tx.connection);
      const fresh: AlertDeliveryRow[] = [];
      for (let i = 0; i < rows.length; i += RECORD_CHUNK) {
        const chunk = rows.slice(i, i + RECORD_CHUNK);
        const params: unknown[] = [];
        const values = chunk.map((r) => {
          const flag = (b: boolean) => (pg ? b : b ? 1 : 0);
          params.push(r.caseId, r.kind, r.recipientId, r.dueAt, r.deliveredAt, flag(Boolean(r.missed)), flag(Boolean(r.superseded)), r.title, r.body);
          const first = params.length - 8;
          return `(${Array.from({ length: 9 }, (_, k) => (pg ? `$${first + k}` : '?')).join(', ')})`;
        });
        const inserted: { id: number | string; case_id: number; kind: string; recipient_id: number; due_at: number | string }[] = await tx.query(
          `INSERT INTO alert_delivery (case_id, kind, recipient_id, due_at, delivered_at, missed, superseded, title, body)
           VALUES ${values.join(', ')} ON CONFLICT DO NOTHING RETURNING id, case_id, kind, recipient_id, due_at`,
          params,
        );
        const byKey = new Map(chunk.map((r) => [deliveryKey(r), r]));
        for (const row of inserted) {
          const source = byKey.get(deliveryKey({ caseId: Number(row.case_id), kind: row.kind, recipientId: Number(row.recipient_id), dueAt: Number(row.due_at) }));
          if (source) fresh.push({ ...source, missed: Boolean(source.missed), superseded: Boolean(source.superseded), seenAt: null, dismissedAt: null, id: Number(row.id) });
        }
      }
      return fresh.sort((a, b) => a.id - b.id);
    };
    return m ? work(m) : writeTransaction(this.db, work);
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
