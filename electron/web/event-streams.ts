/**
 * The core's events as server-sent event streams, one per open console. A console that connects
 * while this core does not hear the others learns it at once, not at the relay's next attempt.
 */
import type http from 'node:http';
import type { EventEnvelope } from '../../shared/api';
import type { Core } from '../core/core';

const KEEPALIVE_MS = 15_000;

export interface EventStreams {
  open(res: http.ServerResponse, headers?: Record<string, string>): void;
  /** How many consoles listen now (the health answer and benchmarks read it). */
  count(): number;
  close(): void;
}

export function createEventStreams(core: Pick<Core, 'events' | 'liveStatus'>): EventStreams {
  const streams = new Set<http.ServerResponse>();
  const unsubscribe = core.events.subscribe((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload } as EventEnvelope)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });
  return {
    open(res, headers = {}) {
      res.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // A reverse proxy (nginx) would otherwise hold events back in its buffer.
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const live = core.liveStatus();
      if (live.state !== 'live') res.write(`data: ${JSON.stringify({ name: 'live.status', payload: live } satisfies EventEnvelope)}\n\n`);
      streams.add(res);
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
      res.on('close', () => {
        clearInterval(keepAlive);
        streams.delete(res);
      });
    },
    count: () => streams.size,
    close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      streams.clear();
    },
  };
}
