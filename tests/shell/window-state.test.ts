import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  initialPlacement,
  isTitleBarReachable,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  trackWindowState,
  type Rect,
} from '../../electron/main/window-state';
import { FakeBrowserWindow } from './fake-electron';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 860 };
/** A second monitor to the right of the laptop. */
const monitor: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('reading the saved state', () => {
  it('accepts a well-formed state and rounds fractional pixels', () => {
    expect(parseWindowState({ bounds: { x: 10.4, y: 20, width: 1200.6, height: 800 }, maximized: true })).toEqual({
      bounds: { x: 10, y: 20, width: 1201, height: 800 },
      maximized: true,
    });
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['no bounds', { maximized: true }],
    ['a missing field', { bounds: { x: 1, y: 2, width: 3 } }],
    ['a text number', { bounds: { x: '1', y: 2, width: 3, height: 4 } }],
    ['an infinite number', { bounds: { x: Infinity, y: 2, width: 3, height: 4 } }],
    ['a zero size', { bounds: { x: 1, y: 2, width: 0, height: 4 } }],
  ])('treats %s as no saved state', (_label, raw) => {
    expect(parseWindowState(raw)).toBeNull();
  });
});

describe('is the saved position still on a screen?', () => {
  it('yes, on the laptop or on the second monitor', () => {
    expect(isTitleBarReachable({ x: 100, y: 50, width: 1200, height: 700 }, [laptop])).toBe(true);
    expect(isTitleBarReachable({ x: 2000, y: 100, width: 1200, height: 700 }, [laptop, monitor])).toBe(true);
  });

  it('no, once the monitor it was on is unplugged', () => {
    expect(isTitleBarReachable({ x: 2000, y: 100, width: 1200, height: 700 }, [laptop])).toBe(false);
  });

  it('no, when the title bar is above the top of the screen, even if the rest is visible', () => {
    expect(isTitleBarReachable({ x: 100, y: -200, width: 1200, height: 700 }, [laptop])).toBe(false);
  });

  it('no, when only a sliver too thin to grab is on screen', () => {
    expect(isTitleBarReachable({ x: 1400, y: 100, width: 1200, height: 700 }, [laptop])).toBe(false);
    expect(isTitleBarReachable({ x: 1300, y: 100, width: 1200, height: 700 }, [laptop])).toBe(true);
  });
});

describe('how the window opens', () => {
  it('first run: the default size, placed by the system, not maximized', () => {
    expect(initialPlacement(null, [laptop], laptop)).toEqual({ bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false });
  });

  it('first run on a small screen: no bigger than the screen', () => {
    const small = { x: 0, y: 0, width: 1024, height: 700 };
    expect(initialPlacement(null, [small], small).bounds).toEqual({ width: 1024, height: 700 });
  });

  it('restores position, size and maximized state when the spot is still visible', () => {
    const saved = { bounds: { x: 1600, y: 80, width: 1800, height: 1100 }, maximized: true };
    expect(initialPlacement(saved, [laptop, monitor], laptop)).toEqual(saved);
  });

  it('drops the position but keeps the size (fitted to the primary screen) and maximized state when the screen is gone', () => {
    const saved = { bounds: { x: 1600, y: 80, width: 1800, height: 1100 }, maximized: true };
    expect(initialPlacement(saved, [laptop], laptop)).toEqual({ bounds: { width: 1440, height: 860 }, maximized: true });
  });

  it('never restores a size below the window minimum', () => {
    const saved = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false };
    expect(initialPlacement(saved, [laptop], laptop).bounds).toEqual({ x: 10, y: 10, ...MIN_WINDOW_SIZE });
  });
});

describe('the state file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-window-state-'));
  });
  afterEach(() => {
    vi.useRealTimers();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through JSON in the given folder, leaving no temporary file', () => {
    const file = path.join(dir, 'nested', 'window-state.json');
    saveWindowState(file, { bounds: { x: 1, y: 2, width: 1100, height: 700 }, maximized: false });
    expect(loadWindowState(file)).toEqual({ bounds: { x: 1, y: 2, width: 1100, height: 700 }, maximized: false });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('reads a missing or corrupt file as no saved state', () => {
    expect(loadWindowState(path.join(dir, 'absent.json'))).toBeNull();
    fs.writeFileSync(path.join(dir, 'corrupt.json'), '{"bounds": {');
    expect(loadWindowState(path.join(dir, 'corrupt.json'))).toBeNull();
  });

  it('saves the restore-down bounds and maximized flag when the window closes', () => {
    const file = path.join(dir, 'window-state.json');
    const window = new FakeBrowserWindow({});
    trackWindowState(window as never, file);
    window.normalBounds = { x: 30, y: 40, width: 1300, height: 900 };
    window.maximized = true;
    window.close();
    expect(loadWindowState(file)).toEqual({ bounds: { x: 30, y: 40, width: 1300, height: 900 }, maximized: true });
  });

  it('saves shortly after moves and resizes, once per burst', () => {
    vi.useFakeTimers();
    const file = path.join(dir, 'window-state.json');
    const window = new FakeBrowserWindow({});
    trackWindowState(window as never, file, () => undefined, 500);
    window.emit('move');
    window.emit('resize');
    expect(fs.existsSync(file)).toBe(false);
    vi.advanceTimersByTime(499);
    expect(fs.existsSync(file)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(loadWindowState(file)?.bounds).toEqual(window.normalBounds);
  });

  it('logs a failed save instead of throwing', () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const window = new FakeBrowserWindow({});
    const log = vi.fn();
    trackWindowState(window as never, path.join(blocker, 'window-state.json'), log);
    expect(() => window.close()).not.toThrow();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('could not save the window position'));
  });
});
