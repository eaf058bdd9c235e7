import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isLateNotice, noticeDeadline, reminderDue } from '../../electron/core/announcements/advance-notice';
import { checkDraft, checkPublish, isOutsideWindow, type AnnouncementTiming } from '../../electron/core/announcements/announcement-rules';
import { fitsMaintenanceWindow } from '../../electron/core/announcements/maintenance-window';
import { outageMatchesCall } from '../../electron/core/announcements/outage-match';
import { DomainError } from '../../electron/core/errors';
import { SlaDesk } from '../../electron/core/sla-desk';

const ZONE = 'America/Chicago';
const at = (iso: string) => Date.parse(iso);
const local = (t: number) => DateTime.fromMillis(t, { zone: ZONE }).toFormat('ccc yyyy-LL-dd HH:mm');

describe('the maintenance window (Saturdays 8 a.m. to noon, desk time)', () => {
  // Saturday 2026-12-05: Central Standard Time, 08:00 = 14:00Z.
  it('takes work that starts and ends inside it, up to its very edges', () => {
    expect(fitsMaintenanceWindow(at('2026-12-05T14:00:00Z'), 240, ZONE)).toBe(true);
    expect(fitsMaintenanceWindow(at('2026-12-05T16:30:00Z'), 90, ZONE)).toBe(true);
  });
  it('refuses work that starts early, runs past noon, or is on another day', () => {
    expect(fitsMaintenanceWindow(at('2026-12-05T13:59:00Z'), 30, ZONE)).toBe(false);
    expect(fitsMaintenanceWindow(at('2026-12-05T14:00:00Z'), 241, ZONE)).toBe(false);
    expect(fitsMaintenanceWindow(at('2026-12-04T14:00:00Z'), 60, ZONE)).toBe(false);
    expect(fitsMaintenanceWindow(at('2026-12-06T14:00:00Z'), 60, ZONE)).toBe(false);
  });
  it('follows daylight saving time: 13:00Z is 8 a.m. before the change (Oct 31) and 7 a.m. after it (Nov 7)', () => {
    expect(fitsMaintenanceWindow(at('2026-10-31T13:00:00Z'), 60, ZONE)).toBe(true);
    expect(fitsMaintenanceWindow(at('2026-11-07T13:00:00Z'), 60, ZONE)).toBe(false);
    expect(fitsMaintenanceWindow(at('2026-11-07T14:00:00Z'), 240, ZONE)).toBe(true);
    // Spring: 8 a.m. is 14:00Z on March 7 and 13:00Z on March 14, 2026.
    expect(fitsMaintenanceWindow(at('2026-03-07T14:00:00Z'), 240, ZONE)).toBe(true);
    expect(fitsMaintenanceWindow(at('2026-03-14T13:00:00Z'), 240, ZONE)).toBe(true);
    expect(fitsMaintenanceWindow(at('2026-03-14T14:00:00Z'), 240, ZONE)).toBe(false);
  });
});

