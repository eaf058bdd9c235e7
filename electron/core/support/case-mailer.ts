/**
 * The caller's email about their own case, queued in the transaction of the change it tells
 * about: the desk's question when a case goes to pending user response, the resolution notice,
 * the one notice per caller when an outage resolves their cases, and the daily contact the
 * agreement requires while a case is pending ("we will … make contact each day it is in Pending
 * response and document in the work order that we contacted the user by phone/email"), which a
 * technician sends from the case and which is logged as a contact by email.
 *
 * Callers without an email address get nothing queued (the case changes all the same), except
 * the daily contact, which is refused: the technician must call instead.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { ChannelParsedInput } from '../../../shared/contract';
import { formatCaseNumber, type QueueCase, type StaffMember } from '../../../shared/domain';
import { REOPEN_WINDOW_DAYS } from '../../../shared/lifecycle';
import type { Clock } from '../clock';
import { CallerEntity, CaseContactEntity, CaseEntity, CaseEventEntity } from '../db/entities';
import { readAfterCommit, writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import { DAY_MS } from '../instants';
import { checkAddress } from '../mail/mail-message';
import type { MailService } from '../mail/mail-service';
import type { CaseLifecycleService } from '../services/case-lifecycle';
import type { CaseReader } from '../services/case-reader';
import { deskInstantWords, loadForChange, writeCaseChange } from '../services/case-writer';
import type { SlaFacade } from '../services/sla-facade';
import type { CaseTransition } from '../services/transition-observers';
import { whenWords } from '../sla/zone-words';
import { outageResolvedMail, questionMail, resolutionMail } from './case-mail';

export type EmailCallerInput = ChannelParsedInput<'cases.emailCaller'>;

export class CaseMailer {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sla: SlaFacade,
    private readonly reader: CaseReader,
    private readonly mail: MailService,
    lifecycle: CaseLifecycleService,
  ) {
    lifecycle.observers.add((t) => this.onTransition(t));
  }

  /** The daily contact: the question again (with the technician's words), sent and logged as a contact by email, in one transaction. */
  async emailCaller(input: EmailCallerInput, actor: StaffMember): Promise<QueueCase> {
    const now = this.clock.now();
    const when = deskInstantWords(this.sla, now);
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadForChange(when, m, input.id, input.version);
      const number = formatCaseNumber(current.id);
      if (current.status !== 'pending_user_response') {
        throw new DomainError('invalid_input', `Case ${number} is ${current.status.replace(/_/g, ' ')}: the daily email goes to callers of a case pending user response`, 'id');
      }
      const to = await this.addressOf(m, current.callerId);
      if (!to) throw new DomainError('invalid_input', `The caller of case ${number} has no usable email address: call them instead, and log the call`, 'id');
      const question = await lastQuestion(m, current.id);
      if (!question) throw new DomainError('invalid_input', `Case ${number} has no question on record to ask again`, 'id');
      const words = input.message?.trim() || null;
      const outboxId = await this.mail.enqueue(questionMail({ to, kase: current, question, origin: this.mail.publicOrigin, again: { words } }), m);
      await m.getRepository(CaseContactEntity).insert({ caseId: current.id, actorId: actor.id, at: now, method: 'email', outcome: 'emailed', note: words });
      return writeCaseChange(when, m, current, input.version, {}, {
        kind: 'contact',
        actorId: actor.id,
        at: now,
        detail: { method: 'email', outcome: 'emailed', note: words, outboxId },
      });
    });
    this.events.publish('cases.changed', { caseId: row.id, version: row.version, change: 'updated' });
    return readAfterCommit(() => this.reader.queueCase(row));
  }

  private async onTransition(t: CaseTransition): Promise<void> {
    if (t.input.action === 'pend') {
      const to = await this.addressOf(t.m, t.after.callerId);
      if (to) await this.mail.enqueue(questionMail({ to, kase: t.after, question: t.input.note, origin: this.mail.publicOrigin, again: null }), t.m);
      return;
    }
    if (t.input.action !== 'resolve') return;
    const outage = t.cause?.outage;
    // Resolved with an outage: one notice per caller, carried by the last of their cases.
    if (outage && outage.notify === null) return;
    const to = await this.addressOf(t.m, t.after.callerId);
    if (!to) return;
    const reopenUntil = whenWords(this.clock.now() + REOPEN_WINDOW_DAYS * DAY_MS, this.sla.timeZone);
    const origin = this.mail.publicOrigin;
    if (!outage) {
      await this.mail.enqueue(resolutionMail({ to, kase: t.after, reopenUntil, origin }), t.m);
      return;
    }
    const ids = outage.notify ?? [];
    const others = ids.filter((id) => id !== t.after.id);
    const cases = [...(others.length ? await t.m.getRepository(CaseEntity).findBy({ id: In(others) }) : []), t.after].sort((a, b) => a.id - b.id);
    await this.mail.enqueue(outageResolvedMail({ to, outage, cases, reopenUntil, origin }), t.m);
  }

  /**
   * The outage notice for cases resolved earlier, when the caller's last case could not be
   * resolved with them (someone changed it meanwhile): queued on its own.
   */
  async outageNoticeAfterwards(outage: { id: number; title: string }, caseIds: readonly number[]): Promise<void> {
    if (caseIds.length === 0) return;
    await writeTransaction(this.db, async (m) => {
      const cases = (await m.getRepository(CaseEntity).findBy({ id: In([...caseIds]) })).sort((a, b) => a.id - b.id);
      const to = await this.addressOf(m, cases[0]?.callerId ?? null);
      if (!to) return;
      const reopenUntil = whenWords(this.clock.now() + REOPEN_WINDOW_DAYS * DAY_MS, this.sla.timeZone);
      await this.mail.enqueue(outageResolvedMail({ to, outage, cases, reopenUntil, origin: this.mail.publicOrigin }), m);
    });
  }

  /** The caller's address, or null when there is none that mail can go to (a change to the case never fails for want of one). */
  private async addressOf(m: EntityManager, callerId: number | null): Promise<string | null> {
    if (callerId === null) return null;
    const email = (await m.getRepository(CallerEntity).findOneBy({ id: callerId }))?.email;
    if (!email) return null;
    try {
      return checkAddress(email, 'to');
    } catch {
      return null;
    }
  }
}

/** The desk's latest question on the case: the note of its last move to pending user response. */
async function lastQuestion(m: EntityManager, caseId: number): Promise<string | null> {
  const moves = await m.getRepository(CaseEventEntity).find({ where: { caseId, kind: 'status_changed' }, order: { id: 'DESC' } });
  for (const event of moves) {
    const detail = JSON.parse(event.detail) as { action?: unknown; asked?: unknown };
    if (detail.action === 'pend' && typeof detail.asked === 'string' && detail.asked.trim()) return detail.asked;
  }
  return null;
}

