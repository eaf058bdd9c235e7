/**
 * Saving a file the core made (an export) on this computer: the base64 text decoded to bytes, put
 * in a Blob, and handed to the browser through a temporary `<a download>` link. Works the same in
 * the desktop app and in a browser; no extra permission or dialog of our own.
 */
import type { ExportedFile } from '../../../shared/reports';

/** Bytes of a base64 text; a clear error when it is not base64. */
export function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const clean = data.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw new Error('The file came back damaged (its data is not base64)');
  const text = atob(clean);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A name safe to offer as a download: no folders, no characters file systems refuse. */
export function safeFileName(name: string): string {
  const visible = [...name].map((ch) => (ch.charCodeAt(0) < 32 ? '-' : ch)).join('');
  const cleaned = visible.replace(/[\\/:*?"<>|]+/g, '-').replace(/^\.+/, '').trim();
  return cleaned || 'export';
}

export function fileBlob(file: ExportedFile): Blob {
  return new Blob([decodeBase64(file.dataBase64)], { type: file.mimeType || 'application/octet-stream' });
}

export interface DownloadDeps {
  document: Document;
  createUrl: (blob: Blob) => string;
  revokeUrl: (url: string) => void;
}

const browserDeps = (): DownloadDeps => ({
  document,
  createUrl: (blob) => URL.createObjectURL(blob),
  revokeUrl: (url) => URL.revokeObjectURL(url),
});

/** Offers the file for download; returns the name it was offered under. */
export function downloadFile(file: ExportedFile, deps: DownloadDeps = browserDeps()): string {
  const name = safeFileName(file.fileName);
  const url = deps.createUrl(fileBlob(file));
  const link = deps.document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  deps.document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The browser has taken the file by now; a moment later, so a slow start is not cut off.
    setTimeout(() => deps.revokeUrl(url), 10_000);
  }
  return name;
}
