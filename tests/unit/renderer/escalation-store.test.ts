/**
 * The case's "Pages sent" stays current while the case is on screen: the scheduler pages without
 * changing the case, and an alert raised about this case (each page is one) reads the pages again.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts';
import type { CasePage } from '../../../shared/escalation';
import { useEscalationStore } from '../../../renderer/src/stores/escalation-store';
import { atTheWorkConsole, settle } from './support/work-setup';

const page = (caseId: number, id: number, staffName: string): CasePage => ({
  id,
  caseId,
  kind: id === 1 ? 'p1_page' : 'p1_escalation',
  staffId: id,
  staffName,
  channel: 'console',
  address: null,
  at: '2026-12-02T15:00:00.000Z',
  detail: 'On call.',
});
const alertAbout = (caseId: number): Alert => ({
  id: 9,
  caseId,
  caseNumber: `DW-${String(caseId).padStart(6, '0')}`,
  kind: 'p1_escalation',
  recipientId: 2,
  dueAt: '2026-12-02T15:15:00.000Z',
  deliveredAt: '2026-12-02T15:15:00.000Z',
  title: 'Priority 1 not acknowledged',
  body: '…',
  missed: false,
  muted: false,
  sound: true,
  seenAt: null,
  dismissedAt: null,
});

describe('useEscalationStore.followPages', () => {
  it('reads the case’s pages, again when an alert about it is raised, and stops when told', async () => {
    const { api } = await atTheWorkConsole({ role: 'supervisor' });
    api.pages = [page(7, 1, 'Olive Oncall')];
    const store = useEscalationStore();
    const stop = store.followPages(7);
    await settle();
    expect(store.pages.map((p) => p.staffName)).toEqual(['Olive Oncall']);

    // Another case's alert changes nothing here.
    api.pages = [page(7, 1, 'Olive Oncall'), page(7, 2, 'Sue Supervisor')];
    api.emit('alerts.raised', { alerts: [alertAbout(8)], digests: [] });
    await settle();
    expect(store.pages).toHaveLength(1);

    api.emit('alerts.raised', { alerts: [alertAbout(7)], digests: [] });
    await settle();
    expect(store.pages.map((p) => p.staffName)).toEqual(['Olive Oncall', 'Sue Supervisor']);

    stop();
    expect(api.listenerCount('alerts.raised')).toBe(0);
  });
});
