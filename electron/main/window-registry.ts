import type { BrowserWindow, WebContents } from 'electron';

type RegisteredWindow = Pick<BrowserWindow, 'isDestroyed' | 'webContents' | 'once'>;

/**
 * The windows the app created. The IPC sender check asks it whether a message comes from one
 * of them, and core events go to all of them; a window leaves when it is closed.
 */
export class WindowRegistry<W extends RegisteredWindow = BrowserWindow> {
  private readonly windows = new Set<W>();

  add(window: W): W {
    this.windows.add(window);
    window.once('closed', () => this.windows.delete(window));
    return window;
  }

  /** Open windows, oldest first. */
  list(): W[] {
    return [...this.windows].filter((window) => !window.isDestroyed());
  }

  first(): W | undefined {
    return this.list()[0];
  }

  owns(contents: Pick<WebContents, 'id'>): boolean {
    return this.list().some((window) => window.webContents.id === contents.id);
  }

  webContents(): WebContents[] {
    return this.list().map((window) => window.webContents);
  }
}
