import type { DeskwatchApi } from '../../shared/api';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge; absent in the browser mode. */
    deskwatch?: DeskwatchApi;
  }
}

export {};
