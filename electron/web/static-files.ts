import fs from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Reads a file of the built renderer. Paths that leave the folder are refused; unknown paths
 * fall back to index.html so the renderer's router can take them.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const rootAbs = path.resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const candidate = path.resolve(rootAbs, `.${path.posix.normalize(decoded)}`);
  if (candidate !== rootAbs && !candidate.startsWith(rootAbs + path.sep)) return null;
  const file = (await isFile(candidate)) ? candidate : path.join(rootAbs, 'index.html');
  if (!(await isFile(file))) return null;
  return {
    body: await fs.readFile(file),
    contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