describe('rules per kind', () => {
  const now = at('2026-11-30T15:00:00Z');
  const planned = (over: Partial<AnnouncementTiming> = {}): AnnouncementTiming => ({
    kind: 'planned_maintenance',
    startAt: at('2026-12-05T14:00:00Z'),
    expectedMinutes: 120,
    outsideWindowReason: null,
    ...over,
  });
  const refusal = (run: () => void) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      return (error as DomainError).field;
    }
    return null;
  };

  it('flags only planned maintenance outside the window', () => {
    expect(isOutsideWindow(planned(), ZONE)).toBe(false);
    expect(isOutsideWindow(planned({ startAt: at('2026-12-02T20:00:00Z') }), ZONE)).toBe(true);
    expect(isOutsideWindow(planned({ kind: 'upgrade', startAt: at('2026-12-02T20:00:00Z') }), ZONE)).toBe(false);
    expect(isOutsideWindow(planned({ kind: 'unplanned_outage', startAt: at('2026-12-02T20:00:00Z') }), ZONE)).toBe(false);
  });
  it('names the field it refuses', () => {
    expect(refusal(() => checkDraft(planned({ expectedMinutes: 0 }), now, ZONE))).toBe('expectedMinutes');
    expect(refusal(() => checkDraft(planned({ expectedMinutes: -5 }), now, ZONE))).toBe('expectedMinutes');
    expect(refusal(() => checkDraft(planned({ startAt: now - 60_000 }), now, ZONE))).toBe('startAt');
    expect(refusal(() => checkDraft(planned({ kind: 'upgrade', startAt: now - 60_000 }), now, ZONE))).toBe('startAt');
    expect(refusal(() => checkPublish(planned({ startAt: at('2026-12-02T20:00:00Z') }), now, ZONE))).toBe('outsideWindowReason');
    expect(refusal(() => checkPublish(planned({ startAt: at('2026-12-02T20:00:00Z'), outsideWindowReason: '   ' }), now, ZONE))).toBe('outsideWindowReason');
  });
  it('lets an outage start in the past, a draft be outside the window, and a reason carry it out of the window', () => {
    expect(refusal(() => checkPublish(planned({ kind: 'unplanned_outage', startAt: now - 3_600_000 }), now, ZONE))).toBeNull();
    expect(refusal(() => checkDraft(planned({ startAt: at('2026-12-02T20:00:00Z') }), now, ZONE))).toBeNull();
    expect(refusal(() => checkPublish(planned({ startAt: at('2026-12-02T20:00:00Z'), outsideWindowReason: 'Vendor only available Wednesday' }), now, ZONE))).toBeNull();
  });
});

describe('advance notice (business days before the start, on the desk calendar)', () => {
  it('three business days before a Saturday start is the opening of Wednesday', () => {
    const deadline = noticeDeadline(at('2026-12-05T14:00:00Z'), 3, new SlaDesk());
    expect(local(deadline)).toBe('Wed 2026-12-02 07:00');
  });
  it('skips the district closure dates', () => {
    const desk = new SlaDesk();
    desk.setClosures([{ date: '2026-12-03', name: 'Snow day' }]);
    expect(local(noticeDeadline(at('2026-12-05T14:00:00Z'), 3, desk))).toBe('Tue 2026-12-01 07:00');
  });
  it('zero days of notice: the start itself', () => {
    expect(noticeDeadline(at('2026-12-05T14:00:00Z'), 0, new SlaDesk())).toBe(at('2026-12-05T14:00:00Z'));
  });
  it('is late after the deadline, and a draft is due a reminder from the deadline until the start', () => {
    const deadline = at('2026-12-02T13:00:00Z');
    const start = at('2026-12-05T14:00:00Z');
    expect(isLateNotice(deadline, deadline)).toBe(false);
    expect(isLateNotice(deadline + 1, deadline)).toBe(true);
    expect(reminderDue(deadline - 1, start, deadline)).toBe(false);
    expect(reminderDue(deadline, start, deadline)).toBe(true);
    expect(reminderDue(start, start, deadline)).toBe(false);
  });
});

describe('matching a call to an open outage', () => {
  const outage = { kind: 'unplanned_outage', state: 'published', buildingIds: [3, 4], categoryId: 7 };
  it('matches the same building and category', () => {
    expect(outageMatchesCall(outage, { buildingId: 3, categoryId: 7 })).toBe(true);
    expect(outageMatchesCall(outage, { buildingId: 5, categoryId: 7 })).toBe(false);
    expect(outageMatchesCall(outage, { buildingId: 3, categoryId: 8 })).toBe(false);
    expect(outageMatchesCall(outage, { buildingId: null, categoryId: 7 })).toBe(false);
  });
  it('a district-wide outage without a category matches any call', () => {
    expect(outageMatchesCall({ ...outage, buildingIds: [], categoryId: null }, { buildingId: null, categoryId: null })).toBe(true);
    expect(outageMatchesCall({ ...outage, buildingIds: [], categoryId: null }, { buildingId: 9, categoryId: 2 })).toBe(true);
  });
  it('never matches a draft, a closed outage or planned work', () => {
    expect(outageMatchesCall({ ...outage, state: 'draft' }, { buildingId: 3, categoryId: 7 })).toBe(false);
    expect(outageMatchesCall({ ...outage, state: 'closed' }, { buildingId: 3, categoryId: 7 })).toBe(false);
    expect(outageMatchesCall({ ...outage, kind: 'planned_maintenance' }, { buildingId: 3, categoryId: 7 })).toBe(false);
  });
});
