import { writeFile } from 'node:fs/promises';
import type { BrowserWindow, Dialog, IpcMain, SaveDialogOptions, WebContents } from 'electron';
import type { PrintToPdfRequest, SavedPdf } from '../../shared/api';
import { fail, ok, type Result } from '../../shared/result';
import { PRINT_CHANNELS } from '../preload/shell-channels';
import { refuseUntrustedSender, type SenderInfo, type SenderPolicy } from './sender-check';

/** Longer titles are refused: the file name is made from it, and no report is titled in a paragraph. */
export const PDF_TITLE_MAX_LENGTH = 120;
/** The slug of the title in the proposed file name stays short enough for every file system. */
const SLUG_MAX_LENGTH = 60;
const REQUEST_FIELDS = new Set(['title', 'landscape']);

/** The part of an IPC event this module reads: the sender check's fields, and the page to print. */
export interface PrintEvent extends SenderInfo {
  sender: Pick<WebContents, 'id' | 'printToPDF'>;
}

export interface PrintToPdfOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  senders: SenderPolicy;
  dialog: Pick<Dialog, 'showSaveDialog'>;
  /** The window showing `sender`, to hold the save dialog; undefined: the dialog stands alone. */
  windowOf: (sender: Pick<WebContents, 'id'>) => BrowserWindow | undefined;
  log: (message: string, error?: unknown) => void;
  /** Today, for the proposed file name (tests pass a fixed day). */
  now?: () => Date;
  writeFile?: (file: string, data: Uint8Array) => Promise<void>;
}

/**
 * The desktop app's "Save as PDF": main asks where (a save dialog on the sender's window), has
 * Chromium print the sender's own page to PDF (print media, so the same print stylesheet as a
 * browser's print dialog) and writes the file. The page names only a title and an orientation;
 * the path is the person's choice in the dialog, never the page's. Same sender check as every
 * other channel. Returns the function that removes the handler.
 */
export function registerPrintToPdf(options: PrintToPdfOptions): () => void {
  // One save at a time per window: a second click while the dialog is open would stack dialogs.
  const busy = new Set<number>();
  options.ipcMain.handle(PRINT_CHANNELS.printToPdf, (event, request: unknown) => answer(event, request, options, busy));
  return () => options.ipcMain.removeHandler(PRINT_CHANNELS.printToPdf);
}

async function answer(event: PrintEvent, input: unknown, options: PrintToPdfOptions, busy: Set<number>): Promise<Result<SavedPdf | null>> {
  const refused = refuseUntrustedSender(event, options.senders, PRINT_CHANNELS.printToPdf, options.log);
  if (refused) return refused;
  const request = readPrintRequest(input);
  if (!request.ok) return request;
  const sender = event.sender;
  if (busy.has(sender.id)) return fail('conflict', 'A PDF of this window is already being saved: finish or cancel that first.');
  busy.add(sender.id);
  try {
    return await savePdf(sender, request.value, options);
  } finally {
    busy.delete(sender.id);
  }
}

async function savePdf(sender: PrintEvent['sender'], request: PrintToPdfRequest, options: PrintToPdfOptions): Promise<Result<SavedPdf | null>> {
  const dialogOptions: SaveDialogOptions = {
    title: 'Save as PDF',
    defaultPath: pdfFileName(request.title, (options.now ?? (() => new Date()))()),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
  let target: string | undefined;
  try {
    const parent = options.windowOf(sender);
    const chosen = parent ? await options.dialog.showSaveDialog(parent, dialogOptions) : await options.dialog.showSaveDialog(dialogOptions);
    target = chosen.canceled || !chosen.filePath ? undefined : chosen.filePath;
  } catch (error) {
    options.log('deskwatch: the save dialog failed', error);
    return fail('internal', `The save dialog could not be shown: ${messageOf(error)}.`);
  }
  // Cancelled: nothing is printed or written; the page says nothing went wrong.
  if (target === undefined) return ok(null);

  let pdf: Uint8Array;
  try {
    // Letter: the district's paper. printToPDF lays the page out for print media, so reports.css's print rules apply.
    pdf = await sender.printToPDF({ printBackground: true, pageSize: 'Letter', landscape: request.landscape });
  } catch (error) {
    options.log('deskwatch: printing to PDF failed', error);
    return fail('internal', `The report could not be printed to PDF: ${messageOf(error)}.`);
  }
  try {
    await (options.writeFile ?? writeFile)(target, pdf);
  } catch (error) {
    options.log(`deskwatch: could not write ${target}`, error);
    return fail('internal', `The PDF could not be saved to ${target}: ${messageOf(error)}.`);
  }
  return ok({ path: target });
}

/**
 * The page's request, checked field by field: a title (the proposed file name is made from it)
 * and an optional orientation. Anything else is refused with the field named, so a page bug shows.
 */
export function readPrintRequest(input: unknown): Result<PrintToPdfRequest> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('invalid_input', 'Save as PDF needs { title, landscape? }.');
  const fields = input as Record<string, unknown>;
  const extra = Object.keys(fields).find((key) => !REQUEST_FIELDS.has(key));
  if (extra !== undefined) return fail('invalid_input', `Save as PDF does not take "${extra}".`, extra);
  const { title, landscape } = fields;
  if (typeof title !== 'string') return fail('invalid_input', 'The title must be text.', 'title');
  const trimmed = title.trim();
  if (!trimmed) return fail('invalid_input', 'The title is empty.', 'title');
  if (trimmed.length > PDF_TITLE_MAX_LENGTH) return fail('invalid_input', `The title is longer than ${PDF_TITLE_MAX_LENGTH} characters.`, 'title');
  if (landscape !== undefined && typeof landscape !== 'boolean') return fail('invalid_input', 'Landscape must be true or false.', 'landscape');
  return ok({ title: trimmed, landscape: landscape === true });
}

/**
 * The proposed file name: `deskwatch-<title slug>-<YYYY-MM-DD>.pdf` (local date). Only ASCII
 * letters and digits of the title survive, so no separator, dot or reserved character of any
 * file system reaches the name.
 */
export function pdfFileName(title: string, day: Date): string {
  const slug =
    title
      .normalize('NFKD')
      // The accents NFKD split off go, so "Réseau" keeps its letters together as "reseau".
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, SLUG_MAX_LENGTH)
      .replace(/^-+|-+$/g, '') || 'report';
  const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  return `deskwatch-${slug}-${date}.pdf`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
