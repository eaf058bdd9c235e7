/**
 * A stand-in for the `electron` module, for the shell tests. Electron cannot start here (its
 * binary is not installed), and requiring the real package would even try to download it, so
 * every shell test replaces it: `vi.mock('electron', () => import('./fake-electron').then((m) => m.electronModule))`.
 * Only what the shell uses is modelled, and calls are recorded so a test can read what the
 * shell decided. `resetFakeElectron()` gives each test a fresh app.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface FakeEvent {
  preventDefault: () => void;
  defaultPrevented: boolean;
}

export function fakeEvent<T extends object>(fields: T = {} as T): T & FakeEvent {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  url = '';
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly mainFrame: FakeFrame = { url: '', parent: null };

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  /** What the next loadURL answers; a test sets it to a rejection to simulate a missing page. */
  static nextLoad: () => Promise<void> = () => Promise.resolve();

  readonly webContents = new FakeWebContents();
  readonly calls: string[] = [];
  loadedUrl: string | undefined;
  destroyed = false;
  maximized = false;
  minimized = false;
  visible = false;
  normalBounds = { x: 10, y: 20, width: 1100, height: 700 };

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    this.webContents.mainFrame.url = url;
    return FakeBrowserWindow.nextLoad();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  getNormalBounds() {
    return { ...this.normalBounds };
  }
  maximize(): void {
    this.calls.push('maximize');
    this.maximized = true;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
  }
  focus(): void {
    this.calls.push('focus');
  }
  close(): void {
    this.emit('close', fakeEvent());
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export class FakeApp extends EventEmitter {
  /** Ordered record of the calls that matter for startup order. */
  readonly calls: string[] = [];
  isPackaged = false;
  gotLock = true;
  userData = '/tmp/deskwatch-fake-user-data';
  appPath = '/tmp/deskwatch-fake-app';
  exitCode: number | undefined;

  enableSandbox = vi.fn(() => {
    this.calls.push('enableSandbox');
  });
  requestSingleInstanceLock = vi.fn(() => {
    this.calls.push('requestSingleInstanceLock');
    return this.gotLock;
  });
  whenReady = vi.fn(() => {
    this.calls.push('whenReady');
    return Promise.resolve();
  });
  quit = vi.fn(() => {
    this.calls.push('quit');
  });
  exit = vi.fn((code?: number) => {
    this.calls.push('exit');
    this.exitCode = code;
  });
  setAppUserModelId = vi.fn();
  getPath = vi.fn((name: string) => {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
    return this.userData;
  });
  setPath = vi.fn((name: string, value: string) => {
    if (name !== 'userData') throw new Error(`unexpected setPath(${name})`);
    this.calls.push('setPath');
    this.userData = value;
  });
  getAppPath = vi.fn(() => this.appPath);
  /** What setAsDefaultProtocolClient answers (false: the OS refused, say a locked-down registry). */
  protocolRegistered = true;
  setAsDefaultProtocolClient = vi.fn((_scheme: string, _path?: string, _args?: string[]) => this.protocolRegistered);
  relaunch = vi.fn(() => {
    this.calls.push('relaunch');
  });
}

/**
 * Electron's safeStorage: "encrypts" with a fixed XOR and a marker, enough for a test to see that
 * what reaches the disk is not the plain text and that only this keystore reads it back.
 * `available` and `backend` play a computer without a keystore, or Linux without a keyring.
 */
export class FakeSafeStorage {
  available = true;
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'unknown' = 'gnome_libsecret';
  readonly encrypted: string[] = [];
  private static readonly MARK = Buffer.from('FAKE-KEYSTORE:');
  isEncryptionAvailable = vi.fn(() => this.available);
  getSelectedStorageBackend = vi.fn(() => this.backend);
  encryptString = vi.fn((text: string): Buffer => {
    if (!this.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    this.encrypted.push(text);
    return Buffer.concat([FakeSafeStorage.MARK, Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)]);
  });
  decryptString = vi.fn((data: Buffer): string => {
    if (!data.subarray(0, FakeSafeStorage.MARK.length).equals(FakeSafeStorage.MARK)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(data.subarray(FakeSafeStorage.MARK.length).map((byte) => byte ^ 0x5a)).toString('utf8');
  });
}

export class FakeSession {
  /** Requests made with `ses.fetch` (Chromium's network stack); here Node's fetch does the work. */
  readonly fetched: string[] = [];
  fetch = vi.fn((url: string, init?: RequestInit) => {
    this.fetched.push(url);
    return fetch(url, init);
  });
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void) | undefined;
  permissionRequestHandler: ((...args: unknown[]) => void) | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
}

/** Electron's Notification: records what was shown; `click()` plays the user's click. */
export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string; silent?: boolean; urgency?: string; timeoutType?: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
  click(): void {
    this.emit('click', fakeEvent());
  }
}

