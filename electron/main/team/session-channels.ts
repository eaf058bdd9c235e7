import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { fail, type Result } from '../../../shared/result';
import { CONNECTION_CHANNELS, SESSION_CHANNELS } from '../../preload/shell-channels';
import { refuseUntrustedSender, type SenderPolicy } from '../sender-check';
import type { ConnectionControl } from './connection-control';
import type { ConsoleSession } from './console-session';

export interface SessionChannelOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  senders: SenderPolicy;
  session: ConsoleSession;
  connection: Pick<ConnectionControl, 'get' | 'setServer'>;
  log: (message: string, error?: unknown) => void;
  /** After a single sign-on answered (the person was in the system browser): bring `sender`'s window forward. */
  afterSso?: (sender: Pick<WebContents, 'id'>) => void;
}

type Handler = (...args: unknown[]) => Result<unknown> | Promise<Result<unknown>>;

/**
 * The IPC behind `window.deskwatch.session` and `window.deskwatch.connection`, with the same
 * sender check as the contract's channels (our window's main frame showing our renderer). Every
 * answer is a Result; nothing thrown reaches the page. Returns the function that removes them.
 */
export function registerSessionChannels(options: SessionChannelOptions): () => void {
  const { session, connection } = options;
  const handlers: Record<string, Handler> = {
    [SESSION_CHANNELS.current]: () => session.current(),
    [SESSION_CHANNELS.choose]: (staffId) => session.choose(staffId),
    [SESSION_CHANNELS.signInWithPassword]: (email, password) => session.signInWithPassword(email, password),
    [SESSION_CHANNELS.signInWithSso]: () => session.signInWithSso(),
    [SESSION_CHANNELS.signOut]: () => session.signOut(),
    [CONNECTION_CHANNELS.get]: () => connection.get(),
    [CONNECTION_CHANNELS.setServer]: (url) => connection.setServer(url ?? null),
  };
  for (const [channel, handler] of Object.entries(handlers)) {
    options.ipcMain.handle(channel, (event, ...args: unknown[]) => answer(channel, event, handler, args, options));
  }
  return () => {
    for (const channel of Object.keys(handlers)) options.ipcMain.removeHandler(channel);
  };
}

async function answer(channel: string, event: IpcMainInvokeEvent, handler: Handler, args: unknown[], options: SessionChannelOptions): Promise<Result<unknown>> {
  const refused = refuseUntrustedSender(event, options.senders, channel, options.log);
  if (refused) return refused;
  try {
    const result = await handler(...args);
    if (channel === SESSION_CHANNELS.signInWithSso) options.afterSso?.(event.sender);
    return result;
  } catch (error) {
    options.log(`deskwatch: ${channel} failed`, error);
    return fail('internal', 'The desktop app could not answer; details are in the log.');
  }
}
