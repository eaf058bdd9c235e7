import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, IPC_EVENT_CHANNEL, ipcChannelFor } from '../../shared/channel-names';
import { DEFAULT_REQUEST_LIMIT, requestLimitOf } from '../../shared/contract';
import { ok } from '../../shared/result';
import { EventBus } from '../../electron/core/event-bus';
import { forwardCoreEvents, registerContractChannels } from '../../electron/main/ipc-bridge';
import { resolveRendererLocation } from '../../electron/main/renderer-location';
import { checkSender, type SenderPolicy } from '../../electron/main/sender-check';
import { FakeIpcMain, FakeWebContents } from './fake-electron';

const renderer = resolveRendererLocation({ indexHtmlPath: '/app/out/renderer/index.html', isPackaged: true });
const PAGE = 'file:///app/out/renderer/index.html';

const ours = new FakeWebContents();
const stranger = new FakeWebContents();
const policy: SenderPolicy = { renderer, isOwnWebContents: (contents) => contents.id === ours.id };

const mainFrame = (url = PAGE) => ({ url, parent: null });
const fromOurPage = (url = PAGE) => ({ sender: ours, senderFrame: mainFrame(url) });

describe('the IPC sender check', () => {
  it('trusts the main frame of our window showing our renderer (with any route)', () => {
    expect(checkSender(fromOurPage(), policy)).toEqual({ trusted: true });
    expect(checkSender(fromOurPage(`${PAGE}#/cases/3`), policy)).toEqual({ trusted: true });
  });

  it.each([
    ['a sub-frame of our page', { sender: ours, senderFrame: { url: PAGE, parent: mainFrame() } }, /sub-frame/],
    ['a frame that is gone', { sender: ours, senderFrame: null }, /gone/],
    ['a webContents the app did not create', { sender: stranger, senderFrame: mainFrame() }, /did not create/],
    ['our window after it navigated to a web page', fromOurPage('https://evil.example/'), /not the Deskwatch renderer/],
    ['our window showing another local file', fromOurPage('file:///tmp/download.html'), /not the Deskwatch renderer/],
    ['our window on about:blank', fromOurPage('about:blank'), /not the Deskwatch renderer/],
  ])('refuses %s', (_label, event, reason) => {
    const verdict = checkSender(event, policy);
    expect(verdict.trusted).toBe(false);
    expect(verdict.trusted ? '' : verdict.reason).toMatch(reason);
  });

  it('in development, trusts pages of the dev server origin only', () => {
    const devPolicy: SenderPolicy = {
      renderer: resolveRendererLocation({ devServerUrl: 'http://localhost:5173', indexHtmlPath: '/x/index.html', isPackaged: false }),
      isOwnWebContents: () => true,
    };
    expect(checkSender({ sender: ours, senderFrame: mainFrame('http://localhost:5173/queue') }, devPolicy).trusted).toBe(true);
    expect(checkSender({ sender: ours, senderFrame: mainFrame('http://localhost:8080/') }, devPolicy).trusted).toBe(false);
  });
});

function bridge() {
  const ipcMain = new FakeIpcMain();
  const dispatch = vi.fn(async (channel: unknown, input: unknown, caller?: unknown) => ok({ channel, input, caller }));
  const log = vi.fn();
  const onActor = vi.fn();
  /** Main's session: who sits at the console (the page has no say in it). */
  const session = { actorId: null as number | null };
  const remove = registerContractChannels({
    ipcMain: ipcMain as unknown as IpcMain,
    dispatch,
    senders: policy,
    actor: () => session.actorId,
    log,
    onActor,
  });
  const call = (channel: string, event: unknown, ...args: unknown[]) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  };
  return { ipcMain, dispatch, log, remove, call, onActor, session };
}

describe('who each call is made as', () => {
  it('is main’s session, given to the core as the caller', async () => {
    const { call, dispatch, session } = bridge();
    session.actorId = 4;
    await call(ipcChannelFor('queue.list'), fromOurPage(), {});
    expect(dispatch).toHaveBeenLastCalledWith('queue.list', {}, { actorId: 4 });
    session.actorId = null;
    await call(ipcChannelFor('app.info'), fromOurPage(), {});
    expect(dispatch).toHaveBeenLastCalledWith('app.info', {}, { actorId: null });
  });

  it('never what the page sends: a third argument naming an actor is ignored', async () => {
    const { call, dispatch, session, onActor } = bridge();
    session.actorId = 4;
    await call(ipcChannelFor('staff.update'), fromOurPage(), { id: 4, role: 'supervisor' }, { actorId: 1 });
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(dispatch).toHaveBeenCalledWith('staff.update', { id: 4, role: 'supervisor' }, { actorId: 4 });
    expect(onActor).toHaveBeenCalledWith(ours, 4);
    expect(onActor).not.toHaveBeenCalledWith(ours, 1);

    session.actorId = null;
    await call(ipcChannelFor('alerts.list'), fromOurPage(), {}, { actorId: 1 }, 'more');
    expect(dispatch).toHaveBeenLastCalledWith('alerts.list', {}, { actorId: null });
  });
});

