/**
 * The district server as the server benchmarks run it: its own process (`npm run server` without
 * npm in between), on a database the bench made, and the event stream a console opens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createParser } from 'eventsource-parser';

const ROOT = path.resolve(__dirname, '..');

/**
 * Builds what is stale, then runs the server bundle on 127.0.0.1 (a free port); answers when it
 * prints its address. BENCH_SERVER_NODE_ARGS: node flags for the server process (e.g. --cpu-prof).
 */
export function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; origin: string }> {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'scripts/server.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
    env: { ...process.env, DESKWATCH_DATABASE_URL: databaseUrl, DESKWATCH_LISTEN: '127.0.0.1:0', DESKWATCH_PUBLIC_URL: '', ...env },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /open: (https?:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, origin: match[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${out}`)));
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (child.pid) process.kill(-child.pid, 'SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
}

/** Opens `GET /api/events` with these headers; resolves once the server says the stream is connected. */
export function openEventStream(origin: string, headers: http.OutgoingHttpHeaders, onEvent: (name: string, payload: unknown) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${origin}/api/events`, { headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`event stream answered ${res.statusCode}`));
      const parser = createParser({
        onComment: (comment) => {
          if (comment.trim() === 'connected') resolve(req);
        },
        onEvent: (message) => {
          const event = JSON.parse(message.data) as { name: string; payload: unknown };
          onEvent(event.name, event.payload);
        },
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => parser.feed(chunk));
    });
    req.on('error', reject);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
