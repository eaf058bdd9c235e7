import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where our own renderer lives. Every trust decision in the shell (which IPC senders are
 * answered, which navigations are allowed, who may ask for notifications) compares a URL with
 * this one value, so there is exactly one definition of "our page".
 */
export type RendererLocation =
  /** `electron-vite dev`: the Vite dev server; any path on its origin is ours (the router may use history URLs). */
  | { kind: 'dev-server'; url: string; origin: string }
  /** Built app: the one `out/renderer/index.html` file; other files on disk are not ours. */
  | { kind: 'file'; url: string; filePath: string };

export interface RendererLocationInput {
  /** `process.env.ELECTRON_RENDERER_URL`, set by electron-vite only in development. */
  devServerUrl?: string | undefined;
  /** Absolute path of the built renderer's index.html. */
  indexHtmlPath: string;
  /** A packaged app never follows the dev-server variable, so an environment variable cannot point it at another site. */
  isPackaged: boolean;
}

export function resolveRendererLocation(input: RendererLocationInput): RendererLocation {
  const devUrl = input.devServerUrl?.trim();
  if (devUrl && !input.isPackaged) {
    const parsed = new URL(devUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL, got "${devUrl}"`);
    }
    return { kind: 'dev-server', url: parsed.href, origin: parsed.origin };
  }
  const filePath = path.resolve(input.indexHtmlPath);
  return { kind: 'file', url: pathToFileURL(filePath).href, filePath };
}

/** Whether `url` is a page of our renderer (query and hash ignored: the router may use either). */
export function isRendererUrl(location: RendererLocation, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') return parsed.origin === location.origin;
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  let filePath: string;
  try {
    filePath = fileURLToPath(parsed);
  } catch {
    return false;
  }
  return samePath(filePath, location.filePath);
}

function samePath(a: string, b: string): boolean {
  const left = path.resolve(a);
  const right = path.resolve(b);
  // Windows and default macOS file systems ignore case; a difference in case is the same file there.
  return process.platform === 'win32' || process.platform === 'darwin' ? left.toLowerCase() === right.toLowerCase() : left === right;
}
