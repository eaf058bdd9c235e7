import path from 'node:path';
import type { AlertPreferences, AlertSummary } from '../../../shared/alerts';

/**
 * What the tray icon shows for the person at the console: their count of at-risk and breached
 * cases (the core's `alerts.summary`, the same one the console's alert button shows), in the
 * icon's badge and in its tooltip, and whether their alerts are muted. Pure, so the shell tests
 * read every decision without a tray.
 */
export interface TrayState {
  /** The staff member at the console, or null before anyone has chosen a profile. */
  personId: number | null;
  summary: AlertSummary | null;
  /** Until when their alerts are muted (epoch ms), or null when they are not muted now. */
  mutedUntil: number | null;
}

export type TrayTone = 'normal' | 'at-risk' | 'breached';

export interface TrayImageChoice {
  tone: TrayTone;
  /** The number in the badge: cases at risk plus cases breached; 0 without a badge. */
  count: number;
}

export const HOUR_MS = 60 * 60 * 1000;
/** Badges show 1 to 9, then "9+": a 16-pixel icon has room for one digit and a plus. */
export const BADGE_MAX = 9;

export function trayImageFor(summary: AlertSummary | null): TrayImageChoice {
  const count = summary ? summary.atRisk + summary.breached : 0;
  if (!summary || count === 0) return { tone: 'normal', count: 0 };
  return { tone: summary.breached > 0 ? 'breached' : 'at-risk', count };
}

/** The committed image for a choice (build/make-tray-icons.mjs draws them); Electron adds `@2x` itself on high-density screens. */
export function trayImageFile(choice: TrayImageChoice): string {
  if (choice.tone === 'normal' || choice.count <= 0) return 'tray-normal.png';
  const badge = choice.count > BADGE_MAX ? `${BADGE_MAX}plus` : String(choice.count);
  return `tray-${choice.tone}-${badge}.png`;
}

/** "1 breached, 2 at risk" / "no cases at risk". */
export function describeCounts(summary: AlertSummary): string {
  const parts: string[] = [];
  if (summary.breached > 0) parts.push(`${summary.breached} breached`);
  if (summary.atRisk > 0) parts.push(`${summary.atRisk} at risk`);
  return parts.length ? parts.join(', ') : 'no cases at risk';
}

export function trayTooltip(state: TrayState, describeTime: (instant: number) => string): string {
  if (state.personId === null) return 'Deskwatch: choose your profile to see your alerts';
  const counts = state.summary ? describeCounts(state.summary) : 'counting your cases…';
  const muted = state.mutedUntil === null ? '' : ` · alerts muted until ${describeTime(state.mutedUntil)}`;
  return `Deskwatch: ${counts}${muted}`;
}

/** macOS shows a title beside the menu bar icon: the count, or nothing. */
export function trayTitle(state: TrayState): string {
  const count = trayImageFor(state.summary).count;
  return count > 0 ? String(count) : '';
}

export type TrayAction = 'open-queue' | 'new-intake' | 'mute' | 'quit';

export interface TrayMenuItem {
  action: TrayAction;
  label: string;
  enabled: boolean;
  /** The mute item is a check box: ticked while muted; choosing it again unmutes. */
  checked?: boolean;
}

export function trayMenuItems(state: TrayState, describeTime: (instant: number) => string): TrayMenuItem[] {
  const someone = state.personId !== null;
  return [
    { action: 'open-queue', label: 'Open queue', enabled: true },
    { action: 'new-intake', label: 'New intake', enabled: someone },
    {
      action: 'mute',
      label: state.mutedUntil === null ? 'Mute alerts for an hour' : `Alerts muted until ${describeTime(state.mutedUntil)}`,
      enabled: someone,
      checked: state.mutedUntil !== null,
    },
    { action: 'quit', label: 'Quit Deskwatch', enabled: true },
  ];
}

/** The instant until which alerts are muted, if that is still ahead of `now`. */
export function mutedUntil(preferences: AlertPreferences | null, now: number): number | null {
  if (!preferences?.muteUntil) return null;
  const until = Date.parse(preferences.muteUntil);
  return Number.isFinite(until) && until > now ? until : null;
}

/** The preferences the tray's mute item saves: an hour from now, or (when muted) no longer muted. Kinds and sound stay. */
export function toggledMute(preferences: AlertPreferences, now: number): AlertPreferences {
  const muteUntil = mutedUntil(preferences, now) === null ? new Date(now + HOUR_MS).toISOString() : null;
  return { kinds: [...preferences.kinds], sound: preferences.sound, muteUntil };
}

/** "2:15 PM" today, "Tue 7:00 AM" on another day, in the computer's time zone (or the one given, for tests). */
export function describeUntil(instant: number, now: number, timeZone?: string): string {
  const zone = timeZone ? { timeZone } : {};
  const day = new Intl.DateTimeFormat('en-US', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const time = new Intl.DateTimeFormat('en-US', { ...zone, hour: 'numeric', minute: '2-digit' }).format(instant);
  if (day.format(instant) === day.format(now)) return time;
  return `${new Intl.DateTimeFormat('en-US', { ...zone, weekday: 'short' }).format(instant)} ${time}`;
}

export interface TrayImageDirInput {
  isPackaged: boolean;
  /** `process.resourcesPath`: where electron-builder's `extraResources` land. */
  resourcesPath: string;
  /** `app.getAppPath()`: the project folder in development. */
  appPath: string;
}

/** The tray images ship as `extraResources` (outside the asar, where the OS can read them); in development they are read from build/tray. */
export function trayImageDir(input: TrayImageDirInput): string {
  return input.isPackaged ? path.join(input.resourcesPath, 'tray') : path.join(input.appPath, 'build', 'tray');
}
