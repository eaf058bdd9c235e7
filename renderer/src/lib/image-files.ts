/**
 * An image file the person chose for an article, checked here before it is sent so that a wrong
 * file is refused at once, in words; the core checks it again (type by its bytes, size, count).
 */
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentType } from '../../../shared/knowledge';

export type CheckedImage = { ok: true; mediaType: AttachmentType } | { ok: false; message: string };

const MB = 1024 * 1024;

/** Whether the file is one of the image types an article may hold, and small enough. */
export function checkImageFile(file: Pick<File, 'name' | 'type' | 'size'>): CheckedImage {
  const type = file.type.toLowerCase();
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
    return { ok: false, message: `${file.name} is not a PNG, JPEG, GIF or WebP image${type ? ` (it is ${type})` : ''}.` };
  }
  if (file.size === 0) return { ok: false, message: `${file.name} is empty.` };
  if (file.size > ATTACHMENT_MAX_BYTES) {
    return { ok: false, message: `${file.name} is ${(file.size / MB).toFixed(1)} MB; an image may be at most ${ATTACHMENT_MAX_BYTES / MB} MB.` };
  }
  return { ok: true, mediaType: type as AttachmentType };
}

/** The file's bytes as base64, as every transport carries an image (the browser encodes it: a data: URL's payload). */
export function base64Of(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** "12 KB", "1.4 MB": an image's size as a person reads it. */
export function sizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MB) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}
