import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { isEventName, type EventName } from '../../shared/channel-names';
import type { EventPayload, LiveStatus } from '../../shared/contract';
import { Backoff } from '../core/backoff';
import type { EventBus } from '../core/event-bus';
import type { Logger } from '../core/log/logger';
import { describeNetworkFailure } from './network-failure';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface RemoteEventStreamOptions {
  /** `${serverUrl}/api/events`. */
  url: string;
  /** The bearer token to present; null: nobody is signed in, and the stream stays closed. */
  token: () => string | null;
  fetch: FetchLike;
  bus: EventBus;
  log: Logger;
  /** The server refused the token (expired, revoked): the stream stops until someone signs in again. */
  onUnauthorized: () => void;
  /** First wait before reconnecting; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /**
   * No byte for this long means the connection is dead even if no error came: a network that
   * drops packets without a reset leaves a socket open forever. The server writes a keep-alive
   * comment every 15 s, so three missed ones is well past doubt.
   */
  stallMs?: number;
}

/** Events only the desktop shell itself may send to a window (a server must not steer the console). */
const SHELL_ONLY_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['shell.navigate']);
/** An alert batch can be large; anything past this is not a Deskwatch event. */
const MAX_EVENT_CHARS = 16 * 1024 * 1024;

type Outcome = 'ended' | 'failed' | 'unauthorized' | 'stopped';

/**
 * The district server's events, as the local core's bus would carry them: one server-sent event
 * stream (`GET /api/events` with the bearer token, read over a streaming fetch and parsed with
 * eventsource-parser) republished on `bus`. A lost stream (the server restarted, the network
 * dropped, a proxy cut it) is reconnected with backoff, 1 s doubling to 30 s; meanwhile the bus
 * hears `live.status` reconnecting, then `live`, as with the PostgreSQL event relay, so the
 * console reads again what changed while it was not listening.
 */
export class RemoteEventStream {
  private readonly backoff: Backoff;
  private state: LiveStatus = { state: 'live' };
  /** Each start begins a new run; an older run's loop notices and ends. */
  private run = 0;
  private controller: AbortController | null = null;
  private sleeping: { timer: NodeJS.Timeout; wake: () => void } | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: RemoteEventStreamOptions) {
    this.backoff = new Backoff(options.retryMs ?? 1_000, options.maxRetryMs ?? 30_000);
  }

  get status(): LiveStatus {
    return this.state;
  }

  /** (Re)opens the stream with the current token: after a sign-in, or at start. */
  start(): void {
    this.interrupt();
    const run = ++this.run;
    this.backoff.reset();
    const loop = this.connectLoop(run).catch((error: unknown) => this.options.log.error('deskwatch: the server event stream stopped unexpectedly', error));
    this.loop = loop;
  }

  /**
   * Closes the stream; resolves once the loop has ended, or after 2 s at most: quitting the app
   * waits for this, and must not hang on a fetch that does not notice its abort.
   */
  async stop(): Promise<void> {
    this.run += 1;
    this.interrupt();
    let timer: NodeJS.Timeout | undefined;
    const bounded = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 2_000);
      timer.unref();
    });
    await Promise.race([this.loop, bounded]);
    clearTimeout(timer);
  }

  private interrupt(): void {
    this.controller?.abort();
    this.controller = null;
    if (this.sleeping) {
      clearTimeout(this.sleeping.timer);
      this.sleeping.wake();
      this.sleeping = null;
    }
  }

  private async connectLoop(run: number): Promise<void> {
    while (run === this.run && this.options.token() !== null) {
      const outcome = await this.connectOnce(run);
      if (run !== this.run || outcome === 'stopped') return;
      if (outcome === 'unauthorized') {
        this.run += 1;
        this.options.onUnauthorized();
        return;
      }
      const wait = this.backoff.next();
      this.setState({ state: 'reconnecting', retryInMs: wait });
      await this.sleep(wait);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => resolve();
      const timer = setTimeout(() => {
        this.sleeping = null;
        wake();
      }, ms);
      timer.unref();
      this.sleeping = { timer, wake };
    });
  }

  private async connectOnce(run: number): Promise<Outcome> {
    const token = this.options.token();
    if (token === null) return 'stopped';
    const controller = new AbortController();
    this.controller = controller;
    let response: Response;
    try {
      response = await this.options.fetch(this.options.url, {
        method: 'GET',
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal: controller.signal,
        redirect: 'error',
      });
    } catch (error) {
      if (controller.signal.aborted || run !== this.run) return 'stopped';
      this.noteLoss(`could not reach the server (${describeNetworkFailure(error).reason})`);
      return 'failed';
    }
    if (response.status === 401) {
      await response.body?.cancel().catch(() => undefined);
      this.options.log.warn('deskwatch: the server no longer accepts this session for its event stream; sign in again');
      return 'unauthorized';
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || !contentType.startsWith('text/event-stream') || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      this.noteLoss(`the server answered its event stream with ${response.status} ${contentType || 'and no content type'}`);
      return 'failed';
    }
    if (run !== this.run) {
      await response.body.cancel().catch(() => undefined);
      return 'stopped';
    }
    if (this.state.state !== 'live') this.options.log.info('deskwatch: the server event stream is back; consoles read again what changed meanwhile');
    this.backoff.reset();
    this.setState({ state: 'live' });
    return this.read(response.body, controller, run);
  }

  private async read(body: ReadableStream<Uint8Array>, controller: AbortController, run: number): Promise<Outcome> {
    const parser = createParser({
      onEvent: (message) => this.receive(message),
      onError: (error) => this.options.log.warn('deskwatch: the server sent an event stream line that could not be read', error),
      maxBufferSize: MAX_EVENT_CHARS,
    });
    const decoder = new TextDecoder();
    const reader = body.getReader();
    const stallMs = this.options.stallMs ?? 45_000;
    let stalled = false;
    let watchdog: NodeJS.Timeout | null = null;
    const arm = () => {
      if (watchdog) clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stalled = true;
        controller.abort();
      }, stallMs);
      watchdog.unref();
    };
    arm();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        parser.feed(decoder.decode(value, { stream: true }));
      }
      this.noteLoss('the server closed the event stream');
    } catch (error) {
      if (run !== this.run) return 'stopped';
      this.noteLoss(stalled ? `nothing arrived for ${Math.round(stallMs / 1000)} s` : `the event stream broke (${describeNetworkFailure(error).reason})`);
    } finally {
      if (watchdog) clearTimeout(watchdog);
      reader.cancel().catch(() => undefined);
    }
    return run === this.run ? 'ended' : 'stopped';
  }

  private receive(message: EventSourceMessage): void {
    let envelope: unknown;
    try {
      envelope = JSON.parse(message.data);
    } catch {
      this.options.log.warn('deskwatch: the server sent an event that is not JSON; it was ignored');
      return;
    }
    if (typeof envelope !== 'object' || envelope === null) return;
    const { name, payload } = envelope as { name?: unknown; payload?: unknown };
    if (!isEventName(name) || SHELL_ONLY_EVENTS.has(name)) return;
    this.options.bus.publish(name, payload as EventPayload<typeof name>);
  }

  /** The first loss of an outage is a warning; the attempts after it are not news. */
  private noteLoss(why: string): void {
    if (this.state.state === 'live') {
      this.options.log.warn(`deskwatch: lost the server event stream (${why}); changes made at other consoles are not heard until it is back`);
    }
  }

  private setState(status: LiveStatus): void {
    const same = status.state === this.state.state && status.retryInMs === this.state.retryInMs;
    this.state = status;
    if (!same) this.options.bus.publish('live.status', status);
  }
}
