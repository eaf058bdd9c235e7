import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, safeStorage, session, shell, type WebContents } from 'electron';
import { startCore, type Core, type CoreOptions } from '../../core/core';
import { resolveDatabaseConfig, type DatabaseConfig } from '../../core/db/database-config';
import { consoleLogger, teeLogger, toLogger, type Logger } from '../../core/log/logger';
import { logFileIn, rotatingFileLogger } from '../../core/log/rotating-file';
import { APP_VERSION } from '../../core/version';
import { createRemoteCore, type FetchLike, type RemoteCore } from '../../remote';
import { createDesktopAlerts, type DesktopAlerts } from '../alerts';
import { IPC_EVENT_CHANNEL } from '../../../shared/channel-names';
import type { EventEnvelope } from '../../../shared/api';
import type { ConsoleMode } from '../../../shared/session';
import { openExternalSafely } from '../external-links';
import { forwardCoreEvents, registerContractChannels } from '../ipc-bridge';
import { createMainWindow } from '../main-window';
import { registerPrintToPdf } from '../print-to-pdf';
import { resolveNativeBinding } from '../native-binding';
import { guardWebContents } from '../navigation-guard';
import { resolveRendererLocation, type RendererLocation } from '../renderer-location';
import { applySessionPolicy } from '../session-policy';
import { WindowRegistry } from '../window-registry';
import { WINDOW_STATE_FILE } from '../window-state';
import { ConnectionControl } from '../team/connection-control';
import { standaloneBackend, teamBackend, type ConsoleBackend } from '../team/console-backend';
import { registerSessionChannels } from '../team/session-channels';
import { TeamSession } from '../team/team-session';
import { readConnectionSetting, type ConnectionSetting } from '../team/team-settings';
import { TokenStore, type SecretCipher } from '../team/token-store';
import { bringToFront, claimSingleInstance } from './single-instance';
import { IntakeLinkInbox, intakeHash, registerIntakeProtocol } from './intake-links';
import { describeStartupFailure, type StartupStage } from './startup-failure';

/** Also the Windows AppUserModelID, without which Windows shows no notifications for the app. */
export const APP_ID = 'org.deskwatch.console';

export interface DesktopAppOptions {
  /** Folder of the built main bundle (out/main); the preload and renderer are built beside it. */
  mainDir: string;
  env?: NodeJS.ProcessEnv;
  /** The core to start; tests pass one that fails or records. */
  startCore?: (options: CoreOptions) => Promise<Core>;
  /** How team mode reaches its server (default: Electron's own fetch, see serverFetch below). */
  serverFetch?: FetchLike;
  fileExists?: (file: string) => boolean;
  log?: (message: string, error?: unknown) => void;
  /** This process's command line and whether it runs as `electron .` (default: process.argv, process.defaultApp). */
  argv?: readonly string[];
  defaultApp?: boolean;
}

export interface RunningDesktopApp {
  /** `standalone`: a core on this computer's database; `server`: team mode, a district server. */
  mode: ConsoleMode;
  /** The local core; null in team mode (no database is opened on the desktop). */
  core: Core | null;
  /** The district server's calls and events in team mode; null standalone. */
  remote: RemoteCore | null;
  windows: WindowRegistry;
  renderer: RendererLocation;
  alerts: DesktopAlerts;
}

/**
 * The desktop app from launch to quit. Ordered so that nothing untrusted runs before the
 * rules are in place: the sandbox and the single-instance lock first, the navigation guards
 * before any webContents exists, the session policy before the first page loads, and the IPC
 * handlers before the window can send. Any failure before the window shows becomes an error
 * dialog and a quit, never an empty window. Resolves to undefined when the app is not going on.
 */
export async function startDesktopApp(options: DesktopAppOptions): Promise<RunningDesktopApp | undefined> {
  try {
    return await runDesktopApp(options);
  } catch (error) {
    // The last net: whatever the steps below did not expect still ends in a dialog, not a hung process.
    return failStartup({ stage: 'other' }, error);
  }
}