describe('who each window acts as', () => {
  it('is reported from each call the core answered, with the sending window', async () => {
    const { call, onActor, session } = bridge();
    session.actorId = 4;
    await call(ipcChannelFor('queue.list'), fromOurPage(), {});
    expect(onActor).toHaveBeenCalledWith(ours, 4);
  });

  it('is not reported for calls without an actor, refused senders, or answers that failed', async () => {
    const { call, onActor, dispatch, session } = bridge();
    await call(ipcChannelFor('staff.list'), fromOurPage(), {}, { actorId: 4 });
    session.actorId = 4;
    await call(ipcChannelFor('queue.list'), { sender: stranger, senderFrame: mainFrame() }, {});
    dispatch.mockResolvedValueOnce({ ok: false, error: { code: 'forbidden', message: 'inactive profile' } } as never);
    await call(ipcChannelFor('queue.list'), fromOurPage(), {});
    expect(onActor).not.toHaveBeenCalled();
  });
});

describe('contract channels over IPC', () => {
  it('registers one handler per contract channel, and nothing else', () => {
    const { ipcMain } = bridge();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(ipcChannelFor).sort());
  });

  it.each(CHANNEL_NAMES)('forwards %s to the core with its input and main’s actor', async (name) => {
    const { call, dispatch, session } = bridge();
    session.actorId = 4;
    const result = await call(ipcChannelFor(name), fromOurPage(), { some: 'input' });
    expect(dispatch).toHaveBeenCalledWith(name, { some: 'input' }, { actorId: 4 });
    expect(result).toEqual(ok({ channel: name, input: { some: 'input' }, caller: { actorId: 4 } }));
  });

  it('answers a refused sender with forbidden, and the core never sees the message', async () => {
    const { call, dispatch, log } = bridge();
    const result = await call(ipcChannelFor('staff.create'), { sender: stranger, senderFrame: mainFrame() }, { name: 'Mallory' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('refused staff.create'));
  });

  it('treats a sender frame that cannot be read as refused', async () => {
    const { call, dispatch } = bridge();
    const event = {
      sender: ours,
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    await expect(call(ipcChannelFor('app.info'), event, {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('applies the contract’s request limit of each channel before the core sees the call', async () => {
    const { call, dispatch } = bridge();
    const note = await call(ipcChannelFor('cases.addNote'), fromOurPage(), { id: 1, note: 'x'.repeat(DEFAULT_REQUEST_LIMIT.bytes) });
    expect(note).toEqual({ ok: false, error: { code: 'invalid_input', field: 'input', message: DEFAULT_REQUEST_LIMIT.message } });
    // 5 MB is too much for a note but within a caller CSV's 20 MB.
    const csv = 'Name\n'.padEnd(5_000_000, 'a');
    expect(await call(ipcChannelFor('callers.import'), fromOurPage(), { csv })).toMatchObject({ ok: true });
    const ics = 'BEGIN:VCALENDAR\n'.padEnd(requestLimitOf('calendar.importIcs').bytes, 'a');
    expect(await call(ipcChannelFor('calendar.importIcs'), fromOurPage(), { ics })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'ics', message: expect.stringContaining('at most 5 MB') },
    });
    expect(dispatch).toHaveBeenCalledTimes(1);
  });

  it('removes every handler it registered', () => {
    const { ipcMain, remove } = bridge();
    remove();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('core events to windows', () => {
  it('sends each event to every open window as { name, payload } on the event channel', () => {
    const bus = new EventBus();
    const first = new FakeWebContents();
    const second = new FakeWebContents();
    const closed = new FakeWebContents();
    closed.destroyed = true;
    forwardCoreEvents(bus, () => [first, second, closed]);
    bus.publish('cases.changed', { caseId: 12, version: 3, change: 'updated' });
    const expected = [{ channel: IPC_EVENT_CHANNEL, args: [{ name: 'cases.changed', payload: { caseId: 12, version: 3, change: 'updated' } }] }];
    expect(first.sent).toEqual(expected);
    expect(second.sent).toEqual(expected);
    expect(closed.sent).toEqual([]);
  });

  it('looks the windows up at each event, and stops when unsubscribed', () => {
    const bus = new EventBus();
    const windows: FakeWebContents[] = [];
    const stop = forwardCoreEvents(bus, () => windows);
    const late = new FakeWebContents();
    windows.push(late);
    bus.publish('staff.changed', { staffId: 1 });
    stop();
    bus.publish('staff.changed', { staffId: 2 });
    expect(late.sent).toHaveLength(1);
  });
});
