import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow } from 'electron';

/**
 * The main window opens where the user left it: size, position and maximized state are kept
 * in a small JSON file in the user's data folder. A position is reused only while the window's
 * title bar would still land on a screen (a laptop undocked from its second monitor must not
 * open Deskwatch off-screen, where it cannot be dragged back).
 */

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
/** How much of the title bar must be on one screen's work area for a saved position to count. */
export const MIN_VISIBLE_TITLE_BAR = { width: 120, height: 32 } as const;
const SAVE_DELAY_MS = 500;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState {
  /** Bounds of the window when not maximized (what "restore down" returns to). */
  bounds: Rect;
  maximized: boolean;
}

/** What the window is created with: a position only when it is known to be reachable. */
export interface InitialWindowPlacement {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

/** Reads the saved file's content; anything malformed (hand edits, a half-written file) means "no saved state". */
export function parseWindowState(raw: unknown): SavedWindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { bounds, maximized } = raw as { bounds?: unknown; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  const numbers = [x, y, width, height];
  if (!numbers.every((n): n is number => typeof n === 'number' && Number.isFinite(n))) return null;
  const [bx, by, bw, bh] = numbers as [number, number, number, number];
  if (bw <= 0 || bh <= 0) return null;
  return { bounds: { x: Math.round(bx), y: Math.round(by), width: Math.round(bw), height: Math.round(bh) }, maximized: maximized === true };
}

/** Whether enough of the window's title bar lies on one work area for the user to grab and drag it. */
export function isTitleBarReachable(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const needWidth = Math.min(MIN_VISIBLE_TITLE_BAR.width, bounds.width);
  return workAreas.some((area) => {
    const overlap = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const topInside = bounds.y >= area.y && bounds.y + MIN_VISIBLE_TITLE_BAR.height <= area.y + area.height;
    return overlap >= needWidth && topInside;
  });
}

/**
 * Decides how the main window opens from what was saved and the screens present now.
 * `workAreas` are the displays' work areas (screen minus taskbars and docks); `primary` is the
 * primary display's, used to keep a size that no longer fits within reach.
 */
export function initialPlacement(saved: SavedWindowState | null, workAreas: readonly Rect[], primary: Rect): InitialWindowPlacement {
  const fitToPrimary = (width: number, height: number) => ({
    width: Math.max(MIN_WINDOW_SIZE.width, Math.min(width, primary.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.min(height, primary.height)),
  });
  if (!saved) return { bounds: fitToPrimary(DEFAULT_WINDOW_SIZE.width, DEFAULT_WINDOW_SIZE.height), maximized: false };
  const { bounds, maximized } = saved;
  if (isTitleBarReachable(bounds, workAreas)) {
    return {
      bounds: {
        x: bounds.x,
        y: bounds.y,
        width: Math.max(MIN_WINDOW_SIZE.width, bounds.width),
        height: Math.max(MIN_WINDOW_SIZE.height, bounds.height),
      },
      maximized,
    };
  }
  // The screen it was on is gone: keep the size (within the primary screen), let the system place it.
  return { bounds: fitToPrimary(bounds.width, bounds.height), maximized };
}

export function loadWindowState(file: string): SavedWindowState | null {
  try {
    return parseWindowState(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    // No file yet, or unreadable: open with the defaults.
    return null;
  }
}

/** Writes through a temporary file and a rename, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: SavedWindowState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

type TrackedWindow = Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized' | 'isDestroyed' | 'on'>;

/**
 * Saves the window's state shortly after it moves or resizes, and at once when it closes
 * (while it still exists). A failed save is logged, never fatal: losing the window position
 * must not stop the help desk.
 */
export function trackWindowState(
  window: TrackedWindow,
  file: string,
  log: (message: string) => void = console.warn,
  delayMs = SAVE_DELAY_MS,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    try {
      saveWindowState(file, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      log(`deskwatch: could not save the window position: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', save);
  window.on('unmaximize', save);
  window.on('close', save);
  window.on('closed', () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  });
}
