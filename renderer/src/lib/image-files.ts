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

/** The file's bytes as base64, as every transport carries an image. */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/** "12 KB", "1.4 MB": an image's size as a person reads it. */
export function sizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MB) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}
