import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALERT_KIND_LABELS, type Alert, type AlertKind, type AlertPreferences, type AlertSummary } from '../../../shared/alerts';
import type { ChannelName } from '../../../shared/channel-names';
import { contract, type ChannelInput, type ChannelResult } from '../../../shared/contract';
import { formatCaseNumber } from '../../../shared/domain';
import type { Result } from '../../../shared/result';
import type { AlertPresentation } from '../../../renderer/src/components/alerts/alert-presentation';
import { MAX_TOASTS, SUMMARY_DEBOUNCE_MS, useAlertsStore } from '../../../renderer/src/stores/alerts-store';
import { FakeDeskwatchApi } from './support/fake-deskwatch-api';
import { freshRenderer, settle } from './support/renderer-setup';

const CORE_NOW = '2026-11-30T18:00:30.000Z';
const HOUR = 3600_000;

/** The fake core, plus the alert channels and app.info, answering from what a test puts in. */
class AlertsFakeApi extends FakeDeskwatchApi {
  readonly alerts: Alert[] = [];
  readonly preferences = new Map<number, AlertPreferences>();
  summary: AlertSummary = { atRisk: 1, breached: 0 };

  override async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>> {
    const answer = (value: unknown) => ({ ok: true, value }) as Result<ChannelResult<C>>;
    if (channel === 'app.info') return answer({ name: 'Deskwatch', version: 'test', databaseKind: 'sqlite', now: CORE_NOW });
    if (!channel.startsWith('alerts.')) return super.invoke(channel, input);
    // Who asks is the transport's session, as in the app.
    const actorId = this.sessionStaffId;
    this.calls.push({ channel, input: structuredClone(input), actorId });
    await Promise.resolve();
    const parsed = contract[channel].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: parsed.error.issues[0]?.message ?? 'invalid' } };
    if (actorId === null) return { ok: false, error: { code: 'unauthenticated', message: 'Choose who you are' } };
    switch (channel) {
      case 'alerts.list':
        return answer(
          this.alerts
            .filter((alert) => alert.recipientId === actorId)
            .sort((a, b) => b.id - a.id)
            .slice(0, (input as { limit?: number }).limit ?? 50),
        );
      case 'alerts.summary':
        return answer(this.summary);
      case 'alerts.preferences':
        return answer(this.preferences.get(actorId) ?? { kinds: ['response_warning', 'response_breach'], sound: true, muteUntil: null });
      case 'alerts.savePreferences':
        this.preferences.set(actorId, input as AlertPreferences);
        return answer(input);
      case 'alerts.markSeen':
      case 'alerts.dismiss': {
        // As the core does: only the caller's own alerts, the first instant kept; dismissed is seen too.
        const ids = new Set((input as { ids: number[] }).ids);
        const marked = this.alerts.filter((alert) => alert.recipientId === actorId && ids.has(alert.id));
        for (const alert of marked) {
          alert.seenAt ??= CORE_NOW;
          if (channel === 'alerts.dismiss') alert.dismissedAt ??= CORE_NOW;
        }
        return answer(marked.map((alert) => ({ ...alert })).sort((a, b) => a.id - b.id));
      }
      default:
        return { ok: false, error: { code: 'unknown_channel', message: channel } };
    }
  }
}

let nextId = 1;
function anAlert(fields: Partial<Alert> & { caseId: number; recipientId: number; kind?: AlertKind }): Alert {
  const kind = fields.kind ?? 'response_warning';
  return {
    id: nextId++,
    caseNumber: formatCaseNumber(fields.caseId),
    kind,
    dueAt: '2026-11-30T18:00:00.000Z',
    deliveredAt: '2026-11-30T18:00:00.000Z',
    title: `${formatCaseNumber(fields.caseId)} · ${ALERT_KIND_LABELS[kind]}`,
    body: 'P2 “Printer jams”: response due today 1:00 PM (75% used).',
    missed: false,
    muted: false,
    sound: true,
    seenAt: null,
    dismissedAt: null,
    ...fields,
  };
}

