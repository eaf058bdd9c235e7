import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { isEventName, type EventName } from '../../../shared/channel-names';
import type { EventPayload, LiveStatus } from '../../../shared/contract';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log/logger';
import { Backoff } from '../backoff';

const CHANNEL = 'deskwatch_events';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more; a larger event is split or summarized. */
const MAX_PAYLOAD = 7_500;
/** Events about this console alone: never sent to the others (a `queue.changed` cursor names this core's ledger). */
const LOCAL_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['live.status', 'shell.navigate', 'queue.changed']);

interface Envelope {
  origin: string;
  name: EventName;
  payload: unknown;
}

export interface PgEventRelayOptions {
  /** First wait before reconnecting a lost LISTEN connection; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * With a team of consoles on one PostgreSQL database, a change made at one console must reach
 * the others live. Each core relays its own events with NOTIFY and republishes, on its local bus,
 * the events other consoles announce (LISTEN). SQLite is one machine's file: no relay.
 *
 * The LISTEN connection can be lost (a database restart, a network drop, an administrator's
 * pg_terminate_backend). The relay then says so on the bus (`live.status` reconnecting), connects
 * again with backoff, LISTENs again and says `live`: the consoles read again what they show,
 * since what other consoles changed meanwhile was not heard.
 */
export class PgEventRelay {
  private readonly origin = randomUUID();
  private client: pg.Client | null = null;
  private unsubscribe: (() => void) | null = null;
  /** Set while a remote event is republished, so this relay's own listener does not send it back. */
  private republishing = false;
  private readonly publisher: pg.Pool;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private state: LiveStatus['state'] = 'live';

  constructor(
    private readonly url: string,
    private readonly events: EventBus,
    private readonly log: Logger,
    options: PgEventRelayOptions = {},
  ) {
    this.backoff = new Backoff(options.retryMs ?? 1_000, options.maxRetryMs ?? 30_000);
    this.publisher = new pg.Pool({ connectionString: url, max: 1 });
    // An idle connection the server ends (a restart, a dropped database) must not crash the app.
    this.publisher.on('error', (error) => this.log.warn('deskwatch: PostgreSQL event relay connection failed', error));
  }

  /** Notifications on their way, so stopping waits for them instead of cutting them off. */
  private readonly inflight = new Set<Promise<void>>();

  /** Whether this console hears the others now. */
  get status(): LiveStatus {
    return { state: this.state };
  }

  async start(): Promise<void> {
    this.client = await this.listen();
    this.unsubscribe = this.events.subscribe((name, payload) => {
      if (this.republishing || LOCAL_EVENTS.has(name)) return;
      const sending = this.send(name, payload).finally(() => this.inflight.delete(sending));
      this.inflight.add(sending);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    await Promise.allSettled([...this.inflight]);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    await this.publisher.end().catch(() => undefined);
  }

  /** A connection that LISTENs; its loss (error or end) starts the reconnection. */
  private async listen(): Promise<pg.Client> {
    // keepAlive: a connection dropped by the network (no reset sent) is noticed too.
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: 10_000 });
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost) return;
      lost = true;
      client.end().catch(() => undefined);
      if (this.client === client) this.client = null;
      if (!this.stopped && this.client === null) this.lost(error);
    };
    client.on('error', (error) => onLost(error));
    client.on('end', () => onLost());
    client.on('notification', (msg) => this.receive(msg.payload));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      lost = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private lost(error: unknown): void {
    if (this.state === 'live') this.log.warn('deskwatch: PostgreSQL event relay lost its connection; changes made at other consoles are not heard until it is back', error);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    const wait = this.backoff.next();
    this.setState({ state: 'reconnecting', retryInMs: wait });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.reconnect();
    }, wait);
    this.retryTimer.unref();
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) return;
    let client: pg.Client;
    try {
      client = await this.listen();
    } catch (error) {
      this.log.warn('deskwatch: PostgreSQL event relay could not reconnect; trying again', error);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoff.reset();
    this.log.info('deskwatch: PostgreSQL event relay reconnected; consoles read again what changed meanwhile');
    this.setState({ state: 'live' });
  }

  private setState(status: LiveStatus): void {
    this.state = status.state;
    this.events.publish('live.status', status);
  }

  private async send(name: EventName, payload: unknown): Promise<void> {
    for (const part of splitForNotify(name, payload)) {
      const text = JSON.stringify({ origin: this.origin, name, payload: part } satisfies Envelope);
      try {
        await this.publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, text]);
      } catch (error) {
        this.log.warn(`deskwatch: could not relay ${name} to other consoles`, error);
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
    if (envelope.origin === this.origin || !isEventName(envelope.name) || LOCAL_EVENTS.has(envelope.name)) return;
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
