/**
 * Signed unsubscribe tokens: a token names one address and one topic, and is accepted only with
 * the server's signature (HMAC-SHA256), so nobody can unsubscribe someone else by writing their
 * address into a link.
 *
 * The secret is kept in the database (console_setting `mail.unsubscribeSecret`, 32 random bytes,
 * made in the transaction that queues the first email carrying a token): every server process
 * on the same database signs and accepts the same tokens, it survives restarts, upgrades and a
 * move to another database (db export), and there is no extra setting to configure. Whoever can read the database could forge an opt-out, but could write the
 * opt-out table directly just as well. Tokens do not expire: an unsubscribe link in a months-old
 * email must still work (RFC 8058 asks for that).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../clock';
import { ConsoleSettingEntity } from '../db/entities';
import { writeTransaction } from '../db/write-transaction';

export const UNSUBSCRIBE_SECRET_KEY = 'mail.unsubscribeSecret';

/** The topics an address may leave; case emails are not one (they answer the person's own request). */
export const MAIL_TOPICS = ['announcements'] as const;
export type MailTopic = (typeof MAIL_TOPICS)[number];

export interface UnsubscribeClaim {
  address: string;
  topic: MailTopic;
}

/** Kept apart from any other use of the secret: a signature made here means nothing elsewhere. */
const PURPOSE = 'deskwatch unsubscribe v1\n';
const MAX_TOKEN = 1_000;

export class UnsubscribeTokens {
  /** The secret as committed (read outside any transaction): kept for the life of the process. */
  private committed: Buffer | null = null;
  /** Secrets read or made inside a transaction, per transaction: they become the committed one only if it commits. */
  private readonly pending = new WeakMap<EntityManager, Buffer>();

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Signs a token for `address` and `topic`. Inside a transaction (`m`, when queueing the email
   * that carries it), a secret made now is made in that transaction: the secret and the emails
   * signed with it commit together, or neither does.
   */
  async sign(address: string, topic: MailTopic, m?: EntityManager): Promise<string> {
    const payload = Buffer.from(JSON.stringify({ a: address.trim().toLowerCase(), t: topic }), 'utf8').toString('base64url');
    return `${payload}.${this.mac(await this.key(m), payload)}`;
  }

  /** The address and topic a token names, or null when it is not one this server signed (or not a token at all). */
  async verify(token: unknown): Promise<UnsubscribeClaim | null> {
    if (typeof token !== 'string' || token.length > MAX_TOKEN) return null;
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(await this.key(), payload), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { a?: unknown; t?: unknown };
      if (typeof claim.a !== 'string' || claim.a === '' || !(MAIL_TOPICS as readonly unknown[]).includes(claim.t)) return null;
      return { address: claim.a, topic: claim.t as MailTopic };
    } catch {
      return null;
    }
  }

  private mac(key: Buffer, payload: string): string {
    return createHmac('sha256', key).update(PURPOSE + payload).digest('base64url');
  }

  private async key(m?: EntityManager): Promise<Buffer> {
    if (this.committed) return this.committed;
    if (m) {
      const known = this.pending.get(m) ?? (await this.loadOrCreate(m));
      this.pending.set(m, known);
      return known;
    }
    this.committed = await writeTransaction(this.db, (own) => this.loadOrCreate(own));
    return this.committed;
  }

  /**
   * The stored secret; the first to need one makes it. Two transactions making one at once: the
   * second's insert waits for the first and does nothing, and it reads the first's secret.
   */
  private async loadOrCreate(m: EntityManager): Promise<Buffer> {
    const value = JSON.stringify(randomBytes(32).toString('base64url'));
    await m.createQueryBuilder().insert().into(ConsoleSettingEntity).values({ key: UNSUBSCRIBE_SECRET_KEY, value, updatedAt: this.clock.now() }).orIgnore().execute();
    const row = await m.getRepository(ConsoleSettingEntity).findOneByOrFail({ key: UNSUBSCRIBE_SECRET_KEY });
    return Buffer.from(JSON.parse(row.value) as string, 'base64url');
  }
}
