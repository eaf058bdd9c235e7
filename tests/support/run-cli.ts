import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point of the project exactly as `npm run` does (through tsx). */
export function runTs(entry: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): CliRun {
  const result = spawnSync(TSX, [path.join(ROOT, entry), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    input: options.input,
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const runCli = (args: string[], options?: { env?: NodeJS.ProcessEnv; input?: string }) =>
  runTs('electron/cli/main.ts', args, options);