async function runDesktopApp(options: DesktopAppOptions): Promise<RunningDesktopApp | undefined> {
  const env = options.env ?? process.env;
  // Until the data folder is known (below) the log goes to stderr only.
  let logger: Logger = options.log ? toLogger(options.log) : consoleLogger();
  const log = (message: string, error?: unknown) => (error === undefined ? logger.warn(message) : logger.error(message, error));

  // Every renderer runs in Chromium's OS-level sandbox, not only the windows we remember to
  // flag: page script (say, markup smuggled into a case description) then has no Node, no
  // file system and no process to start, and can reach main only through the checked IPC
  // channels. Must be called before the app is ready.
  app.enableSandbox();

  // DESKWATCH_DATA_DIR moves the per-user data folder for the CLI and the browser mode
  // (core/paths.ts); the desktop app follows it, so all three open the same database. Set
  // before the lock and before ready: Chromium's profile and the instance lock live there too.
  const dataDir = env.DESKWATCH_DATA_DIR?.trim();
  if (dataDir) app.setPath('userData', path.resolve(dataDir));

  const windows = new WindowRegistry();
  // A softphone's deskwatch://intake?phone=… (intake-links.ts): held until the window can take it.
  const intakeLinks = new IntakeLinkInbox((message) => logger.warn(message));
  if (!claimSingleInstance(app, () => windows.first(), (argv) => intakeLinks.receiveArgv(argv, 'second instance'))) {
    // Another Deskwatch is running and has been asked to come to the front (with the link this copy was started with, if any).
    app.quit();
    return undefined;
  }
  // macOS hands the link to the running app, possibly before it is ready: listen before the first await.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const window = windows.first();
    if (window) bringToFront(window);
    intakeLinks.receive(url, 'open-url');
  });
  const argv = options.argv ?? process.argv;
  intakeLinks.receiveArgv(argv, 'command line');
  registerIntakeProtocol(app, { defaultApp: options.defaultApp ?? Boolean(process.defaultApp), argv, execPath: process.execPath }, (message) => logger.warn(message));

  // The desktop app's log: a rotating file in the data folder (what "details are in the log"
  // refers to, and what `deskwatch doctor` names), and stderr when started from a terminal.
  // Opened after the single-instance lock, so only one process writes it.
  const logFile = options.log ? null : rotatingFileLogger({ file: logFileIn(app.getPath('userData')) });
  if (logFile) logger = teeLogger(logFile, logger);
  logger.info(`deskwatch: starting ${APP_VERSION} (Electron ${process.versions.electron ?? 'unknown'})`);

  let renderer: RendererLocation;
  try {
    renderer = resolveRendererLocation({
      devServerUrl: env.ELECTRON_RENDERER_URL,
      indexHtmlPath: path.join(options.mainDir, '../renderer/index.html'),
      isPackaged: app.isPackaged,
    });
  } catch (error) {
    return failStartup({ stage: 'other' }, error, logger);
  }

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, { renderer, shell, log }));
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; elsewhere closing the console quits it.
    if (process.platform !== 'darwin') app.quit();
  });
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  await app.whenReady();
  applySessionPolicy(session.defaultSession, renderer);

  // Which core: this computer's database (standalone), or a district server (team mode). Read
  // after ready: the token store needs safeStorage, which answers only then.
  let connection: ConnectionSetting;
  try {
    connection = readConnectionSetting(app.getPath('userData'), env);
  } catch (error) {
    return failStartup({ stage: 'team-setting' }, error, logger);
  }

  let backend: ConsoleBackend;
  if (connection.mode === 'server') {
    // Team mode opens no database at all: the server has it. DESKWATCH_DATABASE_URL means nothing here.
    if (env.DESKWATCH_DATABASE_URL) logger.info('deskwatch: team mode: DESKWATCH_DATABASE_URL is ignored; the server keeps the database');
    logger.info(`deskwatch: team mode with the server ${connection.serverUrl}${connection.managed ? ' (set by DESKWATCH_SERVER_URL)' : ''}`);
    backend = startTeamMode(connection.serverUrl, options.serverFetch ?? serverFetch(), logger, log);
  } else {
    const started = await startStandalone(options, env, logger);
    if (!started) return undefined;
    backend = started;
  }

  const openWindow = (initialRoute?: string) => {
    const iconPath = !app.isPackaged && process.platform === 'linux' ? path.join(app.getAppPath(), 'build', 'icons', '512x512.png') : undefined;
    const created = createMainWindow({
      renderer,
      preloadPath: path.join(options.mainDir, '../preload/index.js'),
      stateFile: path.join(app.getPath('userData'), WINDOW_STATE_FILE),
      ...(iconPath ? { iconPath } : {}),
      ...(initialRoute ? { initialRoute } : {}),
    });
    windows.add(created.window);
    // Core events before a page loads are not heard: a window that opens while the database's
    // live updates are away is told so once it has loaded.
    created.loaded.then(
      () => {
        const live = backend.liveStatus();
        const contents = created.window.webContents;
        if (live.state !== 'live' && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { name: 'live.status', payload: live } satisfies EventEnvelope);
      },
      () => undefined,
    );
    return created;
  };

  const alerts = createDesktopAlerts({
    core: { dispatch: backend.dispatch, events: backend.events, clock: backend.clock },
    windows: () => windows.list(),
    openWindow: () => {
      const created = openWindow();
      created.loaded.catch((error: unknown) => log('deskwatch: could not open a window', error));
      return created.window;
    },
    log,
  });
  const senders = { renderer, isOwnWebContents: (contents: Pick<WebContents, 'id'>) => windows.owns(contents) };
  const removeHandlers = registerContractChannels({
    ipcMain,
    dispatch: backend.dispatch,
    senders,
    // Who calls is main's session (the profile chosen here, or the person signed in to the server), never the page's word.
    actor: () => backend.session.actorId(),
    log,
    onActor: (sender, actorId) => alerts.noteActor(sender, actorId),
  });
  const removeSessionHandlers = registerSessionChannels({
    ipcMain,
    senders,
    session: backend.session,
    connection: new ConnectionControl({
      setting: connection,
      userDataDir: app.getPath('userData'),
      // An orderly quit, not app.exit: the database closes (will-quit below) before the new start opens it.
      restart: () => {
        app.relaunch();
        app.quit();
      },
      log: logger,
    }),
    log,
    // The district sign-in ends in the system browser: the console comes back to the front.
    afterSso: (sender) => {
      const window = windows.list().find((candidate) => candidate.webContents.id === sender.id);
      if (window) bringToFront(window);
    },
  });
  // "Save as PDF" on the Reports screen: the save dialog sits on the window that asked.
  const removePrintHandler = registerPrintToPdf({
    ipcMain,
    senders,
    dialog,
    windowOf: (sender) => windows.list().find((candidate) => candidate.webContents.id === sender.id),
    log,
  });
  const stopEvents = forwardCoreEvents(backend.events, () => windows.webContents());
  alerts.start();
  const stopListening = () => {
    alerts.stop();
    stopEvents();
    removeHandlers();
    removeSessionHandlers();
    removePrintHandler();
  };

  // Not waited for: the window opens while the catch-up on what fell due while the app was
  // closed runs behind it. A failed wake is logged and retried by the scheduler itself.
  // (Team mode: the server runs the scheduler; this does nothing.)
  backend.startScheduler();

  let closed = false;
  let closing = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // Let the database close cleanly (SQLite checkpoints its WAL, PostgreSQL releases its connections) before the process ends.
    // In team mode: the server's event stream and any sign-in still waiting for the browser.
    event.preventDefault();
    if (closing) return;
    closing = true;
    stopListening();
    backend
      .close()
      .catch((error: unknown) => log(backend.mode === 'server' ? 'deskwatch: closing the server connection failed' : 'deskwatch: closing the database failed', error))
      .finally(() => {
        closed = true;
        logFile?.close();
        app.quit();
      });
  });

  // Started by a softphone's link: the first page is that intake.
  const startPhone = intakeLinks.takePending();
  const first = openWindow(startPhone === null ? undefined : intakeHash(startPhone));
  try {
    await first.loaded;
  } catch (error) {
    // Closed by the user while loading: the load was aborted and the app is already quitting.
    if (first.window.isDestroyed()) return undefined;
    stopListening();
    await backend.close().catch(() => undefined);
    return failStartup({ stage: 'renderer', url: renderer.url }, error, logger);
  }

  // From now on a link goes to the window as a screen to show (the preload's allow-listed event), never as a page load.
  intakeLinks.attach((phone) => {
    const window = windows.first();
    if (!window) {
      // macOS with every window closed: open one on that intake.
      openWindow(intakeHash(phone)).loaded.catch((error: unknown) => log('deskwatch: could not open a window', error));
      return;
    }
    bringToFront(window);
    if (!window.webContents.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, { name: 'shell.navigate', payload: { to: 'intake', phone } } satisfies EventEnvelope<'shell.navigate'>);
  });

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open opens one.
    if (windows.list().length === 0) openWindow().loaded.catch((error: unknown) => log('deskwatch: could not open a window', error));
  });

  return { mode: backend.mode, core: backend.core, remote: backend.remote, windows, renderer, alerts };
}

