import type { DataSource } from 'typeorm';
import type { AppInfo } from '../../../shared/contract';
import { createAuthServices, type AuthServices } from '../auth';
import { CallerService } from '../callers/caller-service';
import type { Clock } from '../clock';
import { isPostgres } from '../db/dialect';
import { ReferenceListService } from '../directory/reference-lists';
import type { EventBus } from '../event-bus';
import { CaseLifecycleService } from './case-lifecycle';
import { CaseReader } from './case-reader';
import { CaseService } from './case-service';
import { DeskService } from './desk-service';
import { QueueService } from './queue-service';
import type { SlaFacade } from './sla-facade';
import { StaffService } from './staff-service';
import { ConsoleSettingsService } from './console-settings';
import { CalendarService } from '../calendar/calendar-service';
import { AlertService } from '../scheduler/alert-service';
import { SlaScheduler, type Timers } from '../scheduler/sla-scheduler';
import { KnowledgeBaseService } from '../kb/knowledge-service';
import { KnowledgeSearch } from '../kb/search/knowledge-search';
import { ReportService } from '../reports/report-service';
import { AnnouncementService } from '../announcements/announcement-service';
import { NoticeSetting } from '../announcements/notice-setting';
import { OutageResolver } from '../announcements/outage-resolution';
import { MailService, type MailOptions } from '../mail/mail-service';
import { SupportRequests } from '../support/support-requests';
import { CaseMailer } from '../support/case-mailer';
import { MailOptOuts } from '../mail/mail-opt-outs';
import { UnsubscribeTokens } from '../mail/unsubscribe-tokens';
import { AnnouncementMailer } from '../announcements/announcement-mail';
import { DraftReminders } from '../announcements/draft-reminders';
import { createSupportCenter, type SupportCenter } from '../support/support-center';
import { VisitPlanner } from '../caller-availability/visit-planner';
import { createEscalation } from '../escalation/create-escalation';
import type { EscalationService } from '../escalation/escalation-service';
import { PolicyService } from '../policy/policy-service';
import { AvailabilityService } from '../availability/availability-service';
import { ForecastService } from '../forecast/forecast-service';

export interface CoreServices {
  app: { info(): AppInfo };
  staff: StaffService;
  /** Sign-in and sessions (electron/core/auth): what the hosts use to know who makes a call. */
  auth: AuthServices;
  lists: ReferenceListService;
  callers: CallerService;
  cases: CaseService;
  lifecycle: CaseLifecycleService;
  queue: QueueService;
  desk: DeskService;
  reader: CaseReader;
  scheduler: SlaScheduler;
  alerts: AlertService;
  calendar: CalendarService;
  consoleSettings: ConsoleSettingsService;
  /** The knowledge base: articles, citations, search and intake suggestions. */
  kb: KnowledgeBaseService;
  /** SLA compliance, trends, weaknesses, the case search and their exports. */
  reports: ReportService;
  /** Planned maintenance, outages and upgrades; outages' linked cases. */
  announcements: AnnouncementService;
  outages: OutageResolver;
  /** The desk's email: the outbox other services queue messages in, and its sending. */
  mail: MailService;
  /** Requests employees send at the Tech Support Center. */
  support: SupportRequests;
  /** The caller's email about their own case (question, daily contact, resolution notice). */
  caseMail: CaseMailer;
  /** Addresses that unsubscribed from announcement emails. */
  mailOptOuts: MailOptOuts;
  /** Signs and checks the one-click unsubscribe links (electron/server/unsubscribe-routes.ts). */
  unsubscribeTokens: UnsubscribeTokens;
  /** Emails the author of planned work still in draft past its notice deadline (the server runs it). */
  draftReminders: DraftReminders;
  /** What employees do with their own requests at the Tech Support Center, its status page and help articles. */
  supportCenter: SupportCenter;
  /** Plans the visit to the caller (their availability comes with the case's own fields). */
  visits: VisitPlanner;
  /** Priority 1 pages to the people on call, escalation to the supervisors, breach emails, parts reminders. */
  escalation: EscalationService;
  /** SLA policy versions (drafts, publication with an effective instant) and the annual review. */
  policy: PolicyService;
  /** Absences, working hours, the on-call roster, skills, presence now and assignment suggestions. */
  availability: AvailabilityService;
  /** The breach forecast for the rest of today and the next business day, with trial moves. */
  forecast: ForecastService;
}

export function createServices(deps: { db: DataSource; clock: Clock; events: EventBus; sla: SlaFacade; version: string; timers?: Timers; mail?: MailOptions; deskPhone?: string }): CoreServices {
  const { db, clock, events, sla } = deps;
  const lists = new ReferenceListService(db, events);
  const reader = new CaseReader(db, lists, sla, clock);
  const lifecycle = new CaseLifecycleService(db, clock, events, sla, reader);
  const queue = new QueueService(db, clock, sla, reader, events);
  const auth = createAuthServices(db, clock);
  const staff = new StaffService(db, clock, events, auth.sessions, auth.passwords);
  const scheduler = new SlaScheduler(db, clock, events, sla, reader, lifecycle, deps.timers);
  const announcements = new AnnouncementService(db, clock, events, sla, lists, new NoticeSetting(db, clock));
  const cases = new CaseService(db, clock, events, sla, reader);
  const mail = new MailService(db, clock, deps.mail);
  const caseMail = new CaseMailer(db, clock, events, sla, reader, mail, lifecycle);
  const optOuts = new MailOptOuts(db, clock);
  const unsubscribeTokens = new UnsubscribeTokens(db, clock);
  const announcementMail = new AnnouncementMailer(clock, sla.timeZone, mail, unsubscribeTokens, optOuts);
  announcements.observe(async (m, row, change) => void (await announcementMail.queue(m, row, change)));
  const escalation = createEscalation({ db, clock, mail, scheduler, timeZone: sla.timeZone });
  const kb = new KnowledgeBaseService(db, clock, events, sla, new KnowledgeSearch(db, events));
  return {
    app: {
      info: () => ({
        name: 'Deskwatch',
        version: deps.version,
        databaseKind: isPostgres(db) ? 'postgres' : 'sqlite',
        now: new Date(clock.now()).toISOString(),
      }),
    },
    staff,
    auth,
    lists,
    callers: new CallerService(db, clock, events, lists, reader),
    cases,
    lifecycle,
    queue,
    desk: new DeskService(clock, sla),
    reader,
    scheduler,
    alerts: new AlertService(scheduler.ledger, queue, clock, events),
    calendar: new CalendarService(db, clock, events, sla, reader),
    consoleSettings: new ConsoleSettingsService(db, clock, staff),
    kb,
    reports: new ReportService(db, clock, sla),
    announcements,
    outages: new OutageResolver(db, clock, announcements, lifecycle, caseMail),
    mail,
    caseMail,
    mailOptOuts: optOuts,
    unsubscribeTokens,
    draftReminders: new DraftReminders(db, clock, sla.timeZone, announcements, mail, deps.timers),
    support: new SupportRequests(cases, sla, clock, mail, deps.deskPhone),
    visits: new VisitPlanner(db, clock, events, sla, reader),
    escalation,
    availability: new AvailabilityService(db, clock, events, sla, reader, lists),
    forecast: new ForecastService(db, clock, events, queue, lifecycle, reader),
    supportCenter: createSupportCenter({ db, clock, sla, lists, lifecycle, announcements, kb, ...(deps.deskPhone !== undefined ? { deskPhone: deps.deskPhone } : {}) }),
    policy: new PolicyService(db, clock, events, sla),
  };
}
