import { ALERT_READ_EVENT_SIZE, type Alert, type AlertPreferences, type AlertSummary } from '../../../shared/alerts';
import type { StaffMember } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { QueueService } from '../services/queue-service';
import { toAlert, type AlertLedger } from './alert-ledger';

/** A person's alerts: recent ones, their preferences, and the tray's at-risk and breached count. */
export class AlertService {
  constructor(
    private readonly ledger: AlertLedger,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    private readonly events?: EventBus,
  ) {}

  async recent(actor: StaffMember, limit = 50): Promise<Alert[]> {
    const [rows, prefs] = await Promise.all([this.ledger.recent(actor.id, limit), this.preferences(actor)]);
    const now = this.clock.now();
    return rows.map((r) => toAlert(r, prefs, now));
  }

  /** The person was shown these alerts; their other consoles hear of it. */
  markSeen(actor: StaffMember, ids: readonly number[]): Promise<Alert[]> {
    return this.markRead(actor, ids, 'seen');
  }

  /** The person dismissed these alerts (dismissed is seen too). */
  dismiss(actor: StaffMember, ids: readonly number[]): Promise<Alert[]> {
    return this.markRead(actor, ids, 'dismissed');
  }

  private async markRead(actor: StaffMember, ids: readonly number[], state: 'seen' | 'dismissed'): Promise<Alert[]> {
    const now = this.clock.now();
    const rows = await this.ledger.markRead(actor.id, ids, state, now);
    const prefs = await this.preferences(actor);
    const alerts = rows.map((r) => toAlert(r, prefs, now));
    for (let i = 0; i < alerts.length; i += ALERT_READ_EVENT_SIZE) {
      const states = alerts.slice(i, i + ALERT_READ_EVENT_SIZE).map(({ id, seenAt, dismissedAt }) => ({ id, seenAt, dismissedAt }));
      this.events?.publish('alerts.read', { recipientId: actor.id, alerts: states });
    }
    return alerts;
  }

  async preferences(actor: StaffMember): Promise<AlertPreferences> {
    const prefs = (await this.ledger.preferences([actor.id])).get(actor.id);
    if (!prefs) throw new Error(`no preferences for staff ${actor.id}`);
    return prefs;
  }

  async savePreferences(actor: StaffMember, prefs: AlertPreferences): Promise<AlertPreferences> {
    await this.ledger.savePreferences(actor.id, prefs);
    return this.preferences(actor);
  }

  /**
   * The cases that concern a person: a technician's own, a supervisor's whole queue, an agent's
   * unassigned ones (agents field the warnings of unassigned cases).
   */
  async summary(actor: StaffMember): Promise<AlertSummary> {
    const cases = await this.queue.openCases();
    const mine = cases.filter((c) => (actor.role === 'supervisor' ? true : actor.role === 'technician' ? c.assigneeId === actor.id : c.assigneeId === null));
    let atRisk = 0;
    let breached = 0;
    for (const c of mine) {
      const states = [c.sla.response.state, c.sla.resolution.state];
      if (states.includes('breached')) breached += 1;
      else if (states.includes('at_risk')) atRisk += 1;
    }
    return { atRisk, breached };
  }
}