/**
 * Standalone: this computer's SQLite file (or the team's PostgreSQL named by
 * DESKWATCH_DATABASE_URL), opened and migrated by a core of its own. Undefined when it could not
 * start (the dialog has been shown).
 */
async function startStandalone(options: DesktopAppOptions, env: NodeJS.ProcessEnv, logger: Logger): Promise<ConsoleBackend | undefined> {
  const nativeBinding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    electronVersion: process.versions.electron ?? 'unknown',
    platform: process.platform,
    arch: process.arch,
    appPath: app.getAppPath(),
    exists: options.fileExists ?? fs.existsSync,
  });

  let database: DatabaseConfig;
  try {
    database = resolveDatabaseConfig({
      userDataDir: app.getPath('userData'),
      env,
      ...(nativeBinding.kind === 'electron-build' ? { nativeBinding: nativeBinding.path } : {}),
    });
  } catch (error) {
    return failStartup({ stage: 'configuration' }, error, logger);
  }
  // PostgreSQL needs no native module, so a missing SQLite build only matters for SQLite.
  if (database.kind === 'sqlite' && nativeBinding.kind === 'missing') {
    return failStartup({ stage: 'native-module', path: nativeBinding.path, hint: nativeBinding.hint }, new Error('missing native module'), logger);
  }

  let core: Core;
  try {
    // The SLA scheduler is started later, once its listeners are in place: its first wake
    // delivers what fell due while the app was closed, and those notifications must not be lost.
    core = await (options.startCore ?? startCore)({ database, log: logger });
  } catch (error) {
    return failStartup({ stage: 'database', database }, error, logger);
  }
  return standaloneBackend(core, logger);
}