async function atTheConsole() {
  const api = new AlertsFakeApi();
  const world = freshRenderer();
  // freshRenderer installed its own fake; this one answers the alert channels too.
  const { setConsoleApi } = await import('../../../renderer/src/api/console-api');
  setConsoleApi(api);
  const ana = api.addStaff('Ana Lima', 'agent');
  const sue = api.addStaff('Sue Supervisor', 'supervisor');
  const presented: AlertPresentation[][] = [];
  const start = async () => {
    const store = useAlertsStore();
    const stopPresent = store.onPresent((items) => presented.push(items));
    const stopFollow = store.follow();
    // Ana is at this console: the transport's session is hers, and the store follows her.
    await api.session.choose(ana.id);
    await store.setPerson(ana.id);
    await settle();
    return { store, stop: () => (stopPresent(), stopFollow()) };
  };
  return { api, storage: world.storage, reload: world.reload, ana, sue, presented, start };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('useAlertsStore', () => {
  it('reads the person’s recent alerts, preferences and count, each call made as that person', async () => {
    const { api, ana, sue, start } = await atTheConsole();
    api.alerts.push(anAlert({ caseId: 1, recipientId: ana.id }), anAlert({ caseId: 2, recipientId: sue.id }));
    const { store, stop } = await start();
    expect(store.recent.map((alert) => alert.caseId)).toEqual([1]);
    expect(store.summary).toEqual({ atRisk: 1, breached: 0 });
    expect(store.preferences?.sound).toBe(true);
    for (const call of api.calls.filter((c) => c.channel.startsWith('alerts.'))) expect(call.actorId).toBe(ana.id);
    stop();
  });

  it('shows the person’s new alerts from a batch, lists muted ones without showing them, and ignores the rest', async () => {
    const { api, ana, sue, presented, start } = await atTheConsole();
    const { store, stop } = await start();
    const mine = anAlert({ caseId: 3, recipientId: ana.id });
    const muted = anAlert({ caseId: 4, recipientId: ana.id, muted: true });
    api.emit('alerts.raised', { alerts: [mine, muted, anAlert({ caseId: 5, recipientId: sue.id })], digests: [] });
    expect(store.recent.map((alert) => alert.id)).toEqual([muted.id, mine.id]);
    expect(store.toasts.map((item) => item.title)).toEqual(['DW-000003 · Response target at risk']);
    expect(store.toasts[0]).toMatchObject({ tone: 'notice', caseId: 3, sound: true });
    expect(presented).toEqual([store.toasts]);
    stop();
  });

  it('announces breaches and priority 1 as urgent', async () => {
    const { api, ana, start } = await atTheConsole();
    const { store, stop } = await start();
    api.emit('alerts.raised', {
      alerts: [anAlert({ caseId: 6, recipientId: ana.id, kind: 'response_breach' }), anAlert({ caseId: 7, recipientId: ana.id, kind: 'p1_received' })],
      digests: [],
    });
    expect(store.toasts.map((item) => item.tone)).toEqual(['urgent', 'urgent']);
    stop();
  });

  it('shows a digest from the batch once, in place of the alerts that fell due while Deskwatch was closed', async () => {
    const { api, ana, start } = await atTheConsole();
    const { store, stop } = await start();
    const missed = [1, 2, 3].map((caseId) => anAlert({ caseId, recipientId: ana.id, kind: 'response_breach', missed: true }));
    const text = '3 cases breached their response target while Deskwatch was closed';
    api.emit('alerts.raised', { alerts: missed, digests: [{ recipientId: ana.id, kind: 'response_breach', count: 3, caseIds: [1, 2, 3], text }] });
    expect(store.toasts).toEqual([
      expect.objectContaining({ title: '3 cases · Response target breached', body: `${text}: DW-000001, DW-000002 and DW-000003.`, caseId: null, tone: 'urgent' }),
    ]);
    expect(store.recent).toHaveLength(3);
    stop();
  });

  it('catches up on opening: what fell due while closed becomes one digest, shown once across reloads', async () => {
    const { api, ana, presented, reload, start } = await atTheConsole();
    // The core's list leaves out the warnings a breach overtook; only the breaches are there.
    for (const caseId of [1, 2, 3]) api.alerts.push(anAlert({ caseId, recipientId: ana.id, kind: 'response_breach', missed: true }));
    const first = await start();
    expect(first.store.toasts.map((item) => item.body)).toEqual([
      '3 cases breached their response target while Deskwatch was closed: DW-000001, DW-000002 and DW-000003.',
    ]);
    first.stop();

    expect(first.store.recent.map((alert) => alert.kind)).toEqual(['response_breach', 'response_breach', 'response_breach']);

    reload();
    presented.length = 0;
    const again = await start();
    expect(again.store.toasts).toEqual([]);
    expect(again.store.recent).toHaveLength(3);
    expect(presented).toEqual([]);
    again.stop();
  });

  it('on a first visit, does not bring up alerts from long ago', async () => {
    const { api, ana, start } = await atTheConsole();
    api.alerts.push(anAlert({ caseId: 1, recipientId: ana.id, deliveredAt: new Date(Date.parse(CORE_NOW) - 13 * HOUR).toISOString() }));
    api.alerts.push(anAlert({ caseId: 2, recipientId: ana.id, deliveredAt: new Date(Date.parse(CORE_NOW) - 2 * HOUR).toISOString() }));
    const { store, stop } = await start();
    expect(store.toasts.map((item) => item.caseId)).toEqual([2]);
    expect(store.recent).toHaveLength(2);
    stop();
  });

  it('brings up only what the person has not seen on any console, and tells the core what it showed', async () => {
    const { api, ana, start } = await atTheConsole();
    const seen = anAlert({ caseId: 1, recipientId: ana.id, seenAt: '2026-11-30T17:00:00.000Z' });
    const fresh = anAlert({ caseId: 2, recipientId: ana.id });
    const stale = anAlert({ caseId: 3, recipientId: ana.id, deliveredAt: new Date(Date.parse(CORE_NOW) - 13 * HOUR).toISOString() });
    api.alerts.push(seen, fresh, stale);
    const { store, stop } = await start();
    await settle();
    expect(store.toasts.map((item) => item.caseId)).toEqual([2]);
    // The stale one counts as seen too: it is never brought up later.
    const marked = api.callsTo('alerts.markSeen').flatMap((call) => (call.input as { ids: number[] }).ids);
    expect(marked.sort((a, b) => a - b)).toEqual([fresh.id, stale.id]);
    expect(api.alerts.map((alert) => alert.seenAt !== null)).toEqual([true, true, true]);
    stop();
  });

  it('keeps nothing in the browser: a new browser (or a new port) shows nothing the person already saw', async () => {
    const { api, ana, start } = await atTheConsole();
    api.alerts.push(anAlert({ caseId: 1, recipientId: ana.id }), anAlert({ caseId: 2, recipientId: ana.id }));
    const first = await start();
    expect(first.store.toasts).toHaveLength(2);
    first.stop();
    await settle();

    // Another origin: a fresh Pinia and an empty browser storage over the same core.
    freshRenderer();
    const { setConsoleApi } = await import('../../../renderer/src/api/console-api');
    setConsoleApi(api);
    const again = await start();
    expect(again.store.toasts).toEqual([]);
    expect(again.store.recent.map((alert) => alert.seenAt)).toEqual([CORE_NOW, CORE_NOW]);
    again.stop();
  });

  it('dismissing tells the core, and an alert dismissed on another console leaves this one', async () => {
    const { api, ana, start } = await atTheConsole();
    const [one, two, three] = [1, 2, 3].map((caseId) => anAlert({ caseId, recipientId: ana.id }));
    api.alerts.push(one!, two!, three!);
    const { store, stop } = await start();
    store.dismiss(store.toasts.find((item) => item.caseId === 1)!.key);
    await settle();
    expect(api.callsTo('alerts.dismiss').map((call) => call.input)).toEqual([{ ids: [one!.id] }]);
    expect(store.recent.find((alert) => alert.id === one!.id)?.dismissedAt).toBe(CORE_NOW);

    api.emit('alerts.read', { recipientId: ana.id, alerts: [{ ...two!, seenAt: CORE_NOW, dismissedAt: CORE_NOW }] });
    expect(store.toasts.map((item) => item.caseId)).toEqual([3]);
    // Someone else's marks change nothing here.
    api.emit('alerts.read', { recipientId: ana.id + 100, alerts: [{ ...three!, dismissedAt: CORE_NOW }] });
    expect(store.toasts.map((item) => item.caseId)).toEqual([3]);

    store.dismissAll();
    await settle();
    expect(api.callsTo('alerts.dismiss').map((call) => call.input)).toEqual([{ ids: [one!.id] }, { ids: [three!.id] }]);
    expect(api.alerts.map((alert) => alert.dismissedAt !== null)).toEqual([true, false, true]);
    stop();
  });

  it('never shows the same alert twice when the event and the list both bring it', async () => {
    const { api, ana, start } = await atTheConsole();
    const { store, stop } = await start();
    const alert = anAlert({ caseId: 9, recipientId: ana.id });
    api.alerts.push(alert);
    api.emit('alerts.raised', { alerts: [alert], digests: [] });
    await store.load();
    expect(store.toasts).toHaveLength(1);
    stop();
  });

  it('keeps at most a few on screen and counts the rest, which stay in the recent list', async () => {
    const { api, ana, start } = await atTheConsole();
    const { store, stop } = await start();
    api.emit('alerts.raised', { alerts: [1, 2, 3, 4, 5, 6].map((caseId) => anAlert({ caseId, recipientId: ana.id })), digests: [] });
    expect(store.toasts).toHaveLength(MAX_TOASTS);
    expect(store.toasts[0]?.caseId).toBe(6);
    expect(store.overflow).toBe(6 - MAX_TOASTS);
    expect(store.recent).toHaveLength(6);
    store.dismiss(store.toasts[0]!.key);
    expect(store.toasts).toHaveLength(MAX_TOASTS - 1);
    store.dismissAll();
    expect(store.toasts).toEqual([]);
    expect(store.overflow).toBe(0);
    stop();
  });

  it('follows a change of person: the previous person’s alerts leave the screen, and late answers for them are dropped', async () => {
    const { api, ana, sue, start } = await atTheConsole();
    api.alerts.push(anAlert({ caseId: 1, recipientId: ana.id }), anAlert({ caseId: 2, recipientId: sue.id }));
    const { store, stop } = await start();
    expect(store.toasts.map((item) => item.caseId)).toEqual([1]);
    // Sue chooses her profile at this console: the session is hers, and the store follows.
    await api.session.choose(sue.id);
    const switching = store.setPerson(sue.id);
    expect(store.toasts).toEqual([]);
    await switching;
    expect(store.recent.map((alert) => alert.caseId)).toEqual([2]);
    api.emit('alerts.raised', { alerts: [anAlert({ caseId: 3, recipientId: ana.id })], digests: [] });
    expect(store.toasts.map((item) => item.caseId)).toEqual([2]);
    await store.setPerson(null);
    expect(store.recent).toEqual([]);
    stop();
  });

  it('saves preferences as a plain object for the person, and says why when the core refuses', async () => {
    const { api, ana, start } = await atTheConsole();
    const { store, stop } = await start();
    const next: AlertPreferences = { kinds: ['response_breach'], sound: false, muteUntil: '2026-11-30T19:00:30.000Z' };
    expect(await store.savePreferences(next)).toBe(true);
    expect(api.preferences.get(ana.id)).toEqual(next);
    expect(store.preferences).toEqual(next);
    expect(await store.savePreferences({ ...next, kinds: ['nonsense' as AlertKind] })).toBe(false);
    expect(store.saveError?.code).toBe('invalid_input');
    stop();
  });

  it('reads the count again once per burst of case changes', async () => {
    vi.useFakeTimers();
    const { api, start } = await atTheConsole();
    const { store, stop } = await start();
    const before = api.callsTo('alerts.summary').length;
    api.summary = { atRisk: 0, breached: 2 };
    for (let i = 0; i < 5; i += 1) api.emit('cases.changed', { caseId: i + 1, version: 2, change: 'updated' });
    await vi.advanceTimersByTimeAsync(SUMMARY_DEBOUNCE_MS);
    expect(api.callsTo('alerts.summary').length - before).toBe(1);
    expect(store.summary).toEqual({ atRisk: 0, breached: 2 });
    stop();
  });

  it('catches up from the list after the event stream was down', async () => {
    const { api, ana, start } = await atTheConsole();
    const { store, stop } = await start();
    api.setStreamState('connecting');
    api.alerts.push(anAlert({ caseId: 8, recipientId: ana.id, deliveredAt: CORE_NOW }));
    api.setStreamState('open');
    await settle();
    expect(store.toasts.map((item) => item.caseId)).toEqual([8]);
    stop();
  });
});
