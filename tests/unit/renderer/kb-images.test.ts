// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/knowledge';
import { base64Of, checkImageFile, sizeWords } from '../../../renderer/src/lib/image-files';
import { dataUrl } from '../../../renderer/src/stores/kb-attachment-store';

describe('an image chosen for an article', () => {
  it('is taken when it is a PNG, JPEG, GIF or WebP of at most 2 MB', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) {
      expect(checkImageFile({ name: 'a', type, size: 10 })).toEqual({ ok: true, mediaType: type });
    }
    expect(checkImageFile({ name: 'edge.png', type: 'image/png', size: ATTACHMENT_MAX_BYTES }).ok).toBe(true);
  });

  it('is refused, in words naming the file, when it is another type, empty or too large', () => {
    expect(checkImageFile({ name: 'logo.svg', type: 'image/svg+xml', size: 10 })).toEqual({ ok: false, message: 'logo.svg is not a PNG, JPEG, GIF or WebP image (it is image/svg+xml).' });
    expect(checkImageFile({ name: 'notes', type: '', size: 10 })).toEqual({ ok: false, message: 'notes is not a PNG, JPEG, GIF or WebP image.' });
    expect(checkImageFile({ name: 'empty.png', type: 'image/png', size: 0 })).toEqual({ ok: false, message: 'empty.png is empty.' });
    expect(checkImageFile({ name: 'big.jpg', type: 'image/jpeg', size: ATTACHMENT_MAX_BYTES + 1 })).toEqual({
      ok: false,
      message: 'big.jpg is 2.0 MB; an image may be at most 2 MB.',
    });
  });

  it('is sent as base64 of its bytes, large ones too', async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const sent = await base64Of(new Blob([bytes]));
    expect(Uint8Array.from(atob(sent), (c) => c.charCodeAt(0))).toEqual(bytes);
    expect(await base64Of(new Blob([new Uint8Array([0xff, 0xfe, 0x00])]))).toBe('//4A');
    expect(await base64Of(new Blob([]))).toBe('');
  });

  it('has its size in words', () => {
    expect([sizeWords(900), sizeWords(12_345), sizeWords(1_500_000)]).toEqual(['900 bytes', '12 KB', '1.4 MB']);
  });
});

describe('an attachment shown in the console', () => {
  it('is a data: URL of one of the four image types', () => {
    expect(dataUrl({ mediaType: 'image/png', dataBase64: 'iVBORw0KGgo=' })).toBe('data:image/png;base64,iVBORw0KGgo=');
  });

  it('is never shown as another type, nor with data that is not plain base64', () => {
    expect(dataUrl({ mediaType: 'image/svg+xml' as never, dataBase64: 'PHN2Zz4=' })).toBeNull();
    expect(dataUrl({ mediaType: 'text/html' as never, dataBase64: 'PHA+' })).toBeNull();
    expect(dataUrl({ mediaType: 'image/png', dataBase64: 'abc"><script>' })).toBeNull();
    expect(dataUrl({ mediaType: 'image/png', dataBase64: '' })).toBeNull();
  });
});
