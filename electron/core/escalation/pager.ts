/**
 * Pages people about a case, inside the scheduler's write transaction (so a page, its record and
 * its email commit together, or not at all):
 *
 * - a priority 1 arrives (or is raised to 1): everyone on call at that instant, by email, by a
 *   text to their email-to-SMS gateway address and in the console; nobody on call, or everyone on
 *   call away: the supervisors, told why;
 * - it is not acknowledged within the desk's escalation time: the supervisors, the same three ways;
 * - a response or resolution target is breached: the supervisors by email (the console alert to
 *   them and the assignee is the scheduler's own);
 * - the vendor's expected parts date passed: the assignee (or the supervisors) by email (the
 *   console alert is the scheduler's own).
 *
 * Each page is recorded in case_page first; the unique key there makes it once (see case-pages.ts).
 * Email and texts go through the outbox, which only the district server sends: a standalone
 * console pages in the console only, and its page records say so.
 */
import type { EntityManager } from 'typeorm';
import type { PageChannel, PageKind } from '../../../shared/escalation';
import type { MailKind } from '../../../shared/mail';
import { onCallAt } from '../availability/on-call-roster';
import { BuildingEntity, CallerEntity, StaffEntity, type AlertDeliveryRow, type CaseRow, type StaffRow } from '../db/entities';
import { checkAddress } from '../mail/mail-message';
import type { MailBlock } from '../mail/mail-body';
import { paragraph } from '../mail/mail-body';
import type { MailService } from '../mail/mail-service';
import type { TimedAlert } from '../scheduler/alert-planner';
import { alertText } from '../scheduler/alert-text';
import { recipientsFor, type StaffOnDuty } from '../scheduler/recipients';
import { dayWords } from '../sla/zone-words';
import { instantOfLocal, localMsOf } from '../sla/zone-time';
import type { CasePages } from './case-pages';
import type { EscalationSetting } from './escalation-setting';
import { breachMail, escalationMail, p1PageMail, pageSms, partsMail, type PagedCase } from './page-mail';
import type { PageState } from './page-instants';

/** An alert the scheduler found due that may page someone. */
export interface DueForPaging {
  row: CaseRow;
  alert: TimedAlert;
  missed: boolean;
}

export type ConsoleAlertRow = Omit<AlertDeliveryRow, 'id'>;

/** The alert kinds that page (the rest are console alerts only). */
const PAGING_KINDS = new Set(['p1_received', 'p1_escalation', 'response_breach', 'resolution_breach', 'parts_overdue']);

export const NO_MAIL_NOTE = 'Console only: email and texts are sent by the district server, and this console has none.';

interface Target {
  person: StaffRow;
  detail: string;
}

export class Pager {
  private mailPages = false;

  constructor(
    private readonly mail: MailService,
    private readonly pages: CasePages,
    private readonly setting: EscalationSetting,
    private readonly zone: string,
  ) {}

  /** Per case: when its priority 1 page went out and whether it was escalated (read once per wake). */
  stateOf(caseIds: readonly number[]): Promise<Map<number, PageState>> {
    return this.pages.stateOf(caseIds);
  }

  /** The desk's escalation time, read at each wake that has a priority 1 to look at (a change counts at once). */
  async escalateAfterMs(): Promise<number> {
    return (await this.setting.minutes()) * 60_000;
  }

  /** Whether pages go by email and text (the district server: yes; a standalone console: no). */
  useMail(on: boolean): void {
    this.mailPages = on;
  }

  get sendsMail(): boolean {
    return this.mailPages;
  }

  static pages(kind: string): boolean {
    return PAGING_KINDS.has(kind);
  }

  /**
   * Pages for the due alerts given; answers the console alerts of the priority 1 page (to the
   * people on call, or the supervisors), which the scheduler records in its ledger with the rest.
   */
  async page(m: EntityManager, due: readonly DueForPaging[], ctx: { staff: readonly StaffOnDuty[]; now: number; escalateAfterMs: number; states: ReadonlyMap<number, PageState> }): Promise<ConsoleAlertRow[]> {
    const work = due.filter(
      (d) =>
        Pager.pages(d.alert.kind) &&
        !(d.alert.kind === 'p1_received' && ctx.states.get(d.row.id)?.p1PagedAt != null) &&
        // A breach is only emailed: nothing to do without mail (the console alert is the scheduler's).
        (this.mailPages || !d.alert.kind.endsWith('_breach')),
    );
    if (work.length === 0) return [];
    const people = await m.getRepository(StaffEntity).find({ where: { active: true } });
    const byId = new Map(people.map((p) => [p.id, p]));
    const alerts: ConsoleAlertRow[] = [];
    for (const item of work) {
      const kase = await this.pagedCase(m, item.row);
      switch (item.alert.kind) {
        case 'p1_received':
          alerts.push(...(await this.p1Page(m, item, kase, people, ctx)));
          break;
        case 'p1_escalation':
          await this.escalate(m, item, kase, ctx, byId);
          break;
        case 'response_breach':
        case 'resolution_breach':
          await this.breach(m, item, kase, people, byId, ctx.now);
          break;
        case 'parts_overdue':
          await this.partsOverdue(m, item, kase, ctx, byId);
          break;
      }
    }
    return alerts;
  }