/**
 * Team mode: the district server is the core. Nothing here waits for it: a server that cannot be
 * reached now makes calls answer `unavailable` in words and the event stream retry, not a
 * startup failure (the window tells people what is wrong, and it works once the server is back).
 */
function startTeamMode(
  serverUrl: string,
  fetcher: FetchLike,
  logger: Logger,
  log: (message: string, error?: unknown) => void,
): ConsoleBackend {
  const tokens = new TokenStore(app.getPath('userData'), safeStorage as SecretCipher, logger);
  const remote = createRemoteCore({ serverUrl, token: tokens.load(serverUrl), fetch: fetcher, log: logger });
  const teamSession = new TeamSession({
    remote,
    tokens,
    openExternal: (url) => openExternalSafely(shell, url, log),
    log: logger,
    onChange: (staff) => logger.info(staff ? `deskwatch: signed in to the server as staff member ${staff.id}` : 'deskwatch: signed out of the server'),
  });
  return teamBackend(remote, teamSession);
}

/**
 * Requests to the server go through Chromium's network stack (`ses.fetch`), not Node's: it uses
 * the system's proxy settings and trusts the certificates the district installed on the
 * computer, as the user's browser does. Its own in-memory session keeps any cookie a server
 * sets away from the window's session, and nothing of it is written to disk.
 */
function serverFetch(): FetchLike {
  const serverSession = session.fromPartition('deskwatch-server');
  return (url, init) => serverSession.fetch(url, init);
}

function failStartup(where: StartupStage, error: unknown, logger?: Logger): undefined {
  const failure = describeStartupFailure(where, error);
  if (logger) logger.error(`${failure.title}: ${failure.message}`, error);
  else console.error(`${failure.title}: ${failure.message}`);
  dialog.showErrorBox(failure.title, failure.message);
  // exit, not quit: nothing is open yet that needs an orderly shutdown, and the exit code tells scripts it failed.
  app.exit(1);
  return undefined;
}
