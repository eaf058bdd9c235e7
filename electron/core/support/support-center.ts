/**
 * The Tech Support Center's services, each one job, made once for the core: what the handler
 * table (support-handlers.ts) calls as the signed-in employee.
 */
import type { DataSource } from 'typeorm';
import type { AnnouncementService } from '../announcements/announcement-service';
import type { Clock } from '../clock';
import type { ReferenceListService } from '../directory/reference-lists';
import type { KnowledgeBaseService } from '../kb/knowledge-service';
import type { CaseLifecycleService } from '../services/case-lifecycle';
import type { SlaFacade } from '../services/sla-facade';
import { readCaseAttachment, type AttachmentDownload, type AttachmentReader } from './case-attachments';
import { EmployeeActions } from './employee-actions';
import { HelpArticles } from './help-articles';
import { MyRequests } from './my-requests';
import { RequestRatings } from './request-rating';
import { RequestViews } from './request-view';
import { StatusPageReader } from './status-page';
import { DEFAULT_DESK_PHONE } from './support-requests';
import { SupportStartReader } from './support-start';

export interface SupportCenter {
  start: SupportStartReader;
  requests: MyRequests;
  actions: EmployeeActions;
  ratings: RequestRatings;
  status: StatusPageReader;
  help: HelpArticles;
  /** One attached file for a download: the employee's own request's, or any for a staff member. */
  attachment(id: number, reader: AttachmentReader): Promise<AttachmentDownload>;
}

export function createSupportCenter(deps: {
  db: DataSource;
  clock: Clock;
  sla: SlaFacade;
  lists: ReferenceListService;
  lifecycle: CaseLifecycleService;
  announcements: AnnouncementService;
  kb: KnowledgeBaseService;
  deskPhone?: string;
}): SupportCenter {
  const { db, clock } = deps;
  const requests = new MyRequests(db, new RequestViews(db, clock, deps.sla, deps.lists));
  return {
    start: new SupportStartReader(db, deps.deskPhone ?? DEFAULT_DESK_PHONE),
    requests,
    actions: new EmployeeActions(db, clock, deps.lifecycle, requests),
    ratings: new RequestRatings(db, clock, requests),
    status: new StatusPageReader(deps.announcements, clock),
    help: new HelpArticles(deps.kb),
    attachment: (id, reader) => readCaseAttachment(db, id, reader),
  };
}
