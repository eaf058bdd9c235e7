import { describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../shared/alerts';
import {
  alertPresentation,
  digestsOf,
  presentAlerts,
  shouldBeep,
  unseenAlerts,
  type AlertPresentation,
} from '../../../renderer/src/components/alerts/alert-presentation';
import { isMuted, muteUntilFor, tomorrowMorning } from '../../../renderer/src/components/alerts/mute-presets';
import { routeForShell } from '../../../renderer/src/components/alerts/shell-navigation';
import {
  permissionState,
  runsInDesktopShell,
  showWebNotification,
  wantsWebNotification,
  type NotificationApi,
} from '../../../renderer/src/components/alerts/web-notifications';

const CHICAGO = 'America/Chicago';

function alert(fields: Partial<Alert> & { id: number; caseId: number }): Alert {
  return {
    caseNumber: `DW-${String(fields.caseId).padStart(6, '0')}`,
    kind: 'response_warning',
    recipientId: 1,
    dueAt: '2026-11-30T18:00:00.000Z',
    deliveredAt: '2026-11-30T18:00:00.000Z',
    title: 'title',
    body: 'body',
    missed: false,
    muted: false,
    sound: true,
    seenAt: null,
    dismissedAt: null,
    ...fields,
  };
}

describe('what the console shows of alerts', () => {
  it('groups missed alerts per kind into digests worded like the core’s', () => {
    const missed = [alert({ id: 1, caseId: 1, kind: 'resolution_breach', missed: true }), alert({ id: 2, caseId: 2, kind: 'resolution_breach', missed: true })];
    expect(digestsOf([...missed, alert({ id: 3, caseId: 3 })])).toEqual([
      { recipientId: 1, kind: 'resolution_breach', count: 2, caseIds: [1, 2], text: '2 cases breached their resolution target while Deskwatch was closed' },
    ]);
    const items = presentAlerts(missed, digestsOf(missed));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: '2 cases · Resolution target breached', caseId: null, alertIds: [1, 2] });
  });

  it('a one-case digest opens that case; muted digests and alerts are not shown', () => {
    const one = [alert({ id: 1, caseId: 7, missed: true })];
    expect(presentAlerts(one, digestsOf(one))[0]?.caseId).toBe(7);
    const muted = [alert({ id: 2, caseId: 8, missed: true, muted: true }), alert({ id: 3, caseId: 9, muted: true })];
    expect(presentAlerts(muted, digestsOf(muted))).toEqual([]);
  });

  it('brings up what the person has neither seen nor dismissed on any console, from the last 12 hours', () => {
    const now = Date.parse('2026-11-30T18:00:00Z');
    const at = (hour: string) => `2026-11-30T${hour}:00:00.000Z`;
    const list = [
      alert({ id: 5, caseId: 1, deliveredAt: at('04') }),
      alert({ id: 6, caseId: 2, deliveredAt: at('07') }),
      alert({ id: 7, caseId: 3, deliveredAt: at('08'), seenAt: at('09') }),
      alert({ id: 8, caseId: 4, deliveredAt: at('08'), seenAt: at('09'), dismissedAt: at('09') }),
      alert({ id: 9, caseId: 5, deliveredAt: at('10') }),
    ];
    expect(unseenAlerts(list, now).map((a) => a.id)).toEqual([6, 9]);
  });

  it('beeps only when an item wants sound, and never inside the desktop app (its notifications sound)', () => {
    const loud = alertPresentation(alert({ id: 1, caseId: 1 }));
    const quiet = alertPresentation(alert({ id: 2, caseId: 2, sound: false }));
    expect(shouldBeep([quiet, loud], false)).toBe(true);
    expect(shouldBeep([quiet], false)).toBe(false);
    expect(shouldBeep([loud], true)).toBe(false);
    expect(shouldBeep([], false)).toBe(false);
  });
});

