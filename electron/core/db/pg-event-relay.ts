import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { isEventName, type EventName } from '../../../shared/channel-names';
import type { EventPayload } from '../../../shared/contract';
import type { EventBus } from '../event-bus';

const CHANNEL = 'deskwatch_events';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more; a larger event is split or summarized. */
const MAX_PAYLOAD = 7_500;

interface Envelope {
  origin: string;
  name: EventName;
  payload: unknown;
}

/**
 * With a team of consoles on one PostgreSQL database, a change made at one console must reach
 * the others live. Each core relays its own events with NOTIFY and republishes, on its local bus,
 * the events other consoles announce (LISTEN). SQLite is one machine's file: no relay.
 */
export class PgEventRelay {
  private readonly origin = randomUUID();
  private client: pg.Client | null = null;
  private unsubscribe: (() => void) | null = null;
  /** Set while a remote event is republished, so this relay's own listener does not send it back. */
  private republishing = false;
  private readonly publisher: pg.Pool;

  constructor(
    private readonly url: string,
    private readonly events: EventBus,
    private readonly log: (message: string, error: unknown) => void,
  ) {
    this.publisher = new pg.Pool({ connectionString: url, max: 1 });
    // An idle connection the server ends (a restart, a dropped database) must not crash the app.
    this.publisher.on('error', (error) => this.log('deskwatch: PostgreSQL event relay connection failed', error));
  }

  /** Notifications on their way, so stopping waits for them instead of cutting them off. */
  private readonly inflight = new Set<Promise<void>>();

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    client.on('notification', (msg) => this.receive(msg.payload));
    client.on('error', (error) => this.log('deskwatch: PostgreSQL event relay lost its connection', error));
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
    this.unsubscribe = this.events.subscribe((name, payload) => {
      if (this.republishing) return;
      const sending = this.send(name, payload).finally(() => this.inflight.delete(sending));
      this.inflight.add(sending);
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await Promise.allSettled([...this.inflight]);
    await this.client?.end().catch(() => undefined);
    this.client = null;
    await this.publisher.end().catch(() => undefined);
  }

  private async send(name: EventName, payload: unknown): Promise<void> {
    for (const part of splitForNotify(name, payload)) {
      const text = JSON.stringify({ origin: this.origin, name, payload: part } satisfies Envelope);
      try {
        await this.publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, text]);
      } catch (error) {
        this.log(`deskwatch: could not relay ${name} to other consoles`, error);
      }
    }
  }

  private receive(text: string | undefined): void {
    if (!text) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      return;
    }
    if (envelope.origin === this.origin || !isEventName(envelope.name)) return;
    // Republish locally without echoing it back to the database.
    this.republishing = true;
    try {
      this.events.publish(envelope.name, envelope.payload as EventPayload<typeof envelope.name>);
    } finally {
      this.republishing = false;
    }
  }
}

/** Alert batches can be large: they travel one alert per notification when they would not fit. */
function splitForNotify(name: EventName, payload: unknown): unknown[] {
  if (JSON.stringify(payload).length < MAX_PAYLOAD - 200) return [payload];
  if (name === 'alerts.raised') {
    const batch = payload as { alerts: unknown[]; digests: unknown[] };
    return [...batch.alerts.map((a) => ({ alerts: [a], digests: [] })), ...batch.digests.map((d) => ({ alerts: [], digests: [d] }))];
  }
  return [payload];
}
