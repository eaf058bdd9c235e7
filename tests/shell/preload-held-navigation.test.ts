/**
 * A screen request main sends before the page listens (a softphone's call arriving while the
 * console is still connecting) is held by the preload and given to the first listener; the
 * newest wins, and other events are never held.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDeskwatchApi } from '../../electron/preload/deskwatch-api';
import { IPC_EVENT_CHANNEL } from '../../shared/channel-names';

vi.mock('electron', () => ({}));

function apiWithEvents() {
  let deliver: ((event: unknown, envelope: unknown) => void) | null = null;
  const ipc = {
    invoke: vi.fn(),
    on: vi.fn((channel: string, fn: (event: unknown, envelope: unknown) => void) => {
      if (channel === IPC_EVENT_CHANNEL) deliver = fn;
    }),
  };
  const api = createDeskwatchApi(ipc as never);
  const send = (name: string, payload: unknown) => deliver!({}, { name, payload });
  return { api, send };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('screen requests that arrive before the page listens', () => {
  it('hands the newest held one to the first listener, once', async () => {
    const { api, send } = apiWithEvents();
    send('shell.navigate', { to: 'intake', phone: '+1 573 555 0100' });
    send('shell.navigate', { to: 'intake', phone: '+1 573 555 0123' });
    const first = vi.fn();
    const second = vi.fn();
    api.on('shell.navigate', first);
    api.on('shell.navigate', second);
    await settle();
    expect(first).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledWith({ to: 'intake', phone: '+1 573 555 0123' });
    expect(second).not.toHaveBeenCalled();
  });

  it('delivers straight away once someone listens, and holds nothing else', async () => {
    const { api, send } = apiWithEvents();
    send('cases.changed', { caseId: 1 });
    const changed = vi.fn();
    api.on('cases.changed', changed);
    const navigate = vi.fn();
    api.on('shell.navigate', navigate);
    send('shell.navigate', { to: 'intake', phone: '5735550123' });
    await settle();
    expect(changed).not.toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('does not hand a held request to a listener that left before it could run', async () => {
    const { api, send } = apiWithEvents();
    send('shell.navigate', { to: 'intake', phone: '5735550123' });
    const gone = vi.fn();
    api.on('shell.navigate', gone)();
    await settle();
    expect(gone).not.toHaveBeenCalled();
  });
});
