import type { ChannelName } from '../../../shared/channel-names';
import type { ChannelParsedInput, ChannelResult } from '../../../shared/contract';
import type { StaffMember } from '../../../shared/domain';
import type { CoreServices } from '../services';
import { fileSolvedCall } from '../kb/solved-at-first-contact';

export interface HandlerContext {
  /** The staff member making the call; null only on public channels called without one. */
  actor: StaffMember | null;
}

export type Handler<C extends ChannelName> = (input: ChannelParsedInput<C>, ctx: HandlerContext) => Promise<ChannelResult<C>>;
export type HandlerTable = { [C in ChannelName]: Handler<C> };

function requireActor(ctx: HandlerContext): StaffMember {
  // dispatch() resolves the actor for every non-public channel; reaching here without one is a bug.
  if (!ctx.actor) throw new Error('handler for a staff-only channel ran without an actor');
  return ctx.actor;
}

/** One handler per contract channel: each calls exactly one service. */
export function createHandlerTable(s: CoreServices): HandlerTable {
  return {
    'app.info': async () => s.app.info(),
    'console.lastStaff': async () => s.consoleSettings.lastStaff(),
    'console.rememberStaff': async (input) => s.consoleSettings.rememberStaff(input.staffId),
    'staff.list': async () => s.staff.list(),
    'staff.create': async (input, ctx) => s.staff.create(input, ctx.actor?.id ?? null),
    'staff.update': async (input, ctx) => s.staff.update(requireActor(ctx).id, input),
    'staff.setPassword': async (input, ctx) => s.staff.setPassword(requireActor(ctx).id, input.id, input.password),
    'staff.audit': async (input) => s.staff.audit(input.staffId),
    'desk.status': async () => s.desk.status(),
    'directory.lists': async () => s.lists.lists(),
    'directory.saveItem': async (input) => s.lists.save(input),
    'callers.search': async (input) => s.callers.search(input.query, input.limit),
    'callers.create': async (input) => s.callers.create(input),
    'callers.update': async ({ id, ...fields }) => s.callers.update(id, fields),
    'callers.card': async (input) => s.callers.card(input.id),
    'callers.import': async (input) => s.callers.import(input.csv, input),
    'cases.preview': async (input) => s.desk.preview(input),
    'cases.related': async (input) => s.cases.related(input),
    'cases.create': async (input, ctx) => fileSolvedCall(s, input, requireActor(ctx)),
    'cases.list': async (input) => s.cases.list(input),
    'cases.get': async (input, ctx) => s.cases.get(input.id, requireActor(ctx)),
    'cases.update': async (input, ctx) => s.lifecycle.update(input, requireActor(ctx)),
    'cases.transition': async (input, ctx) => s.lifecycle.transition(input, requireActor(ctx)),
    'cases.logContact': async (input, ctx) => s.lifecycle.logContact(input, requireActor(ctx)),
    'cases.emailCaller': async (input, ctx) => s.caseMail.emailCaller(input, requireActor(ctx)),
    'cases.attachment': async (input, ctx) => {
      const file = await s.supportCenter.attachment(input.id, { staffId: requireActor(ctx).id });
      return { fileName: file.fileName, contentType: file.contentType, dataBase64: file.bytes.toString('base64') };
    },
    'cases.addNote': async (input, ctx) => s.lifecycle.addNote(input.id, input.note, requireActor(ctx), { public: input.public ?? false }),
    'cases.setPhaseDone': async (input, ctx) => s.lifecycle.setPhaseDone(input, requireActor(ctx)),
    'cases.changePriority': async (input, ctx) => s.lifecycle.changePriority(input, requireActor(ctx)),
    'cases.assign': async (input, ctx) => s.lifecycle.assign(input, requireActor(ctx)),
    'cases.scheduleVisit': async (input, ctx) => s.visits.schedule(input, requireActor(ctx)),
    'queue.list': async () => s.queue.openCases(),
    'queue.rows': async (input) => s.queue.rows(input.limit),
    'queue.changes': async (input) => s.queue.changes(input.since),
    'queue.workload': async () => s.queue.workload(),
    'views.list': async (_input, ctx) => s.queue.views(requireActor(ctx)),
    'views.save': async (input, ctx) => s.queue.saveView(requireActor(ctx), input.name, input.filter),
    'views.delete': async (input, ctx) => s.queue.deleteView(requireActor(ctx), input.id),
    'alerts.list': async (input, ctx) => s.alerts.recent(requireActor(ctx), input.limit),
    'alerts.markSeen': async (input, ctx) => s.alerts.markSeen(requireActor(ctx), input.ids),
    'alerts.dismiss': async (input, ctx) => s.alerts.dismiss(requireActor(ctx), input.ids),
    'alerts.summary': async (_input, ctx) => s.alerts.summary(requireActor(ctx)),
    'alerts.preferences': async (_input, ctx) => s.alerts.preferences(requireActor(ctx)),
    'alerts.savePreferences': async (input, ctx) => s.alerts.savePreferences(requireActor(ctx), input),
    'calendar.closures': async () => s.calendar.list(),
    'calendar.addClosure': async (input) => s.calendar.add(input.date, input.name),
    'calendar.removeClosure': async (input) => s.calendar.remove(input.date),
    'calendar.importIcs': async (input) => s.calendar.importIcs(input),
    'kb.search': async (input, ctx) => s.kb.find(input, ctx.actor),
    'kb.suggest': async (input) => s.kb.suggest(input),
    'kb.get': async (input, ctx) => s.kb.get(input.id, ctx.actor),
    'kb.worklists': async (_input, ctx) => s.kb.worklists(ctx.actor),
    'kb.create': async (input, ctx) => s.kb.create(input, requireActor(ctx)),
    'kb.update': async (input, ctx) => s.kb.update(input, requireActor(ctx)),
    'kb.publish': async (input, ctx) => s.kb.publish(input, requireActor(ctx)),
    'kb.retire': async (input, ctx) => s.kb.retire(input, requireActor(ctx)),
    'kb.review': async (input, ctx) => s.kb.review(input, requireActor(ctx)),
    'kb.deleteDraft': async (input) => s.kb.deleteDraft(input),
    'kb.versions': async (input, ctx) => s.kb.versions(input.id, ctx.actor),
    'kb.version': async (input, ctx) => s.kb.version(input.id, input.number, ctx.actor),
    'kb.restore': async (input, ctx) => s.kb.restore(input, requireActor(ctx)),
    'kb.attach': async (input, ctx) => s.kb.attach(input, requireActor(ctx)),
    'kb.attachment': async (input, ctx) => s.kb.attachment(input.id, ctx.actor),
    'kb.detach': async (input) => s.kb.detach(input.id),
    'cases.cite': async (input, ctx) => s.kb.cite(input.id, input.articleId, requireActor(ctx)),
    'cases.search': async (input) => s.reports.searchCases(input),
    'reports.sla': async (input, ctx) => s.reports.compliance(input, requireActor(ctx)),
    'reports.trends': async (input, ctx) => s.reports.trends(input, requireActor(ctx)),
    'reports.weaknesses': async (input) => s.reports.weaknesses(input),
    'reports.export': async (input, ctx) => s.reports.export(input, requireActor(ctx)),
    'announcements.list': async (input, ctx) => s.announcements.list(input, ctx.actor),
    'announcements.get': async (input, ctx) => s.announcements.get(input.id, ctx.actor),
    'announcements.save': async (input, ctx) => s.announcements.save(input, requireActor(ctx)),
    'announcements.publish': async (input, ctx) => s.announcements.publish(input, requireActor(ctx)),
    'announcements.addUpdate': async (input, ctx) => s.announcements.addUpdate(input, requireActor(ctx)),
    'announcements.close': async (input) => s.announcements.close(input),
    'announcements.matchingOutages': async (input) => s.announcements.matchingOutages(input),
    'announcements.linkCase': async (input, ctx) => s.announcements.linkCase(input, requireActor(ctx)),
    'announcements.unlinkCase': async (input) => s.announcements.unlinkCase(input),
    'announcements.resolveOutage': async (input, ctx) => s.outages.resolve(input, requireActor(ctx)),
    'announcements.reminders': async () => s.announcements.dueReminders(),
    'announcements.settings': async () => s.announcements.settings(),
    'announcements.saveSettings': async (input) => s.announcements.saveSettings(input),
    'escalation.settings': async () => s.escalation.settings(),
    'escalation.saveSettings': async (input) => s.escalation.saveSettings(input),
    'escalation.pages': async (input) => s.escalation.pagesOf(input.caseId),
    'mail.outbox': async (input) => s.mail.page(input),
    'mail.retry': async (input) => s.mail.retry(input.id),
    'policy.list': async () => s.policy.list(),
    'policy.get': async (input) => s.policy.get(input.version),
    'policy.saveDraft': async (input, ctx) => s.policy.saveDraft(input, requireActor(ctx)),
    'policy.deleteDraft': async (input) => s.policy.deleteDraft(input.version),
    'policy.publish': async (input, ctx) => s.policy.publish(input, requireActor(ctx)),
    'policy.markReviewed': async (input, ctx) => s.policy.markReviewed(input, requireActor(ctx)),
    'availability.now': async () => s.availability.now(),
    'availability.absences': async (input) => s.availability.absences(input),
    'availability.saveAbsence': async (input, ctx) => s.availability.saveAbsence(input, requireActor(ctx)),
    'availability.deleteAbsence': async (input, ctx) => s.availability.deleteAbsence(input.id, requireActor(ctx)),
    'availability.roster': async (input) => s.availability.roster(input),
    'availability.saveShift': async (input, ctx) => s.availability.saveShift(input, requireActor(ctx)),
    'availability.deleteShift': async (input) => s.availability.deleteShift(input.id),
    'availability.handover': async (input, ctx) => s.availability.handover(input, requireActor(ctx)),
    'availability.setHours': async (input, ctx) => s.availability.setHours(input, requireActor(ctx)),
    'availability.setSkills': async (input, ctx) => s.availability.setSkills(input, requireActor(ctx)),
    'availability.skills': async () => s.availability.profiles(),
    'availability.suggest': async (input) => s.availability.suggest(input.caseId),
    'cases.setDifficulty': async (input, ctx) => s.availability.setDifficulty(input, requireActor(ctx)),
    'forecast.board': async (input) => s.forecast.board(input),
    'forecast.commit': async (input, ctx) => s.forecast.commit(input, requireActor(ctx)),
  };
}
