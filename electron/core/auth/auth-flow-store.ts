import type { DataSource } from 'typeorm';
import type { Clock } from '../clock';
import { AuthFlowEntity } from '../db/entities';
import { writeTransaction } from '../db/write-transaction';

/** What the server keeps between the two halves of a sign-in (a JSON object). */
export type FlowPayload = Record<string, unknown>;

const MAX_ID_LENGTH = 64;
const MAX_KIND_LENGTH = 32;
const PRUNE_EVERY_MS = 60_000;

/**
 * Short-lived, single-use state of a sign-in in progress: the PKCE verifier, nonce and return path
 * of a single sign-on between the redirect and the callback, or a desktop's one-time code. In the
 * database, because the callback may reach another server replica than the redirect did.
 */
export class AuthFlowStore {
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Keeps `payload` under `id` (the OIDC state, or the sha256 of a one-time code) for `ttlMs`. */
  async put(id: string, kind: string, payload: FlowPayload, ttlMs: number): Promise<void> {
    if (id.length === 0 || id.length > MAX_ID_LENGTH) throw new Error(`An auth flow id must be 1 to ${MAX_ID_LENGTH} characters, got ${id.length}`);
    if (kind.length === 0 || kind.length > MAX_KIND_LENGTH) throw new Error(`An auth flow kind must be 1 to ${MAX_KIND_LENGTH} characters, got "${kind}"`);
    if (!(ttlMs > 0)) throw new Error(`An auth flow lifetime must be positive, got ${ttlMs}`);
    const now = this.clock.now();
    await writeTransaction(this.db, async (m) => {
      if (now - this.lastPrune >= PRUNE_EVERY_MS) {
        this.lastPrune = now;
        await m.createQueryBuilder().delete().from(AuthFlowEntity).where('expires_at <= :now', { now }).execute();
      }
      await m.getRepository(AuthFlowEntity).insert({ id, kind, payload: JSON.stringify(payload), expiresAt: now + ttlMs });
    });
  }

  /**
   * The payload kept under `id` for this kind, removed in the same transaction: of two callers
   * taking the same id (two replicas, a replayed callback) exactly one gets it. Null when unknown,
   * of another kind, already taken or expired.
   */
  async take(id: string, kind: string): Promise<FlowPayload | null> {
    if (id.length === 0 || id.length > MAX_ID_LENGTH) return null;
    const now = this.clock.now();
    return writeTransaction(this.db, async (m) => {
      const repo = m.getRepository(AuthFlowEntity);
      const row = await repo.findOneBy({ id, kind });
      if (!row) return null;
      // Only the caller whose delete removed the row may use it (PostgreSQL: the other waits on the row, then deletes nothing).
      const removed = await repo.delete({ id, kind });
      if ((removed.affected ?? 0) !== 1 || row.expiresAt <= now) return null;
      return JSON.parse(row.payload) as FlowPayload;
    });
  }
}
