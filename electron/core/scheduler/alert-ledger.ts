import { In, type DataSource, type EntityManager } from 'typeorm';
import { ALERT_KINDS, DEFAULT_ALERT_PREFERENCES, type Alert, type AlertKind, type AlertPreferences } from '../../../shared/alerts';
import { formatCaseNumber } from '../../../shared/domain';
import { AlertDeliveryEntity, AlertPreferenceEntity, type AlertDeliveryRow } from '../db/entities';
import { loadInChunks } from '../db/in-chunks';
import { alertKey } from './alert-planner';
import { writeTransaction } from '../db/write-transaction';

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
   * Records deliveries in one transaction and returns those that are new: a row another console
   * (or an earlier run) recorded first is skipped by the unique key (ON CONFLICT DO NOTHING).
   */
  async record(rows: readonly Omit<AlertDeliveryRow, 'id'>[], m: EntityManager | DataSource = this.db): Promise<AlertDeliveryRow[]> {
    if (rows.length === 0) return [];
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      await m.createQueryBuilder().insert().into(AlertDeliveryEntity).values(chunk).orIgnore().execute();
    }
    const deliveredAt = rows[0]?.deliveredAt as number;
    const caseIds = [...new Set(rows.map((r) => r.caseId))];
    const wanted = new Set(rows.map((r) => `${r.caseId}|${r.kind}|${r.recipientId}|${r.dueAt}`));
    const stored = await loadInChunks(caseIds, (chunk) => m.getRepository(AlertDeliveryEntity).findBy({ caseId: In(chunk), deliveredAt }));
    return stored.filter((r) => wanted.has(`${r.caseId}|${r.kind}|${r.recipientId}|${r.dueAt}`)).sort((a, b) => a.id - b.id);
  }

  async recent(recipientId: number, limit: number): Promise<AlertDeliveryRow[]> {
    return this.db.getRepository(AlertDeliveryEntity).find({ where: { recipientId, superseded: false }, order: { deliveredAt: 'DESC', id: 'DESC' }, take: limit });
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
  };
}
