import type { WebContents } from 'electron';
import { isRendererUrl, type RendererLocation } from './renderer-location';

/** The parts of an IPC event the check reads: Electron's `IpcMainInvokeEvent` fits it, and so does a test's plain object. */
export interface SenderInfo {
  sender: Pick<WebContents, 'id'>;
  senderFrame: { url: string; parent: unknown } | null;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

export interface SenderPolicy {
  renderer: RendererLocation;
  /** Whether this webContents belongs to a window the app created (e.g. the ids of our windows' webContents). */
  isOwnWebContents(contents: Pick<WebContents, 'id'>): boolean;
}

/**
 * Answers an IPC message only when it comes from the main frame of one of our windows while
 * that frame shows our renderer. An iframe, a page that slipped past the navigation guard, or
 * a webContents someone else created is refused before the core is reached.
 */
export function checkSender(event: SenderInfo, policy: SenderPolicy): SenderVerdict {
  const frame = event.senderFrame;
  // The frame is null when it navigated away or was destroyed while the message was in flight.
  if (!frame) return { trusted: false, reason: 'the sending frame is gone' };
  if (frame.parent !== null) return { trusted: false, reason: 'the message came from a sub-frame' };
  if (!policy.isOwnWebContents(event.sender)) return { trusted: false, reason: 'the message came from a window the app did not create' };
  if (!isRendererUrl(policy.renderer, frame.url)) return { trusted: false, reason: 'the sending page is not the Deskwatch renderer' };
  return { trusted: true };
}


/**
 * The refusal a page gets when its message may not be answered (see checkSender), logged; null
 * when it may. Reading a frame that is being torn down can throw: an unreadable sender is not a
 * trusted one.
 */
export function refuseUntrustedSender(
  event: SenderInfo,
  policy: SenderPolicy,
  channel: string,
  log: (message: string) => void,
): { ok: false; error: { code: 'forbidden'; message: string } } | null {
  let verdict: SenderVerdict;
  try {
    verdict = checkSender(event, policy);
  } catch {
    verdict = { trusted: false, reason: 'the sending frame could not be read' };
  }
  if (verdict.trusted) return null;
  log(`deskwatch: refused ${channel}: ${verdict.reason}`);
  return { ok: false, error: { code: 'forbidden', message: `This page may not call ${channel}: ${verdict.reason}.` } };
}
