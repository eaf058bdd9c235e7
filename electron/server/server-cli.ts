/**
 * `npm run server`: the district server. Settings come from the environment (see
 * server-config.ts); a setting it cannot use stops it with a message naming what to set.
 */
import { describeDatabase } from '../core/db/database-config';
import { offsetClock } from '../core/clock';
import { consoleLogger } from '../core/log/logger';
import { ConfigError, parseServerConfig } from './server-config';

async function main(): Promise<void> {
  const config = parseServerConfig({ env: process.env, argv: process.argv.slice(2) });
  // Loaded once the settings are known to be usable, so a refusal comes at once, not after the core's modules load.
  const { startDistrictServer } = await import('./district-server');
  const { CREATE_SUPERVISOR_HINT, supervisorCanSignIn } = await import('./supervisor-check');
  // The server logs to stderr: the terminal or the service manager (systemd, a container) keeps the lines.
  const server = await startDistrictServer(config, { log: consoleLogger(), ...(config.startAt !== null ? { clock: offsetClock(config.startAt) } : {}) });
  const ways = [config.oidc ? `district sign-in (${config.oidc.issuer})` : null, config.passwordSignIn ? 'email and password' : null].filter(Boolean);
  const lines = [
    'Deskwatch district server',
    `  database: ${describeDatabase(config.database)}`,
    `  open: ${server.origin}`,
    ...(server.listening !== server.origin ? [`  listening: ${server.listening}${config.trustProxy ? ' (behind a reverse proxy)' : ''}`] : []),
    `  sign-in: ${ways.join(', ')}`,
    ...(config.startAt !== null ? [`  clock: started at ${new Date(config.startAt).toISOString()} (--now), running on from there`] : []),
  ];
  if (!(await supervisorCanSignIn(server.core.dataSource, { password: config.passwordSignIn, sso: config.oidc !== null }))) lines.push(CREATE_SUPERVISOR_HINT);
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`deskwatch server: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`deskwatch server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
