import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from './clock';
import { openDatabase } from './db/data-source';
import { PgEventRelay, type PgEventRelayOptions } from './db/pg-event-relay';
import type { DatabaseConfig } from './db/database-config';
import { EventBus } from './event-bus';
import { toLogger, type LogFunction, type Logger } from './log/logger';
import { createDispatch, type Dispatch } from './handlers/dispatch';
import { createSupportDispatch, type SupportDispatch } from './support/support-dispatch';
import { createSupportHandlerTable } from './support/support-handlers';
import { createHandlerTable } from './handlers/handler-table';
import { createServices, type CoreServices } from './services';
import type { SlaFacade } from './services/sla-facade';
import { SlaDesk } from './sla-desk';
import { APP_VERSION } from './version';
import type { Timers } from './scheduler/sla-scheduler';
import type { LiveStatus } from '../../shared/contract';
import type { ConsoleMode } from '../../shared/session';
import type { MailOptions } from './mail/mail-service';

export interface CoreOptions {
  database: DatabaseConfig;
  clock?: Clock;
  sla?: SlaFacade;
  /** Where the core's log goes (default: stderr). The older `log(message, error)` function is accepted too. */
  log?: Logger | LogFunction;
  /**
   * Run the SLA scheduler (the desktop app and the browser mode do; the CLI and most tests do not).
   * Its catch-up on what fell due while closed runs behind: startCore does not wait for it.
   */
  scheduler?: boolean;
  timers?: Timers;
  /** How the PostgreSQL event relay retries a lost connection (tests shorten the waits). */
  relay?: PgEventRelayOptions;
  /**
   * `standalone` (default): one person at one machine chooses a profile; `server`: the district
   * server signs people in, and the contract's access rules apply without standalone exceptions.
   */
  mode?: ConsoleMode;
  /** The server's SMTP settings and whether this process sends (default: not configured, not sending). */
  mail?: MailOptions;
  /** How employees reach the desk by phone (the district server's DESKWATCH_DESK_PHONE); default: the agreement's numbers. */
  deskPhone?: string;
}

/** The product's brain, without Electron: the same object runs in the desktop app, the browser mode, the CLI and tests. */
export interface Core {
  dispatch: Dispatch;
  /** The Tech Support Center's entry: employees' channels, as the employee the host's session names. */
  supportDispatch: SupportDispatch;
  events: EventBus;
  services: CoreServices;
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  mode: ConsoleMode;
  /** Whether this console hears the others' changes now (always live on SQLite: one machine's file). */
  liveStatus(): LiveStatus;
  /**
   * Starts the SLA scheduler without waiting for its catch-up (with 10,000 open cases, seconds):
   * the console is usable at once, and alerts that fell due while closed arrive as they are found.
   */
  startScheduler(): void;
  close(): Promise<void>;
}

export async function startCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const logger = toLogger(options.log);
  const dataSource = await openDatabase(options.database);
  const events = new EventBus((message, error) => logger.error(message, error));
  const services = createServices({
    db: dataSource,
    clock,
    events,
    sla: options.sla ?? new SlaDesk(),
    version: APP_VERSION,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.mail ? { mail: options.mail } : {}),
    ...(options.deskPhone !== undefined ? { deskPhone: options.deskPhone } : {}),
  });
  services.scheduler.useLogger(logger);
  await services.lists.seedDefaults();
  await services.calendar.load();
  // Published SLA policy versions: new cases are opened under the one in force when received.
  await services.policy.load();
  const relay = options.database.kind === 'postgres' ? new PgEventRelay(options.database.url, events, logger, options.relay) : null;
  await relay?.start();
  const mode = options.mode ?? 'standalone';
  // Only the district server sends mail: a standalone console pages in the console only.
  services.escalation.pager.useMail(mode === 'server');
  const dispatch = createDispatch(createHandlerTable(services), services.staff, (message, error) => logger.error(message, error), mode);
  const supportDispatch = createSupportDispatch(createSupportHandlerTable(services), (message, error) => logger.error(message, error));
  if (options.scheduler) startBehind(services, logger);
  if (options.mail?.send) {
    services.mail.startSending(logger);
    // Reminders are emails: they go with the process that sends them.
    services.draftReminders.start(logger);
  }
  return {
    dispatch,
    supportDispatch,
    events,
    services,
    dataSource,
    clock,
    logger,
    mode,
    liveStatus: () => relay?.status ?? { state: 'live' },
    startScheduler: () => startBehind(services, logger),
    close: async () => {
      await services.scheduler.stop();
      await services.draftReminders.stop();
      await services.mail.stop();
      services.kb.close();
      await services.reports.close();
      await relay?.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** A failed catch-up is logged and retried by the scheduler itself; nobody waits for it. */
function startBehind(services: CoreServices, logger: Logger): void {
  void services.scheduler.start().catch(() => undefined);
  // Read the queue once in the background, so the first person to open it does not wait for 10,000 cases.
  void services.queue.openCases().catch((error: unknown) => logger.warn('deskwatch: could not pre-read the queue', error));
}
