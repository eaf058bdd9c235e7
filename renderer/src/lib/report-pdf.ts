/**
 * The Reports screen's PDF button. The desktop app saves the report as a PDF itself (its preload
 * offers `printToPdf`: a save dialog, then the page printed with its print stylesheet); a browser
 * has no such call and opens its print dialog, where "Save as PDF" is one of the printers.
 */
import type { DeskwatchApi, PrintToPdfRequest } from '../../../shared/api';
import type { ContractError } from '../../../shared/result';

export type PdfSaver = NonNullable<DeskwatchApi['printToPdf']>;

/** What came of a click: the words for the status line, or the error to show. */
export type PdfOutcome = { kind: 'saved'; notice: string } | { kind: 'cancelled' } | { kind: 'failed'; error: ContractError };

/** The desktop app's call, when this page runs in it; null in a browser. */
export function desktopPdfSaver(win: { deskwatch?: Pick<DeskwatchApi, 'printToPdf'> }): PdfSaver | null {
  const api = win.deskwatch;
  if (!api || typeof api.printToPdf !== 'function') return null;
  // Called through the object: the preload's function is a context-bridge proxy of a method.
  return (request) => api.printToPdf!(request);
}

export function pdfButtonLabel(saver: PdfSaver | null): string {
  return saver ? 'Save as PDF' : 'Print / Save as PDF';
}

/** Asks the desktop app to save the PDF; never rejects (a failed delivery is a `failed` outcome). */
export async function saveReportPdf(saver: PdfSaver, request: PrintToPdfRequest): Promise<PdfOutcome> {
  try {
    const result = await saver(request);
    if (!result.ok) return { kind: 'failed', error: result.error };
    if (result.value === null) return { kind: 'cancelled' };
    return { kind: 'saved', notice: `Saved the PDF to ${result.value.path}.` };
  } catch (problem) {
    return { kind: 'failed', error: { code: 'internal', message: problem instanceof Error ? problem.message : 'The PDF could not be saved' } };
  }
}
