/**
 * The preload (bundled into the single file out/preload/index.js: a sandboxed preload can
 * require only 'electron'). It runs in an isolated world and hands the page one object,
 * `window.deskwatch`; see deskwatch-api.ts for what it allows.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDeskwatchApi } from './deskwatch-api';

// Without context isolation the page would share this script's globals and could reach
// ipcRenderer itself; refuse to expose anything rather than fall back to `window.deskwatch = …`.
if (!process.contextIsolated) {
  throw new Error('Deskwatch: context isolation is off; the preload exposes nothing.');
}

contextBridge.exposeInMainWorld('deskwatch', createDeskwatchApi(ipcRenderer));