describe('mute presets', () => {
  const noon = Date.parse('2026-11-30T18:00:00Z'); // Monday 12:00 PM in Chicago

  it('an hour from the core’s now, until 7:00 AM tomorrow, off, or as it was', () => {
    expect(muteUntilFor('hour', noon, null)).toBe('2026-11-30T19:00:00.000Z');
    expect(muteUntilFor('morning', noon, null, CHICAGO)).toBe('2026-12-01T13:00:00.000Z');
    expect(muteUntilFor('off', noon, '2026-11-30T19:00:00.000Z')).toBeNull();
    expect(muteUntilFor('keep', noon, '2026-11-30T19:00:00.000Z')).toBe('2026-11-30T19:00:00.000Z');
  });

  it('“tomorrow 7 AM” is the next calendar day’s, across month ends and clock changes', () => {
    expect(new Date(tomorrowMorning(Date.parse('2026-12-31T23:30:00-06:00'), CHICAGO)).toISOString()).toBe('2027-01-01T13:00:00.000Z');
    // Saturday night before DST starts (Sunday March 8, 2026): 7 AM Sunday is CDT (UTC-5).
    expect(new Date(tomorrowMorning(Date.parse('2026-03-07T22:00:00-06:00'), CHICAGO)).toISOString()).toBe('2026-03-08T12:00:00.000Z');
    // Saturday night before DST ends (Sunday November 1, 2026): 7 AM Sunday is CST (UTC-6).
    expect(new Date(tomorrowMorning(Date.parse('2026-10-31T22:00:00-05:00'), CHICAGO)).toISOString()).toBe('2026-11-01T13:00:00.000Z');
  });

  it('a mute counts only while it is ahead', () => {
    expect(isMuted('2026-11-30T19:00:00.000Z', noon)).toBe(true);
    expect(isMuted('2026-11-30T17:00:00.000Z', noon)).toBe(false);
    expect(isMuted(null, noon)).toBe(false);
  });
});

describe('the desktop shell’s navigation requests', () => {
  it('open the case route the console uses, the queue, or the intake screen', () => {
    expect(routeForShell({ to: 'case', caseId: 12 }, true)).toBe('/cases/12');
    expect(routeForShell({ to: 'queue' }, true)).toBe('/queue');
    expect(routeForShell({ to: 'intake' }, true)).toEqual({ name: 'intake' });
    expect(routeForShell({ to: 'intake' }, false)).toBe('/queue');
  });
});

describe('Web Notifications', () => {
  function fakeNotifications(permission: NotificationPermission) {
    const shown: Array<{ title: string; options?: NotificationOptions; onclick: (() => void) | null; closed: boolean }> = [];
    class Fake {
      static permission = permission;
      static requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
      onclick: (() => void) | null = null;
      closed = false;
      constructor(title: string, options?: NotificationOptions) {
        shown.push(Object.assign(this, { title, options }) as never);
      }
      close() {
        this.closed = true;
      }
    }
    return { api: Fake as unknown as NotificationApi, shown, Fake };
  }

  it('are never used inside the desktop app, and only once the person allowed them', () => {
    const { api } = fakeNotifications('granted');
    expect(runsInDesktopShell({ deskwatch: { invoke() {}, on() {} } })).toBe(true);
    expect(runsInDesktopShell({})).toBe(false);
    expect(permissionState(api, true)).toBe('unsupported');
    expect(permissionState(null, false)).toBe('unsupported');
    expect(permissionState(api, false)).toBe('granted');
    expect(wantsWebNotification('granted')).toBe(true);
    expect(wantsWebNotification('default')).toBe(false);
    expect(wantsWebNotification('denied')).toBe(false);
  });

  it('say which case and what is due; a click brings the tab forward and opens the case', () => {
    const { api, shown } = fakeNotifications('granted');
    const item: AlertPresentation = alertPresentation(alert({ id: 4, caseId: 12, title: 'DW-000012 · Response target at risk', body: 'response due today 1:00 PM' }));
    const open = vi.fn();
    const focus = vi.fn();
    showWebNotification(api, item, open, focus);
    expect(shown[0]).toMatchObject({ title: 'DW-000012 · Response target at risk', options: { body: 'response due today 1:00 PM', tag: 'deskwatch-alert:4' } });
    shown[0]!.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith(item);
    expect(shown[0]?.closed).toBe(true);
  });
});
