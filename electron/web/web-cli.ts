/**
 * `npm run web`: the whole console in a browser, for machines where Electron cannot run.
 * Same core, same database default, same handler table as the desktop app.
 */
import path from 'node:path';
import { offsetClock, systemClock } from '../core/clock';
import { startCore, type Core } from '../core/core';
import { consoleLogger } from '../core/log/logger';
import { seedDemoDistrict } from '../core/demo/demo-district';
import { DomainError } from '../core/errors';
import { SlaDesk } from '../core/sla-desk';
import { describeDatabase, resolveDatabaseConfig } from '../core/db/database-config';
import { parseWebOptions, UsageError } from './web-options';
import { startWebServer } from './web-server';

const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer');

async function main(): Promise<void> {
  const options = parseWebOptions(process.argv.slice(2));
  const database = resolveDatabaseConfig(options.db ? { dbPath: options.db } : {});
  const clock = options.now === undefined ? systemClock : offsetClock(options.now);
  // Browser mode logs to stderr: the terminal (or the service manager) that runs it keeps the lines.
  const core = await startCore({ database, clock, log: consoleLogger() });
  if (options.demo) await seedDemo(core);
  const server = await startWebServer({ core, rendererDir: RENDERER_DIR, port: options.port });
  // Started after the demo data, so its first wake sees every case; not waited for, so the console
  // answers while the catch-up on what fell due while closed runs behind it.
  core.startScheduler();

  process.stdout.write(`Deskwatch browser mode\n  database: ${describeDatabase(database)}\n  open: ${server.url}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function seedDemo(core: Core): Promise<void> {
  try {
    const result = await seedDemoDistrict(core.dataSource, new SlaDesk(), core.clock.now());
    process.stdout.write(`  demo: ${result.callers} callers, ${result.openCases} open and ${result.closedCases} closed cases\n`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stdout.write(`  demo: not added (${error.message})\n`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`deskwatch web: ${error.message}\nUsage: npm run web -- [--db PATH] [--port N] [--now ISO] [--demo]\n`);
    process.exit(2);
  }
  process.stderr.write(`deskwatch web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
