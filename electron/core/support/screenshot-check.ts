/**
 * Screenshots an employee attaches: each file is what its bytes say (PNG, JPEG, GIF or WebP by
 * their magic numbers), never what its name or a stated type claims, so an HTML page named
 * .png or an SVG (which can carry script) is refused by name. Sizes and the count are the
 * form's limits (shared/support.ts SCREENSHOT_LIMITS).
 */
import { SCREENSHOT_LIMITS, type ScreenshotType, type ScreenshotUpload } from '../../../shared/support';
import { DomainError } from '../errors';
import { imageTypeOf } from '../kb/attachment-check';

export interface CheckedScreenshot {
  fileName: string;
  contentType: ScreenshotType;
  byteSize: number;
  /** Canonical base64 of the decoded bytes (what is stored). */
  dataBase64: string;
}

const MB = 1024 * 1024;

export function checkScreenshots(uploads: readonly ScreenshotUpload[] | undefined): CheckedScreenshot[] {
  const files = uploads ?? [];
  if (files.length > SCREENSHOT_LIMITS.files) {
    throw new DomainError('invalid_input', `Attach at most ${SCREENSHOT_LIMITS.files} screenshots; this request has ${files.length}`, 'screenshots');
  }
  return files.map((file, i) => {
    const field = `screenshots.${i}`;
    const name = file.fileName.trim();
    const bytes = Buffer.from(file.dataBase64, 'base64');
    if (bytes.length === 0) throw new DomainError('invalid_input', `${name} is empty`, field);
    if (bytes.length > SCREENSHOT_LIMITS.bytesEach) {
      throw new DomainError('invalid_input', `${name} is ${(bytes.length / MB).toFixed(1)} MB; a screenshot may be at most ${SCREENSHOT_LIMITS.bytesEach / MB} MB`, field);
    }
    const type = imageTypeOf(bytes);
    if (type === null || !(SCREENSHOT_LIMITS.types as readonly string[]).includes(type)) {
      throw new DomainError('invalid_input', `${name} is not a PNG, JPEG, GIF or WebP image; attach a screenshot in one of those formats`, field);
    }
    return { fileName: name, contentType: type, byteSize: bytes.length, dataBase64: bytes.toString('base64') };
  });
}
