import { createHash } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, type AttachmentType } from '../../../shared/knowledge';
import { DomainError } from '../errors';

/** The first bytes each accepted image type starts with: a file is what its bytes say, not what its name or label claims. */
const SIGNATURES: Readonly<Record<AttachmentType, (b: Buffer) => boolean>> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** The image type a file's first bytes say it is, whatever its name or label; null for anything else. */
export function imageTypeOf(data: Buffer): AttachmentType | null {
  return (Object.keys(SIGNATURES) as AttachmentType[]).find((type) => SIGNATURES[type](data)) ?? null;
}

export interface CheckedImage {
  bytes: number;
  sha256: string;
  /** Canonical base64 of the decoded bytes (what is stored). */
  base64: string;
}

/** Decodes an uploaded image and refuses one that is too large or is not the type it claims to be. */
export function checkImage(fileName: string, mediaType: AttachmentType, dataBase64: string): CheckedImage {
  const data = Buffer.from(dataBase64, 'base64');
  if (data.length === 0) throw new DomainError('invalid_input', `${fileName} is empty`, 'dataBase64');
  if (data.length > ATTACHMENT_MAX_BYTES) {
    throw new DomainError('invalid_input', `${fileName} is ${(data.length / 1024 / 1024).toFixed(1)} MB; an image may be at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`, 'dataBase64');
  }
  if (!SIGNATURES[mediaType](data)) {
    throw new DomainError('invalid_input', `${fileName} is not a ${mediaType.replace('image/', '').toUpperCase()} image (its content does not match its type)`, 'dataBase64');
  }
  return { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), base64: data.toString('base64') };
}
