#!/usr/bin/env node
/**
 * Runs a package.json script (`node deploy/run-script.mjs server`) the way a service manager
 * needs, which `npm run` does not: npm 10 and 11 exit at once on SIGTERM and leave the script's
 * processes running (orphaned), or, as a container's first process, take them down with a
 * SIGKILL before they have closed their connections. Here SIGTERM and SIGINT reach every process
 * of the script (its own process group), and this exits only when all of them have: with 0 after
 * a requested stop, otherwise with the script's status, so `Restart=on-failure` sees a crash.
 *
 * Like npm: runs in the current directory's package.json, through /bin/sh, with
 * node_modules/.bin first on PATH.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const name = process.argv[2];
let scripts;
try {
  scripts = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts ?? {};
} catch (error) {
  fail(`cannot read ${path.resolve('package.json')} (${error instanceof Error ? error.message : String(error)}); run from the Deskwatch folder`);
}
if (!name) fail('give the name of a package.json script, e.g. node deploy/run-script.mjs server');
if (typeof scripts[name] !== 'string') fail(`package.json has no "${name}" script`);

const bin = path.resolve('node_modules', '.bin');
const child = spawn(scripts[name], {
  shell: true,
  stdio: 'inherit',
  // Its own process group, so a stop reaches what the shell started (tsx's own child, say) too.
  detached: true,
  env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, npm_lifecycle_event: name },
});
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    stopping = true;
    signalGroup(signal);
  });
}
child.on('error', (error) => fail(`could not start "${scripts[name]}": ${error.message}`));
child.on('exit', async (code, signal) => {
  // The shell may go first (killed by the same signal) while the server is still closing.
  while (signalGroup(0)) await new Promise((resolve) => setTimeout(resolve, 100));
  if (stopping && (code === 0 || signal !== null)) process.exit(0);
  process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0));
});

/**
 * Sends `signal` to the script's process group; false once no process of it is left. A process
 * whose parent died is reaped by PID 1 (systemd; tini in the container), never by this one.
 */
function signalGroup(signal) {
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

function fail(message) {
  process.stderr.write(`run-script: ${message}\n`);
  process.exit(1);
}