  private async p1Page(m: EntityManager, item: DueForPaging, kase: PagedCase, people: readonly StaffRow[], ctx: { now: number; escalateAfterMs: number }): Promise<ConsoleAlertRow[]> {
    const onCall = await onCallAt(m, ctx.now);
    const available = onCall.filter((p) => !p.away);
    const away = onCall.filter((p) => p.away).map((p) => p.name);
    const awayNote = away.length ? ` ${away.join(', ')} ${away.length === 1 ? 'is' : 'are'} on call but away.` : '';
    let targets: Target[];
    let reason: string | null = null;
    if (available.length) {
      const byId = new Map(people.map((p) => [p.id, p]));
      targets = available.flatMap((p) => {
        const person = byId.get(p.staffId);
        return person ? [{ person, detail: `On call.${awayNote}` }] : [];
      });
    } else {
      reason = onCall.length === 0 ? 'nobody is on call now, so the supervisors are paged.' : `everyone on call is away (${away.join(', ')}), so the supervisors are paged.`;
      const why = onCall.length === 0 ? 'Nobody is on call now: the supervisors are paged.' : `Everyone on call is away (${away.join(', ')}): the supervisors are paged.`;
      targets = people.filter((p) => p.role === 'supervisor').map((person) => ({ person, detail: why }));
    }
    const escalateAt = ctx.now + ctx.escalateAfterMs;
    const note = this.mailPages ? '' : ` ${NO_MAIL_NOTE}`;
    const alerts: ConsoleAlertRow[] = [];
    const text = alertText({ ...item.alert, kind: 'p1_page' }, item.row, () => '');
    for (const { person, detail } of targets) {
      const page = { caseId: kase.id, kind: 'p1_page' as const, subjectKey: '', staffId: person.id, at: ctx.now, detail: `${detail}${note}` };
      await this.record(m, { ...page, channel: 'console', address: null });
      if (this.mailPages) {
        const words = p1PageMail(kase, { zone: this.zone, origin: this.mail.publicOrigin, reason, escalateAt });
        await this.send(m, { ...page, channel: 'email' }, person.email, 'p1_page', words.subject, words.body, false);
        const sms = pageSms(kase, { zone: this.zone, escalated: false, byAt: escalateAt });
        await this.send(m, { ...page, channel: 'sms' }, person.pagerAddress, 'pager_text', sms.subject, [paragraph(sms.text)], true);
      }
      alerts.push({
        caseId: kase.id,
        kind: 'p1_page',
        recipientId: person.id,
        dueAt: item.alert.at,
        deliveredAt: ctx.now,
        missed: item.missed,
        superseded: false,
        title: text.title,
        body: reason ? `${text.body} You are paged: ${reason}` : text.body,
      });
    }
    return alerts;
  }

  private async escalate(m: EntityManager, item: DueForPaging, kase: PagedCase, ctx: { staff: readonly StaffOnDuty[]; now: number; escalateAfterMs: number; states: ReadonlyMap<number, PageState> }, byId: ReadonlyMap<number, StaffRow>): Promise<void> {
    const pagedAt = ctx.states.get(kase.id)?.p1PagedAt ?? item.alert.at - ctx.escalateAfterMs;
    const minutes = Math.round((item.alert.at - pagedAt) / 60_000);
    const paged = await this.pagedNames(m, kase.id);
    const detail = `Not acknowledged ${minutes} minutes after the priority 1 page.${this.mailPages ? '' : ` ${NO_MAIL_NOTE}`}`;
    for (const id of recipientsFor('p1_escalation', item.row.assigneeId, ctx.staff)) {
      const person = byId.get(id);
      if (!person) continue;
      const page = { caseId: kase.id, kind: 'p1_escalation' as const, subjectKey: '', staffId: id, at: ctx.now, detail };
      await this.record(m, { ...page, channel: 'console', address: null });
      if (!this.mailPages) continue;
      const words = escalationMail(kase, { zone: this.zone, origin: this.mail.publicOrigin, minutes, pagedAt, paged });
      await this.send(m, { ...page, channel: 'email' }, person.email, 'p1_escalation', words.subject, words.body, false);
      const sms = pageSms(kase, { zone: this.zone, escalated: true, byAt: null });
      await this.send(m, { ...page, channel: 'sms' }, person.pagerAddress, 'pager_text', sms.subject, [paragraph(sms.text)], true);
    }
  }

