import type { DataSource } from 'typeorm';
import type { AppInfo } from '../../../shared/contract';
import type { Clock } from '../clock';
import { isPostgres } from '../db/dialect';
import type { EventBus } from '../event-bus';
import { CaseService } from './case-service';
import type { DeadlinePlanner } from './deadline-planner';
import { StaffService } from './staff-service';

export interface CoreServices {
  app: { info(): AppInfo };
  staff: StaffService;
  cases: CaseService;
}

export function createServices(deps: { db: DataSource; clock: Clock; events: EventBus; deadlines: DeadlinePlanner; version: string }): CoreServices {
  const { db, clock, events } = deps;
  return {
    app: {
      info: () => ({
        name: 'Deskwatch',
        version: deps.version,
        databaseKind: isPostgres(db) ? 'postgres' : 'sqlite',
        now: new Date(clock.now()).toISOString(),
      }),
    },
    staff: new StaffService(db, clock, events),
    cases: new CaseService(db, clock, events, deps.deadlines),
  };
}
