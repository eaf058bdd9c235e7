/**
 * The names of the contract's channels and events, without their schemas, so the preload
 * (which must stay one small sandboxed bundle) can refuse anything outside the contract.
 * `contract.ts` is checked against these lists at compile time.
 */

export const CHANNEL_NAMES = [
  'app.info',
  'console.lastStaff',
  'console.rememberStaff',
  'staff.list',
  'staff.create',
  'staff.update',
  'staff.setPassword',
  'staff.audit',
  'desk.status',
  'directory.lists',
  'directory.saveItem',
  'callers.search',
  'callers.create',
  'callers.update',
  'callers.card',
  'callers.import',
  'cases.preview',
  'cases.related',
  'cases.create',
  'cases.list',
  'cases.get',
  'cases.update',
  'cases.transition',
  'cases.logContact',
  'cases.emailCaller',
  'cases.attachment',
  'cases.addNote',
  'cases.setPhaseDone',
  'cases.changePriority',
  'cases.assign',
  'queue.list',
  'queue.rows',
  'queue.changes',
  'queue.workload',
  'views.list',
  'views.save',
  'views.delete',
  'alerts.list',
  'alerts.markSeen',
  'alerts.dismiss',
  'alerts.summary',
  'alerts.preferences',
  'alerts.savePreferences',
  'calendar.closures',
  'calendar.addClosure',
  'calendar.removeClosure',
  'calendar.importIcs',
  'kb.search',
  'kb.suggest',
  'kb.get',
  'kb.worklists',
  'kb.create',
  'kb.update',
  'kb.publish',
  'kb.retire',
  'kb.review',
  'kb.deleteDraft',
  'kb.versions',
  'kb.version',
  'kb.restore',
  'kb.attach',
  'kb.attachment',
  'kb.detach',
  'cases.cite',
  'cases.search',
  'reports.sla',
  'reports.trends',
  'reports.weaknesses',
  'reports.export',
  'announcements.list',
  'announcements.get',
  'announcements.save',
  'announcements.publish',
  'announcements.addUpdate',
  'announcements.close',
  'announcements.matchingOutages',
  'announcements.linkCase',
  'announcements.unlinkCase',
  'announcements.resolveOutage',
  'announcements.reminders',
  'announcements.settings',
  'announcements.saveSettings',
  'mail.outbox',
  'mail.retry',
  'cases.scheduleVisit',
  'escalation.settings',
  'escalation.saveSettings',
  'escalation.pages',
  'policy.list',
  'policy.get',
  'policy.saveDraft',
  'policy.deleteDraft',
  'policy.publish',
  'policy.markReviewed',
  'availability.now',
  'availability.absences',
  'availability.saveAbsence',
  'availability.deleteAbsence',
  'availability.roster',
  'availability.saveShift',
  'availability.deleteShift',
  'availability.handover',
  'availability.setHours',
  'availability.setSkills',
  'availability.skills',
  'availability.suggest',
  'cases.setDifficulty',
  'forecast.board',
  'forecast.commit',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = [
  'cases.changed',
  'staff.changed',
  'callers.changed',
  'directory.changed',
  'alerts.raised',
  'alerts.read',
  'calendar.changed',
  'kb.changed',
  'announcements.changed',
  'policy.changed',
  'availability.changed',
  'queue.changed',
  'live.status',
  // Sent by the desktop shell itself, never by the core (a clicked notification, a tray menu item).
  'shell.navigate',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Electron IPC channel that carries one contract channel. */
export function ipcChannelFor(name: ChannelName): string {
  return `deskwatch:${name}`;
}

/** Electron IPC channel that carries every main→renderer event. */
export const IPC_EVENT_CHANNEL = 'deskwatch:event';

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNEL_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