  private async breach(m: EntityManager, item: DueForPaging, kase: PagedCase, people: readonly StaffRow[], byId: ReadonlyMap<number, StaffRow>, now: number): Promise<void> {
    // The console alert reaches them anyway; email is what the standalone console cannot add.
    if (!this.mailPages) return;
    const target = item.alert.kind === 'response_breach' ? 'response' : 'resolution';
    const assignee = item.row.assigneeId === null ? null : (byId.get(item.row.assigneeId)?.name ?? null);
    const words = breachMail({ ...kase, assigneeName: assignee }, { zone: this.zone, origin: this.mail.publicOrigin, target, dueAt: item.alert.dueAt ?? null });
    for (const person of people.filter((p) => p.role === 'supervisor')) {
      const page = { caseId: kase.id, kind: 'breach_mail' as const, subjectKey: target, staffId: person.id, at: now, detail: `The ${target} target was breached.` };
      await this.send(m, { ...page, channel: 'email' }, person.email, 'breach_notice', words.subject, words.body, false);
    }
  }

  private async partsOverdue(m: EntityManager, item: DueForPaging, kase: PagedCase, ctx: { staff: readonly StaffOnDuty[]; now: number }, byId: ReadonlyMap<number, StaffRow>): Promise<void> {
    const date = item.row.partsExpectedDate;
    if (date === null) return;
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    const expectedWords = dayWords(instantOfLocal(this.zone, localMsOf(y, mo, d, 12 * 3600)), this.zone);
    const words = partsMail({ ...kase, vendor: item.row.partsVendor, orderNumber: item.row.partsOrderNumber, expectedDate: date, expectedWords }, { zone: this.zone, origin: this.mail.publicOrigin });
    const detail = `Parts expected ${expectedWords} have not arrived.${this.mailPages ? '' : ` ${NO_MAIL_NOTE}`}`;
    for (const id of recipientsFor('parts_overdue', item.row.assigneeId, ctx.staff)) {
      const person = byId.get(id);
      if (!person) continue;
      const page = { caseId: kase.id, kind: 'parts_overdue' as const, subjectKey: date, staffId: id, at: ctx.now, detail };
      await this.record(m, { ...page, channel: 'console', address: null });
      if (this.mailPages) await this.send(m, { ...page, channel: 'email' }, person.email, 'parts_reminder', words.subject, words.body, false);
    }
  }

  private async record(m: EntityManager, page: { caseId: number; kind: PageKind; subjectKey: string; staffId: number; channel: PageChannel; address: string | null; at: number; detail: string }): Promise<number | null> {
    return this.pages.claim(m, page);
  }

  /** Records the page and queues its message, once; a person without a usable address is not paged this way. */
  private async send(
    m: EntityManager,
    page: { caseId: number; kind: PageKind; subjectKey: string; staffId: number; channel: PageChannel; at: number; detail: string },
    address: string | null,
    kind: MailKind,
    subject: string,
    body: MailBlock[],
    plainText: boolean,
  ): Promise<void> {
    let to: string;
    try {
      to = checkAddress(address, 'to');
    } catch {
      return;
    }
    const pageId = await this.record(m, { ...page, address: to });
    if (pageId === null) return;
    const outboxId = await this.mail.enqueue({ kind, to, subject, body, caseId: page.caseId, plainText }, m);
    await this.pages.linkOutbox(m, pageId, outboxId);
  }

  private async pagedCase(m: EntityManager, row: CaseRow): Promise<PagedCase> {
    const [caller, building] = await Promise.all([
      m.getRepository(CallerEntity).findOne({ where: { id: row.callerId }, select: { id: true, name: true } }),
      row.buildingId === null ? null : m.getRepository(BuildingEntity).findOne({ where: { id: row.buildingId } }),
    ]);
    return {
      id: row.id,
      priority: row.priority,
      summary: row.summary,
      description: row.description,
      callerName: caller?.name ?? 'unknown caller',
      callbackNumber: row.callbackNumber,
      buildingName: building?.name ?? null,
      room: row.room,
      receivedAt: row.receivedAt,
      responseDueAt: row.responseDueAt,
      resolutionDueAt: row.resolutionDueAt,
    };
  }

  private async pagedNames(m: EntityManager, caseId: number): Promise<string[]> {
    const pages = await this.pages.ofCase(caseId, m);
    return [...new Set(pages.filter((p) => p.kind === 'p1_page').map((p) => p.staffName))];
  }
}

