/**
 * Screenshots an employee attaches to a request, checked here as they are chosen so a wrong file
 * is refused at once, in words; the core checks them again, by their bytes.
 */
import { SCREENSHOT_LIMITS, type ScreenshotUpload } from '../../../../shared/support';
import { base64Of, sizeWords } from '../../lib/image-files';

type Limits = typeof SCREENSHOT_LIMITS;
type FileFacts = Pick<File, 'name' | 'type' | 'size'>;

/** Every problem with this choice of files, one sentence each; empty when they may all be sent. */
export function screenshotProblems(files: readonly FileFacts[], limits: Limits = SCREENSHOT_LIMITS): string[] {
  const problems: string[] = [];
  if (files.length > limits.files) problems.push(`Choose at most ${limits.files} screenshots; you chose ${files.length}.`);
  for (const file of files) {
    const type = file.type.toLowerCase();
    if (!(limits.types as readonly string[]).includes(type)) {
      problems.push(`${file.name} is not a PNG, JPEG, GIF or WebP picture.`);
    } else if (file.size === 0) {
      problems.push(`${file.name} is empty.`);
    } else if (file.size > limits.bytesEach) {
      problems.push(`${file.name} is too large (${sizeWords(file.size)}); a screenshot may be at most ${sizeWords(limits.bytesEach)}.`);
    } else if (file.name.length > limits.fileName) {
      problems.push(`${file.name.slice(0, 40)}… has a name longer than ${limits.fileName} characters; rename it first.`);
    }
  }
  return problems;
}

/** The files as the request carries them: their names and bytes in base64. */
export async function screenshotUploads(files: readonly File[]): Promise<ScreenshotUpload[]> {
  return Promise.all(files.map(async (file) => ({ fileName: file.name, dataBase64: await base64Of(file) })));
}

export { sizeWords };
