/**
 * The images of knowledge-base articles as the console shows them: `data:` URLs (the page's
 * Content-Security-Policy allows images from `data:` and the console's own origin only), read once
 * per attachment through `kb.attachment` and kept while the console runs. An attachment's bytes
 * never change (a new image is a new attachment), so a kept one never goes stale.
 */
import { defineStore } from 'pinia';
import { ATTACHMENT_TYPES, type AttachmentData } from '../../../shared/knowledge';
import { useSessionStore } from './session-store';

/** What an image element shows: the image, or why not. */
export type AttachmentImage = { ok: true; url: string } | { ok: false; message: string };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export const useKbAttachmentStore = defineStore('kb-attachments', () => {
  const session = useSessionStore();
  /** Answers on their way or arrived, by attachment id; a failed read is forgotten so it is tried again. */
  const images = new Map<number, Promise<AttachmentImage>>();

  function image(id: number): Promise<AttachmentImage> {
    let found = images.get(id);
    if (!found) {
      found = read(id);
      images.set(id, found);
      void found.then((answer) => {
        if (!answer.ok) images.delete(id);
      });
    }
    return found;
  }

  async function read(id: number): Promise<AttachmentImage> {
    const result = await session.call('kb.attachment', { id });
    if (!result.ok) return { ok: false, message: result.error.message };
    const url = dataUrl(result.value);
    return url ? { ok: true, url } : { ok: false, message: 'The image is not a PNG, JPEG, GIF or WebP image.' };
  }

  /** A detached image is not shown again. */
  function forget(id: number): void {
    images.delete(id);
  }

  return { image, forget };
});

/**
 * The image as a `data:` URL, for the four image types only (never SVG, which can carry script),
 * and only when its data is plain base64 (nothing can end the URL early).
 */
export function dataUrl(attachment: Pick<AttachmentData, 'mediaType' | 'dataBase64'>): string | null {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(attachment.mediaType)) return null;
  if (!BASE64.test(attachment.dataBase64)) return null;
  return `data:${attachment.mediaType};base64,${attachment.dataBase64}`;
}
