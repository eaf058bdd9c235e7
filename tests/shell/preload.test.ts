import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskwatchApi } from '../../shared/api';
import { CHANNEL_NAMES, EVENT_NAMES, IPC_EVENT_CHANNEL, ipcChannelFor, type ChannelName } from '../../shared/channel-names';
import { CONNECTION_CHANNELS, SESSION_CHANNELS } from '../../electron/preload/shell-channels';

/** What the page would get: every exposeInMainWorld call, and a fake ipcRenderer. */
const bridge = vi.hoisted(() => {
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const state = {
    exposed: [] as Array<{ key: string; api: unknown }>,
    listeners: new Map<string, Listener[]>(),
    invoke: (async () => undefined) as (...args: unknown[]) => Promise<unknown>,
  };
  return state;
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.push({ key, api }),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => bridge.invoke(...args),
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      bridge.listeners.set(channel, [...(bridge.listeners.get(channel) ?? []), listener]);
    },
  },
}));

/** Electron sets process.contextIsolated in a preload; plain Node has no such property. */
const processWithIsolation = process as unknown as { contextIsolated?: boolean };

async function loadPreload(contextIsolated = true): Promise<DeskwatchApi> {
  processWithIsolation.contextIsolated = contextIsolated;
  await import('../../electron/preload/index');
  return bridge.exposed[0]?.api as DeskwatchApi;
}

/** Main sending an event to this window. */
function emitFromMain(envelope: unknown) {
  const fakeIpcEvent = { sender: 'the ipcRenderer object, which must not reach the page' };
  for (const listener of bridge.listeners.get(IPC_EVENT_CHANNEL) ?? []) listener(fakeIpcEvent, envelope);
}

beforeEach(() => {
  vi.resetModules();
  bridge.exposed.length = 0;
  bridge.listeners.clear();
  bridge.invoke = vi.fn(async () => ({ ok: true, value: 'from main' }));
});
afterEach(() => {
  delete processWithIsolation.contextIsolated;
});

describe('the preload', () => {
  it('exposes exactly one object, window.deskwatch, with exactly invoke, on, session, connection and printToPdf', async () => {
    const api = await loadPreload();
    expect(bridge.exposed.map((entry) => entry.key)).toEqual(['deskwatch']);
    expect(Object.keys(api).sort()).toEqual(['connection', 'invoke', 'on', 'printToPdf', 'session']);
    expect(Object.keys(api.session).sort()).toEqual(['choose', 'current', 'signInWithPassword', 'signInWithSso', 'signOut']);
    expect(Object.keys(api.connection ?? {}).sort()).toEqual(['get', 'setServer']);
    // One IPC listener, on the event channel; nothing else is subscribed.
    expect([...bridge.listeners.keys()]).toEqual([IPC_EVENT_CHANNEL]);
  });

  it('exposes nothing when context isolation is off', async () => {
    await expect(loadPreload(false)).rejects.toThrow(/context isolation/);
    expect(bridge.exposed).toEqual([]);
  });

  it.each(CHANNEL_NAMES)('invoke(%s) goes to main on that channel, with its input only', async (name) => {
    const api = await loadPreload();
    const result = await api.invoke(name, { any: 'input' } as never);
    expect(bridge.invoke).toHaveBeenCalledWith(ipcChannelFor(name), { any: 'input' });
    expect(result).toEqual({ ok: true, value: 'from main' });
  });

  it('invoke() does not carry an actor the page names: who calls is main’s session', async () => {
    const api = await loadPreload();
    const invoke = api.invoke as unknown as (channel: string, input: unknown, meta: unknown) => Promise<unknown>;
    await invoke('staff.update', { id: 3, role: 'supervisor' }, { actorId: 1 });
    expect(bridge.invoke).toHaveBeenCalledWith(ipcChannelFor('staff.update'), { id: 3, role: 'supervisor' });
    expect((bridge.invoke as ReturnType<typeof vi.fn>).mock.calls[0]).toHaveLength(2);
  });

  it.each(['shell.openExternal', 'deskwatch:app.info', '__proto__', 'constructor', '', 42, null])(
    'invoke(%s) answers unknown_channel and sends nothing',
    async (channel) => {
      const api = await loadPreload();
      const result = await api.invoke(channel as ChannelName, {} as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
      expect(bridge.invoke).not.toHaveBeenCalled();
    },
  );

  it('turns a failed delivery into an internal error result, never a rejection', async () => {
    bridge.invoke = vi.fn(async () => {
      throw new Error('An object could not be cloned.');
    });
    const api = await loadPreload();
    await expect(api.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('could not be cloned') } });
  });

  it('on() delivers the payload only (never the IPC event) to listeners of that event', async () => {
    const api = await loadPreload();
    const cases = vi.fn();
    const staff = vi.fn();
    api.on('cases.changed', cases);
    api.on('staff.changed', staff);
    emitFromMain({ name: 'cases.changed', payload: { caseId: 1, version: 2, change: 'created' } });
    expect(cases).toHaveBeenCalledTimes(1);
    expect(cases.mock.calls[0]).toEqual([{ caseId: 1, version: 2, change: 'created' }]);
    expect(staff).not.toHaveBeenCalled();
  });

  it('on() returns an unsubscribe function; the same listener subscribed twice unsubscribes separately', async () => {
    const api = await loadPreload();
    const listener = vi.fn();
    const first = api.on('staff.changed', listener);
    const second = api.on('staff.changed', listener);
    emitFromMain({ name: 'staff.changed', payload: { staffId: 1 } });
    first();
    emitFromMain({ name: 'staff.changed', payload: { staffId: 2 } });
    second();
    second();
    emitFromMain({ name: 'staff.changed', payload: { staffId: 3 } });
    expect(listener.mock.calls.map(([payload]) => payload)).toEqual([{ staffId: 1 }, { staffId: 1 }, { staffId: 2 }]);
  });

  it.each(EVENT_NAMES)('on(%s) is allowed', async (name) => {
    const api = await loadPreload();
    expect(typeof api.on(name, () => undefined)).toBe('function');
  });

  it('on() refuses events outside the contract and non-function listeners', async () => {
    const api = await loadPreload();
    expect(() => api.on('ipc.raw' as never, () => undefined)).toThrow(/Unknown event/);
    expect(() => api.on('cases.changed', 'not a function' as never)).toThrow(/function/);
  });

  it('ignores malformed or unknown envelopes, and one throwing listener does not starve the others', async () => {
    const api = await loadPreload();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    api.on('cases.changed', () => {
      throw new Error('page bug');
    });
    api.on('cases.changed', good);
    emitFromMain(null);
    emitFromMain('cases.changed');
    emitFromMain({ name: 'not.an.event', payload: {} });
    emitFromMain({ name: 'cases.changed', payload: { caseId: 9, version: 1, change: 'updated' } });
    expect(good).toHaveBeenCalledTimes(1);
    quiet.mockRestore();
  });
});

