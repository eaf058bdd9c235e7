import type { BrowserWindow, WebContents } from 'electron';
import type { AlertBatch, AlertPreferences, AlertSummary } from '../../../shared/alerts';
import { IPC_EVENT_CHANNEL } from '../../../shared/channel-names';
import type { EventEnvelope } from '../../../shared/api';
import type { ShellNavigation } from '../../../shared/contract';
import type { StaffMember, StaffRole } from '../../../shared/domain';
import type { Result } from '../../../shared/result';
import type { Clock } from '../../core/clock';
import type { Dispatch } from '../../core/handlers/dispatch';
import type { EventSource } from '../ipc-bridge';
import { bringToFront } from '../app-lifecycle/single-instance';
import { notificationsFor, type NotificationPlan } from './notification-plan';
import { PeopleAtConsole } from './people-at-console';
import { mutedUntil, toggledMute, type TrayAction, type TrayState } from './tray-state';

export type ConsoleWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus'> & {
  webContents: Pick<WebContents, 'id' | 'isDestroyed' | 'send'>;
};

/** What DesktopAlerts needs from the notifier and the tray (the real ones use Electron; tests pass recorders). */
export interface NotificationSink {
  show(plan: NotificationPlan, onClick: () => void): boolean;
}
export interface TraySink {
  show(state: TrayState): void;
  destroy(): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface DesktopAlertsOptions {
  dispatch: Dispatch;
  events: EventSource;
  /** The core's clock: mute-for-an-hour counts from the core's now, as every mute the core compares. */
  clock: Clock;
  /** Open windows, oldest first (the WindowRegistry). */
  windows: () => ConsoleWindow[];
  /** Opens a console window when none is open (macOS keeps running without one). */
  openWindow: () => ConsoleWindow | undefined;
  quit: () => void;
  notifier: NotificationSink;
  /** Made once the app is ready; null where the system has no tray. */
  tray: TraySink | null;
  timers?: Timers;
  log?: (message: string) => void;
}

/** Events that may change the tray's count come in bursts (a batch of alerts, a bulk assignment): one refresh per burst. */
export const TRAY_DEBOUNCE_MS = 1_500;
/** At-risk becomes breached with time alone, without any event: the tray looks again every minute. */
export const TRAY_REFRESH_MS = 60_000;
/** Batches kept while nobody has said who they are yet (the catch-up at start arrives before the page does). */
const HELD_BATCHES = 20;
/** Keys of notifications shown, so a held batch and a live one never show the same alert twice. */
const SHOWN_KEYS = 2_000;

const realTimers: Timers = {
  setTimeout: (fn, ms) => unref(setTimeout(fn, ms)),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (fn, ms) => unref(setInterval(fn, ms)),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

function unref<T>(handle: T): T {
  (handle as { unref?: () => void }).unref?.();
  return handle;
}

/**
 * The desktop side of "never miss a deadline": OS notifications for the alerts of the person at
 * each window, a click that brings that window forward on the case, and the tray's count and menu.
 * Who is at a window is learnt from the IPC bridge (`noteActor`). Alerts raised before anyone is
 * known (the catch-up the scheduler delivers at start, before the page has loaded) are held and
 * shown to the first person who turns up.
 */
export class DesktopAlerts {
  readonly people = new PeopleAtConsole();
  private readonly timers: Timers;
  private readonly log: (message: string) => void;
  private readonly held: AlertBatch[] = [];
  private readonly shown = new Set<string>();
  private readonly pendingNavigation = new Map<number, ShellNavigation>();
  private unsubscribe: (() => void) | null = null;
  private debounce: unknown = null;
  private ticker: unknown = null;
  private refreshes = 0;
  private trayState: TrayState = { personId: null, summary: null, mutedUntil: null };

  constructor(private readonly options: DesktopAlertsOptions) {
    this.timers = options.timers ?? realTimers;
    this.log = options.log ?? console.warn;
  }

  start(): void {
    this.unsubscribe = this.options.events.subscribe((name, payload) => {
      if (name === 'alerts.raised') this.receive(payload as AlertBatch);
      // A role may have changed: learn it again at the next call.
      if (name === 'staff.changed') this.roles.clear();
      if (name === 'alerts.raised' || name === 'cases.changed') this.scheduleTrayRefresh();
    });
    this.ticker = this.timers.setInterval(() => void this.refreshTray(), TRAY_REFRESH_MS);
    this.options.tray?.show(this.trayState);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.debounce !== null) this.timers.clearTimeout(this.debounce);
    if (this.ticker !== null) this.timers.clearInterval(this.ticker);
    this.debounce = null;
    this.ticker = null;
    this.options.tray?.destroy();
  }

  /** The IPC bridge's report: window `sender` made a call as `actorId`. */
  noteActor(sender: Pick<WebContents, 'id'>, actorId: number): void {
    const changed = this.people.note(sender.id, actorId);
    const pending = this.pendingNavigation.get(sender.id);
    if (pending) {
      this.pendingNavigation.delete(sender.id);
      const window = this.openWindows().find((w) => w.webContents.id === sender.id);
      if (window) this.sendNavigation(window, pending);
    }
    if (!changed) return;
    // Held alerts wait for the person's role, so an agent is not shown breaches they cannot act on.
    const known = this.roles.has(actorId) ? Promise.resolve() : this.learnRole(actorId).catch(() => undefined);
    void known.then(() => {
      this.showHeld();
      return this.refreshTray();
    });
  }

  /** One `alerts.raised` batch: each person at a window gets theirs; with nobody known yet, it waits. */
  receive(batch: AlertBatch): void {
    const people = this.currentPeople();
    if (people.length === 0) {
      this.held.push(batch);
      if (this.held.length > HELD_BATCHES) this.held.shift();
      return;
    }
    for (const person of people) this.notify(person, batch);
  }

  /** A click on a notification, or a tray menu item: the person's window comes forward and shows `where`. */
  navigate(personId: number | null, where: ShellNavigation): void {
    const windows = this.openWindows();
    const window = (personId === null ? undefined : windows.find((w) => this.people.personAt(w.webContents.id) === personId)) ?? windows[0];
    if (window) {
      bringToFront(window);
      this.sendNavigation(window, where);
      return;
    }
    // No window (macOS): open one; it is told where to go once its page has said who is there.
    const opened = this.options.openWindow();
    if (opened) this.pendingNavigation.set(opened.webContents.id, where);
  }

  /** A tray menu item for the person the tray speaks for. */
  async trayAction(action: TrayAction): Promise<void> {
    const person = this.trayPerson();
    switch (action) {
      case 'open-queue':
        this.navigate(person, { to: 'queue' });
        return;
      case 'new-intake':
        this.navigate(person, { to: 'intake' });
        return;
      case 'quit':
        this.options.quit();
        return;
      case 'mute':
        if (person !== null) await this.toggleMute(person);
        return;
    }
  }

  /** A click on the tray icon itself. */
  bringForward(): void {
    const window = this.openWindows()[0];
    if (window) bringToFront(window);
    else this.options.openWindow();
  }

  async refreshTray(): Promise<void> {
    const tray = this.options.tray;
    if (!tray) return;
    const sequence = ++this.refreshes;
    const personId = this.trayPerson();
    let next: TrayState = { personId, summary: null, mutedUntil: null };
    if (personId !== null) {
      const [summary, preferences] = await Promise.all([
        this.call<AlertSummary>('alerts.summary', personId),
        this.call<AlertPreferences>('alerts.preferences', personId),
      ]);
      next = { personId, summary, mutedUntil: mutedUntil(preferences, this.options.clock.now()) };
    }
    // A slower, older refresh must not overwrite a newer one.
    if (sequence !== this.refreshes) return;
    this.trayState = next;
    tray.show(next);
  }

  get tray(): TrayState {
    return this.trayState;
  }

  private scheduleTrayRefresh(): void {
    if (!this.options.tray) return;
    if (this.debounce !== null) this.timers.clearTimeout(this.debounce);
    this.debounce = this.timers.setTimeout(() => {
      this.debounce = null;
      void this.refreshTray();
    }, TRAY_DEBOUNCE_MS);
  }

  private async toggleMute(personId: number): Promise<void> {
    const preferences = await this.call<AlertPreferences>('alerts.preferences', personId);
    if (!preferences) return;
    const next = toggledMute(preferences, this.options.clock.now());
    const saved = await this.options.dispatch('alerts.savePreferences', next, { actorId: personId });
    if (!saved.ok) this.log(`deskwatch: could not change the mute from the tray: ${saved.error.message}`);
    await this.refreshTray();
  }

  private async call<T>(channel: 'alerts.summary' | 'alerts.preferences', personId: number): Promise<T | null> {
    const result = (await this.options.dispatch(channel, {}, { actorId: personId })) as Result<T>;
    if (result.ok) return result.value;
    this.log(`deskwatch: the tray could not read ${channel}: ${result.error.message}`);
    return null;
  }

  /** Staff roles of the people seen at a window: what they can act on decides what interrupts them. */
  private readonly roles = new Map<number, StaffRole>();

  private async learnRole(personId: number): Promise<void> {
    const result = (await this.options.dispatch('staff.list', {}, { actorId: personId })) as Result<StaffMember[]>;
    const person = result.ok ? result.value.find((s) => s.id === personId) : undefined;
    if (person) this.roles.set(personId, person.role);
  }

  private notify(personId: number, batch: AlertBatch): void {
    for (const plan of notificationsFor(batch, personId, this.roles.get(personId) ?? null)) {
      const key = `${personId}:${plan.key}`;
      if (this.shown.has(key)) continue;
      this.shown.add(key);
      if (this.shown.size > SHOWN_KEYS) this.shown.delete(this.shown.values().next().value as string);
      this.options.notifier.show(plan, () => this.navigate(personId, plan.opens));
    }
  }

  private showHeld(): void {
    const people = this.currentPeople();
    if (people.length === 0 || this.held.length === 0) return;
    const batches = this.held.splice(0);
    for (const person of people) for (const batch of batches) this.notify(person, batch);
  }

  private sendNavigation(window: ConsoleWindow, where: ShellNavigation): void {
    if (window.webContents.isDestroyed()) return;
    const envelope: EventEnvelope<'shell.navigate'> = { name: 'shell.navigate', payload: where };
    window.webContents.send(IPC_EVENT_CHANNEL, envelope);
  }

  private openWindows(): ConsoleWindow[] {
    return this.options.windows().filter((window) => !window.isDestroyed());
  }

  private openIds(): number[] {
    return this.openWindows().map((window) => window.webContents.id);
  }

  private currentPeople(): number[] {
    return this.people.people(this.openIds());
  }

  private trayPerson(): number | null {
    return this.people.primary(this.openIds());
  }
}