export class FakeNativeImage {
  constructor(
    readonly path: string,
    private readonly empty = false,
  ) {}
  isEmpty(): boolean {
    return this.empty;
  }
}

/** Electron's Tray: keeps its current image, tooltip, title and menu template. */
export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  image: FakeNativeImage;
  tooltip = '';
  title = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setImage(image: FakeNativeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(text: string): void {
    this.title = text;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}
  static buildFromTemplate(template: FakeMenuItem[]): FakeMenu {
    return new FakeMenu(template);
  }
  /** The item a person would click, by its label. */
  item(label: string | RegExp): FakeMenuItem {
    const found = this.items.find((item) => item.label !== undefined && (typeof label === 'string' ? item.label === label : label.test(item.label)));
    if (!found) throw new Error(`no menu item ${String(label)} in ${this.items.map((item) => item.label).join(', ')}`);
    return found;
  }
}

export const fake = {
  app: new FakeApp(),
  ipcMain: new FakeIpcMain(),
  session: new FakeSession(),
  /** Sessions made with `session.fromPartition`, by name. */
  partitions: new Map<string, FakeSession>(),
  safeStorage: new FakeSafeStorage(),
  shell: { openExternal: vi.fn((_url: string) => Promise.resolve()) },
  dialog: { showErrorBox: vi.fn((_title: string, _message: string) => undefined) },
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  /** Image files that nativeImage.createFromPath finds; others load as empty images. Undefined: every file is there. */
  imageFiles: undefined as Set<string> | undefined,
};

/** Fresh fakes for the next test; the module object below always reads the current ones. */
export function resetFakeElectron(): void {
  fake.app = new FakeApp();
  fake.ipcMain = new FakeIpcMain();
  fake.session = new FakeSession();
  fake.partitions = new Map();
  fake.safeStorage = new FakeSafeStorage();
  fake.shell.openExternal.mockReset();
  fake.shell.openExternal.mockImplementation(() => Promise.resolve());
  fake.dialog.showErrorBox.mockClear();
  fake.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.nextLoad = () => Promise.resolve();
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  FakeTray.instances = [];
  fake.imageFiles = undefined;
}

/** What `vi.mock('electron', …)` returns: getters, so a reset is seen by code that imported earlier. */
export const electronModule = {
  get app() {
    return fake.app;
  },
  get ipcMain() {
    return fake.ipcMain;
  },
  get session() {
    return {
      defaultSession: fake.session,
      fromPartition: (name: string) => {
        let partition = fake.partitions.get(name);
        if (!partition) fake.partitions.set(name, (partition = new FakeSession()));
        return partition;
      },
    };
  },
  get safeStorage() {
    return fake.safeStorage;
  },
  get shell() {
    return fake.shell;
  },
  get dialog() {
    return fake.dialog;
  },
  screen: {
    getAllDisplays: () => fake.displays,
    getPrimaryDisplay: () => fake.displays[0],
  },
  BrowserWindow: FakeBrowserWindow,
  Notification: FakeNotification,
  Tray: FakeTray,
  Menu: FakeMenu,
  nativeImage: {
    createFromPath: (file: string) => new FakeNativeImage(file, fake.imageFiles !== undefined && !fake.imageFiles.has(file)),
  },
};