describe('window.deskwatch.session', () => {
  const state = { mode: 'server', staff: { id: 3, name: 'Ana', role: 'agent', active: true }, signIn: { sso: { label: 'District' }, password: true }, expiresAt: null, idleTimeoutMinutes: 30 };

  it('sends each call to main on its own channel, with its arguments', async () => {
    const api = await loadPreload();
    await api.session.current();
    await api.session.choose(7);
    await api.session.signInWithPassword('ana@district.example', 'correct horse');
    await api.session.signInWithSso();
    await api.session.signOut();
    expect((bridge.invoke as ReturnType<typeof vi.fn>).mock.calls).toEqual([
      [SESSION_CHANNELS.current],
      [SESSION_CHANNELS.choose, 7],
      [SESSION_CHANNELS.signInWithPassword, 'ana@district.example', 'correct horse'],
      [SESSION_CHANNELS.signInWithSso],
      [SESSION_CHANNELS.signOut],
    ]);
  });

  it('never hands the page a session token, even if one slipped into main’s answer', async () => {
    bridge.invoke = vi.fn(async () => ({ ok: true, value: { ...state, token: 'bearer-secret' } }));
    const api = await loadPreload();
    for (const answer of [await api.session.current(), await api.session.signInWithPassword('ana@district.example', 'pw'), await api.session.signInWithSso()]) {
      expect(answer).toEqual({ ok: true, value: state });
      expect(JSON.stringify(answer)).not.toContain('bearer-secret');
    }
  });

  it('answers a failed delivery as a Result, never a rejection', async () => {
    bridge.invoke = vi.fn(async () => {
      throw new Error('An object could not be cloned.');
    });
    const api = await loadPreload();
    await expect(api.session.choose(1)).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    await expect(api.connection!.get()).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('window.deskwatch.connection', () => {
  it('asks main for the setting and hands it a new server (or null for this computer)', async () => {
    bridge.invoke = vi.fn(async () => ({ ok: true, value: { mode: 'server', serverUrl: 'https://desk.district.example', managed: false } }));
    const api = await loadPreload();
    await expect(api.connection!.get()).resolves.toEqual({ ok: true, value: { mode: 'server', serverUrl: 'https://desk.district.example', managed: false } });
    await api.connection!.setServer('https://desk.district.example');
    await api.connection!.setServer(null);
    expect((bridge.invoke as ReturnType<typeof vi.fn>).mock.calls).toEqual([
      [CONNECTION_CHANNELS.get],
      [CONNECTION_CHANNELS.setServer, 'https://desk.district.example'],
      [CONNECTION_CHANNELS.setServer, null],
    ]);
  });
});
