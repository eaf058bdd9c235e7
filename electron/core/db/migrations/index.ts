import { InitialSchema1764460800000 } from './0001-initial-schema';
import { CallerDirectoryAndIntake1764547200000 } from './0002-caller-directory-and-intake';
import { CaseLifecycle1764633600000 } from './0003-case-lifecycle';
import { SlaScheduler1764720000000 } from './0004-sla-scheduler';
import { CalendarClosures1764806400000 } from './0005-calendar-closures';
import { CallerUniqueKeys1764892800000 } from './0006-caller-unique-keys';
import { AlertReadState1764979200000 } from './0007-alert-read-state';
import { StaffSignIn1765065600000 } from './0008-staff-sign-in';
import { KnowledgeBase1765152000000 } from './0009-knowledge-base';
import { KnowledgeSearch1765238400000 } from './0010-knowledge-search';
import { CaseReportFacts1765324800000 } from './0011-case-report-facts';
import { CaseSearch1765411200000 } from './0012-case-search';
import { MailOutbox1765497600000 } from './0013-mail-outbox';
import { Announcements1765584000000 } from './0014-announcements';
import { TechSupportCenter1765670400000 } from './0015-tech-support-center';
import { AnnouncementReminders1765756800000 } from './0016-announcement-reminders';
import { SlaPolicyVersions1765800000000 } from './0017-sla-policy-versions';
import { StaffAvailability1765843200000 } from './0018-staff-availability';
import { CallerAvailability1766016000000 } from './0019-caller-availability';
import { CasePages1766102400000 } from './0020-case-pages';

/** Every migration, in order. Listed explicitly (not globbed) so bundlers keep them and their names. */
export const MIGRATIONS = [InitialSchema1764460800000, CallerDirectoryAndIntake1764547200000, CaseLifecycle1764633600000, SlaScheduler1764720000000, CalendarClosures1764806400000, CallerUniqueKeys1764892800000, AlertReadState1764979200000, StaffSignIn1765065600000, KnowledgeBase1765152000000, KnowledgeSearch1765238400000, CaseReportFacts1765324800000, CaseSearch1765411200000, MailOutbox1765497600000, Announcements1765584000000, TechSupportCenter1765670400000, AnnouncementReminders1765756800000, SlaPolicyVersions1765800000000, StaffAvailability1765843200000, CallerAvailability1766016000000, CasePages1766102400000];
