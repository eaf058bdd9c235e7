import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventEnvelope } from '../../shared/api';
import { CHANNEL_NAMES, IPC_EVENT_CHANNEL, ipcChannelFor, type ChannelName, type EventName } from '../../shared/channel-names';
import { requestLimitOf, type EventPayload } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import type { Dispatch } from '../core/handlers/dispatch';
import { refuseUntrustedSender, type SenderPolicy } from './sender-check';

export interface ContractChannelOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatch: Dispatch;
  senders: SenderPolicy;
  /**
   * Who every call is made as: main's session (the profile chosen at this standalone console, or
   * the person signed in to the server), never anything the page sends. Null: nobody yet.
   */
  actor: () => number | null;
  log?: (message: string) => void;
  /**
   * Told which staff member a window acts as: the actor of each call the core answered
   * successfully (so an unknown or inactive id never counts). The desktop alerts and the tray
   * follow the person at each window this way.
   */
  onActor?: (sender: Pick<WebContents, 'id'>, actorId: number) => void;
}

/**
 * Registers one `ipcMain.handle` per contract channel, straight from `CHANNEL_NAMES`, so a
 * channel added to the contract is carried without touching the shell and nothing outside
 * the contract is ever answered. Each handler checks the sender before the core sees the
 * message; input validation, roles and errors are the core's `dispatch` (the same one the
 * browser mode calls). Returns the function that removes the handlers.
 */
export function registerContractChannels(options: ContractChannelOptions): () => void {
  const log = options.log ?? console.warn;
  for (const name of CHANNEL_NAMES) {
    // Only the input is read: anything more a page sends (an old page's `meta` naming an actor) is ignored.
    options.ipcMain.handle(ipcChannelFor(name), (event, input: unknown) => answer(name, event, input, options, log));
  }
  return () => {
    for (const name of CHANNEL_NAMES) options.ipcMain.removeHandler(ipcChannelFor(name));
  };
}

async function answer(
  name: ChannelName,
  event: IpcMainInvokeEvent,
  input: unknown,
  options: ContractChannelOptions,
  log: (message: string) => void,
): Promise<Result<unknown>> {
  const refused = refuseUntrustedSender(event, options.senders, name, log);
  if (refused) return refused;
  // The same limit the browser mode applies to its request bodies, so a file refused there is refused here.
  const limit = requestLimitOf(name);
  if (envelopeBytes(input) > limit.bytes) return fail('invalid_input', limit.message, limit.field);
  const actorId = options.actor();
  // `dispatch` never throws; it turns every failure into `{ ok: false, error }`.
  const result = await options.dispatch(name, input, { actorId });
  if (result.ok && actorId !== null && options.onActor) {
    try {
      options.onActor(event.sender, actorId);
    } catch (error) {
      // Following the person is a convenience of the shell; the page still gets its answer.
      log(`deskwatch: could not note who is at a window: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}

/**
 * A call's size as the browser mode would carry it (UTF-8 JSON of `{ input }`). What JSON
 * cannot write (a BigInt, a cycle) is left to the contract's validation to refuse: 0.
 */
export function envelopeBytes(input: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify({ input }) ?? '');
  } catch {
    return 0;
  }
}

/** Where core events go: the webContents of every open window, looked up at the moment of sending. */
export type EventTargets = () => Iterable<Pick<WebContents, 'isDestroyed' | 'send'>>;

export interface EventSource {
  subscribe(listener: <E extends EventName>(name: E, payload: EventPayload<E>) => void): () => void;
}

/** Forwards every core event to every window on `IPC_EVENT_CHANNEL`; returns the unsubscribe. */
export function forwardCoreEvents(events: EventSource, targets: EventTargets): () => void {
  return events.subscribe((name, payload) => {
    const envelope: EventEnvelope = { name, payload } as EventEnvelope;
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, envelope);
    }
  });
}
