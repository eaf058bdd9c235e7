/**
 * The browser mode's transport: contract calls as `POST /api/invoke/<channel>` with the per-run
 * token as a bearer header, core events from the `GET /api/events` server-sent event stream
 * (EventSource cannot send headers, so the token rides in its query string).
 *
 * Browser objects (fetch, EventSource) are passed in, so this module runs, and is tested,
 * outside a browser.
 */
import type { EventEnvelope } from '../../../shared/api';
import { isEventName, type ChannelName, type EventName } from '../../../shared/channel-names';
import type { ChannelInput, ChannelResult, EventPayload, InvokeMeta } from '../../../shared/contract';
import type { ContractError, Result } from '../../../shared/result';
import type { ConsoleApi, EventStreamState } from './console-api';
import { failedCall, TRANSPORT_ERRORS, unexpectedStatus } from './transport-errors';

export interface FetchResponseLike {
  status: number;
  json(): Promise<unknown>;
}
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<FetchResponseLike>;

/** What this transport needs from an EventSource: its three callbacks, and a way to close it. */
export interface EventStreamHandlers {
  open(): void;
  message(data: string): void;
  /** `closed`: the browser gave up on this stream (an HTTP error such as 401) and will not retry it. */
  error(closed: boolean): void;
}
export interface EventStream {
  close(): void;
}

export interface HttpApiOptions {
  token: string;
  fetch: FetchLike;
  openEventStream: (url: string, handlers: EventStreamHandlers) => EventStream;
  /** Prefix of the API routes; the page is served by the same host, so '' by default. */
  baseUrl?: string;
  /** First wait before reopening a stream the server closed (401, restart); doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

type AnyListener = (payload: never) => void;

export function createHttpApi(options: HttpApiOptions): ConsoleApi {
  const baseUrl = options.baseUrl ?? '';
  const firstRetryMs = options.retryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 10_000;

  const eventListeners = new Map<EventName, Set<AnyListener>>();
  const stateListeners = new Set<(state: EventStreamState) => void>();
  let stream: EventStream | null = null;
  let state: EventStreamState = 'connecting';
  let retryMs = firstRetryMs;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  async function invoke<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
    meta?: InvokeMeta,
  ): Promise<Result<ChannelResult<C>>> {
    let response: FetchResponseLike;
    try {
      response = await options.fetch(`${baseUrl}/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ input, meta: meta ?? {} }),
      });
    } catch {
      return { ok: false, error: TRANSPORT_ERRORS.unreachable };
    }
    if (response.status === 401) return { ok: false, error: TRANSPORT_ERRORS.tokenRefused };
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      return { ok: false, error: response.status === 200 ? failedCall(error) : statusError(response.status) };
    }
    // A 413 carries the contract's own words ("The file is too large: at most 20 MB …") as a result.
    if (isResult(body)) return body as Result<ChannelResult<C>>;
    return { ok: false, error: response.status === 200 ? TRANSPORT_ERRORS.unreadable : statusError(response.status) };
  }

  function setState(next: EventStreamState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) safely(() => listener(next));
  }

  function hasListeners(): boolean {
    return stateListeners.size > 0 || [...eventListeners.values()].some((set) => set.size > 0);
  }

  function openStream(): void {
    if (stream || retryTimer) return;
    const opened: EventStream = options.openEventStream(`${baseUrl}/api/events?token=${encodeURIComponent(options.token)}`, {
      open: () => {
        retryMs = firstRetryMs;
        setState('open');
      },
      message: deliver,
      error: (closed) => {
        setState('connecting');
        // Until it is closed the browser retries by itself; once closed (401, a restarted server) it is up to us.
        if (!closed) return;
        opened.close();
        if (stream === opened) stream = null;
        retryTimer = setTimeout(() => {
          retryTimer = null;
          if (hasListeners()) openStream();
        }, retryMs);
        retryMs = Math.min(retryMs * 2, maxRetryMs);
      },
    });
    stream = opened;
  }

  function closeStreamIfUnused(): void {
    if (hasListeners()) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    stream?.close();
    stream = null;
    state = 'connecting';
  }

  function deliver(data: string): void {
    let envelope: Partial<EventEnvelope>;
    try {
      envelope = JSON.parse(data) as Partial<EventEnvelope>;
    } catch {
      return;
    }
    if (!isEventName(envelope.name)) return;
    const payload = envelope.payload as never;
    for (const listener of [...(eventListeners.get(envelope.name) ?? [])]) safely(() => listener(payload));
  }

  return {
    invoke,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = eventListeners.get(event) ?? new Set<AnyListener>();
      eventListeners.set(event, set);
      const entry = listener as AnyListener;
      set.add(entry);
      openStream();
      return () => {
        set.delete(entry);
        closeStreamIfUnused();
      };
    },
    onStreamState(listener) {
      stateListeners.add(listener);
      openStream();
      safely(() => listener(state));
      return () => {
        stateListeners.delete(listener);
        closeStreamIfUnused();
      };
    },
  };
}

/** A status without a readable result: a 413 from something in between (a proxy) still says what is wrong. */
function statusError(status: number): ContractError {
  if (status === 413) return { code: 'invalid_input', message: 'This is too large for the Deskwatch server to accept. Send less at once (a smaller file).', field: 'input' };
  return unexpectedStatus(status);
}

function isResult(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const candidate = body as { ok: unknown; error?: { message?: unknown } };
  if (candidate.ok === true) return 'value' in candidate;
  return candidate.ok === false && typeof candidate.error?.message === 'string';
}

/** One listener that throws must not keep the others from hearing an event. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error('deskwatch: an event listener failed', error);
  }
}
