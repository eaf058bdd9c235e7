import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../clock';
import { MailOptOutEntity } from '../db/support-entities';
import { writeTransaction } from '../db/write-transaction';
import { IN_CHUNK } from '../db/in-chunks';
import type { MailTopic } from './unsubscribe-tokens';

/** Addresses are compared without case: Robin.Teacher@ and robin.teacher@ are one mailbox to people. */
const folded = (address: string) => address.trim().toLowerCase();

/** Addresses that asked not to receive a topic of the desk's email (mail_opt_out). */
export class MailOptOuts {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Records an opt-out; doing it twice changes nothing (the first instant stays). */
  async record(address: string, topic: MailTopic): Promise<void> {
    await writeTransaction(this.db, (m) =>
      m.createQueryBuilder().insert().into(MailOptOutEntity).values({ address: folded(address), topic, at: this.clock.now() }).orIgnore().execute(),
    );
  }

  async has(address: string, topic: MailTopic): Promise<boolean> {
    return (await this.db.getRepository(MailOptOutEntity).countBy({ address: folded(address), topic })) > 0;
  }

  /** Those of `addresses` that opted out of `topic`, folded to lower case. */
  async among(m: EntityManager, addresses: readonly string[], topic: MailTopic): Promise<Set<string>> {
    const out = new Set<string>();
    const wanted = [...new Set(addresses.map(folded))];
    for (let i = 0; i < wanted.length; i += IN_CHUNK) {
      for (const row of await m.getRepository(MailOptOutEntity).findBy({ topic, address: In(wanted.slice(i, i + IN_CHUNK)) })) out.add(row.address);
    }
    return out;
  }
}

export { folded as foldAddress };
