import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from './clock';
import { openDatabase } from './db/data-source';
import { PgEventRelay } from './db/pg-event-relay';
import type { DatabaseConfig } from './db/database-config';
import { EventBus } from './event-bus';
import { createDispatch, type Dispatch } from './handlers/dispatch';
import { createHandlerTable } from './handlers/handler-table';
import { createServices, type CoreServices } from './services';
import type { SlaFacade } from './services/sla-facade';
import { SlaDesk } from './sla-desk';
import { APP_VERSION } from './version';
import type { Timers } from './scheduler/sla-scheduler';

export interface CoreOptions {
  database: DatabaseConfig;
  clock?: Clock;
  sla?: SlaFacade;
  log?: (message: string, error: unknown) => void;
  /** Run the SLA scheduler (the desktop app and the browser mode do; the CLI and most tests do not). */
  scheduler?: boolean;
  timers?: Timers;
}

/** The product's brain, without Electron: the same object runs in the desktop app, the browser mode, the CLI and tests. */
export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  services: CoreServices;
  dataSource: DataSource;
  clock: Clock;
  close(): Promise<void>;
}

export async function startCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((message, error) => console.error(message, error));
  const dataSource = await openDatabase(options.database);
  const events = new EventBus();
  const services = createServices({
    db: dataSource,
    clock,
    events,
    sla: options.sla ?? new SlaDesk(),
    version: APP_VERSION,
    ...(options.timers ? { timers: options.timers } : {}),
  });
  await services.lists.seedDefaults();
  await services.calendar.load();
  const relay = options.database.kind === 'postgres' ? new PgEventRelay(options.database.url, events, log) : null;
  await relay?.start();
  const dispatch = createDispatch(createHandlerTable(services), services.staff, log);
  if (options.scheduler) {
    await services.scheduler.start();
    // Read the queue once in the background, so the first person to open it does not wait for 10,000 cases.
    void services.queue.openCases().catch((error: unknown) => log('deskwatch: could not pre-read the queue', error));
  }
  return {
    dispatch,
    events,
    services,
    dataSource,
    clock,
    close: async () => {
      await services.scheduler.stop();
      await relay?.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
