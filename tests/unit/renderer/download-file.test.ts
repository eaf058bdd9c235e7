// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { decodeBase64, downloadFile, fileBlob, safeFileName } from '../../../renderer/src/lib/download-file';

const CSV = 'Case,Summary\nDW-000001,"Projector, no HDMI"\n';
const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/** jsdom's Blob has no text(): read it as a page would have before text() existed. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(blob);
  });
}

describe('saving an exported file', () => {
  it('decodes base64 to the exact bytes, UTF-8 included', async () => {
    const text = 'Name\nJosé Núñez ✓\n';
    const bytes = decodeBase64(b64(text));
    expect(new TextDecoder().decode(bytes)).toBe(text);
    const blob = fileBlob({ fileName: 'x.csv', mimeType: 'text/csv', dataBase64: b64(text), rows: 1 });
    expect(blob.type).toBe('text/csv');
    expect(await readText(blob)).toBe(text);
  });

  it('refuses data that is not base64, by name', () => {
    expect(() => decodeBase64('not base64!')).toThrow('The file came back damaged (its data is not base64)');
  });

  it('keeps file names free of folders and forbidden characters', () => {
    expect(safeFileName('cases 2026-03.csv')).toBe('cases 2026-03.csv');
    expect(safeFileName('../../etc/passwd')).toBe('-..-etc-passwd');
    expect(safeFileName('a:b*c?.xlsx')).toBe('a-b-c-.xlsx');
    expect(safeFileName('line\nbreak.csv')).toBe('line-break.csv');
    expect(safeFileName('...')).toBe('export');
  });

  it('offers the file through a temporary download link, then lets the URL go', async () => {
    const blobs: Blob[] = [];
    vi.useFakeTimers();
    try {
      const revoked: string[] = [];
      const clicked: { href: string; download: string; inDocument: boolean }[] = [];
      const onClick = (event: Event) => {
        event.preventDefault();
        const link = event.target as HTMLAnchorElement;
        clicked.push({ href: link.getAttribute('href') ?? '', download: link.download, inDocument: document.body.contains(link) });
      };
      document.addEventListener('click', onClick);
      const name = downloadFile(
        { fileName: 'cases.csv', mimeType: 'text/csv;charset=utf-8', dataBase64: b64(CSV), rows: 1 },
        {
          document,
          createUrl: (blob) => {
            blobs.push(blob);
            return 'blob:deskwatch/1';
          },
          revokeUrl: (url) => revoked.push(url),
        },
      );
      document.removeEventListener('click', onClick);
      expect(name).toBe('cases.csv');
      expect(clicked).toEqual([{ href: 'blob:deskwatch/1', download: 'cases.csv', inDocument: true }]);
      expect(document.querySelectorAll('a')).toHaveLength(0);
      expect(revoked).toEqual([]);
      vi.advanceTimersByTime(10_000);
      expect(revoked).toEqual(['blob:deskwatch/1']);
    } finally {
      vi.useRealTimers();
    }
    // Read with real timers: jsdom's FileReader answers on a timer.
    expect(await readText(blobs[0]!)).toBe(CSV);
  });
});
