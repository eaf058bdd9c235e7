/**
 * "Save as PDF" in the desktop app (electron mocked; the file system is real): main asks where
 * with a save dialog on the sender's window, prints the sender's page and writes what Chromium
 * returned, and answers nothing to a page it does not trust or a request it cannot read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow, Dialog, IpcMain, SaveDialogOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrintToPdfRequest, SavedPdf } from '../../shared/api';
import type { Result } from '../../shared/result';
import { PDF_TITLE_MAX_LENGTH, pdfFileName, readPrintRequest, registerPrintToPdf } from '../../electron/main/print-to-pdf';
import { resolveRendererLocation } from '../../electron/main/renderer-location';
import type { SenderPolicy } from '../../electron/main/sender-check';
import { PRINT_CHANNELS } from '../../electron/preload/shell-channels';
import { FakeBrowserWindow, FakeIpcMain, FakeWebContents, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((module) => module.electronModule));

const renderer = resolveRendererLocation({ indexHtmlPath: '/app/out/renderer/index.html', isPackaged: true });
const PAGE = 'file:///app/out/renderer/index.html#/reports';
/** A PDF as Chromium would hand it back: bytes that are not text, so a lossy write would show. */
const PDF_BYTES = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff]), Buffer.from('\n%%EOF\n')]);

type Answer = Result<SavedPdf | null>;

let folder: string;

beforeEach(() => {
  resetFakeElectron();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-pdf-'));
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

/** Our window (its page prints to PDF_BYTES), a window the app did not create, and the handler between them and main. */
function setUp(chosen: { canceled: boolean; filePath?: string } = { canceled: true }) {
  const window = new FakeBrowserWindow({});
  const page = Object.assign(window.webContents, { printToPDF: vi.fn(async (_options: unknown) => PDF_BYTES) });
  page.mainFrame.url = PAGE;
  const stranger = Object.assign(new FakeWebContents(), { printToPDF: vi.fn(async () => PDF_BYTES) });
  const senders: SenderPolicy = { renderer, isOwnWebContents: (contents) => contents.id === page.id };
  const showSaveDialog = vi.fn(async (..._args: [BrowserWindow, SaveDialogOptions] | [SaveDialogOptions]) => ({ ...chosen, filePath: chosen.filePath ?? '' }));
  const ipcMain = new FakeIpcMain();
  const log = vi.fn();
  const remove = registerPrintToPdf({
    ipcMain: ipcMain as unknown as IpcMain,
    senders,
    dialog: { showSaveDialog } as unknown as Dialog,
    windowOf: (sender) => (sender.id === page.id ? (window as unknown as BrowserWindow) : undefined),
    log,
    now: () => new Date(2026, 11, 3, 9, 30),
  });
  const ask = (request: unknown, sender = page, frame: { url: string; parent: unknown } | null = { url: PAGE, parent: null }) => {
    const handler = ipcMain.handlers.get(PRINT_CHANNELS.printToPdf);
    if (!handler) throw new Error('no print handler');
    return handler({ sender, senderFrame: frame }, request) as Promise<Answer>;
  };
  return { window, page, stranger, showSaveDialog, ipcMain, log, remove, ask };
}

const filesIn = (dir: string) => fs.readdirSync(dir);

describe('saving the page as a PDF', () => {
  it('registers one channel and removes it again', () => {
    const { ipcMain, remove } = setUp();
    expect([...ipcMain.handlers.keys()]).toEqual([PRINT_CHANNELS.printToPdf]);
    remove();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('writes exactly the bytes printToPDF returned to the file chosen in the dialog, and answers its path', async () => {
    const target = path.join(folder, 'sla.pdf');
    const { ask, page, window, showSaveDialog } = setUp({ canceled: false, filePath: target });

    const answer = await ask({ title: 'SLA compliance report', landscape: true });

    expect(answer).toEqual({ ok: true, value: { path: target } });
    expect(fs.readFileSync(target).equals(PDF_BYTES)).toBe(true);
    // The dialog sits on the window that asked, proposes a dated name made from the title, and offers PDF only.
    expect(showSaveDialog).toHaveBeenCalledTimes(1);
    const [parent, options] = showSaveDialog.mock.calls[0] as [BrowserWindow, SaveDialogOptions];
    expect(parent).toBe(window);
    expect(options.defaultPath).toBe('deskwatch-sla-compliance-report-2026-12-03.pdf');
    expect(options.filters).toEqual([{ name: 'PDF', extensions: ['pdf'] }]);
    expect(page.printToPDF).toHaveBeenCalledWith({ printBackground: true, pageSize: 'Letter', landscape: true });
  });

  it('prints portrait when the page does not ask for landscape', async () => {
    const { ask, page } = setUp({ canceled: false, filePath: path.join(folder, 'trends.pdf') });
    await expect(ask({ title: 'Trends report' })).resolves.toMatchObject({ ok: true });
    expect(page.printToPDF).toHaveBeenCalledWith({ printBackground: true, pageSize: 'Letter', landscape: false });
  });

  it('a cancelled dialog prints nothing, writes nothing and answers null', async () => {
    const { ask, page, showSaveDialog } = setUp({ canceled: true });
    await expect(ask({ title: 'SLA compliance report' })).resolves.toEqual({ ok: true, value: null });
    expect(showSaveDialog).toHaveBeenCalledTimes(1);
    expect(page.printToPDF).not.toHaveBeenCalled();
    expect(filesIn(folder)).toEqual([]);
  });

  it('a file that cannot be written answers internal, naming the path, and leaves nothing behind', async () => {
    const target = path.join(folder, 'no-such-folder', 'sla.pdf');
    const { ask, log } = setUp({ canceled: false, filePath: target });
    const answer = await ask({ title: 'SLA compliance report' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining(target) } });
    expect(filesIn(folder)).toEqual([]);
    expect(log).toHaveBeenCalled();
  });

  it('a failed print answers internal in words, and writes nothing', async () => {
    const target = path.join(folder, 'sla.pdf');
    const { ask, page } = setUp({ canceled: false, filePath: target });
    page.printToPDF.mockRejectedValueOnce(new Error('Failed to generate PDF'));
    await expect(ask({ title: 'SLA compliance report' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('Failed to generate PDF') },
    });
    expect(filesIn(folder)).toEqual([]);
  });

  it('refuses a second save from the same window while the first dialog is open', async () => {
    const target = path.join(folder, 'sla.pdf');
    const { ask, showSaveDialog } = setUp();
    let choose: (value: { canceled: boolean; filePath: string }) => void = () => undefined;
    showSaveDialog.mockImplementationOnce(() => new Promise((resolve) => (choose = resolve)));
    const first = ask({ title: 'SLA compliance report' });
    await expect(ask({ title: 'SLA compliance report' })).resolves.toMatchObject({ ok: false, error: { code: 'conflict' } });
    choose({ canceled: false, filePath: target });
    await expect(first).resolves.toEqual({ ok: true, value: { path: target } });
    expect(fs.readFileSync(target).equals(PDF_BYTES)).toBe(true);
  });
});

describe('who may ask', () => {
  it.each([
    ['a webContents the app did not create', 'stranger', { url: PAGE, parent: null }, /did not create/],
    ['a sub-frame of our page', 'ours', { url: PAGE, parent: { url: PAGE, parent: null } }, /sub-frame/],
    ['our window after it navigated away', 'ours', { url: 'https://evil.example/', parent: null }, /not the Deskwatch renderer/],
    ['a frame that is gone', 'ours', null, /gone/],
  ] as const)('refuses %s before any dialog or print', async (_label, who, frame, reason) => {
    const { ask, page, stranger, showSaveDialog, log } = setUp({ canceled: false, filePath: path.join(folder, 'x.pdf') });
    const sender = who === 'stranger' ? stranger : page;
    const answer = await ask({ title: 'SLA compliance report' }, sender, frame);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(reason) } });
    expect(showSaveDialog).not.toHaveBeenCalled();
    expect(page.printToPDF).not.toHaveBeenCalled();
    expect(stranger.printToPDF).not.toHaveBeenCalled();
    expect(filesIn(folder)).toEqual([]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(PRINT_CHANNELS.printToPdf));
  });
});

describe('what the page may ask', () => {
  it.each([
    ['no request', undefined, undefined, /title, landscape/],
    ['a string', 'SLA', undefined, /title, landscape/],
    ['an array', [{ title: 'SLA' }], undefined, /title, landscape/],
    ['a title that is not text', { title: 42 }, 'title', /text/],
    ['an empty title', { title: '   ' }, 'title', /empty/],
    ['a title that is too long', { title: 'x'.repeat(PDF_TITLE_MAX_LENGTH + 1) }, 'title', /longer than 120/],
    ['a landscape that is not true or false', { title: 'SLA', landscape: 'yes' }, 'landscape', /true or false/],
    ['a path of its own choosing', { title: 'SLA', path: '/etc/cron.d/x' }, 'path', /does not take "path"/],
  ])('refuses %s with the field named, before any dialog', async (_label, request, field, message) => {
    const { ask, showSaveDialog, page } = setUp({ canceled: false, filePath: path.join(folder, 'x.pdf') });
    const answer = await ask(request);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid_input');
    expect(answer.error.field).toBe(field);
    expect(answer.error.message).toMatch(message);
    expect(showSaveDialog).not.toHaveBeenCalled();
    expect(page.printToPDF).not.toHaveBeenCalled();
  });

  it('reads a good request, trimmed, portrait unless asked', () => {
    expect(readPrintRequest({ title: '  SLA report ' })).toEqual({ ok: true, value: { title: 'SLA report', landscape: false } satisfies PrintToPdfRequest });
    expect(readPrintRequest({ title: 'x'.repeat(PDF_TITLE_MAX_LENGTH), landscape: true })).toMatchObject({ ok: true, value: { landscape: true } });
  });

  it('never lets a separator, dot or reserved character of the title into the proposed name', () => {
    const day = new Date(2026, 0, 5);
    expect(pdfFileName('SLA compliance report', day)).toBe('deskwatch-sla-compliance-report-2026-01-05.pdf');
    expect(pdfFileName('../../etc/passwd', day)).toBe('deskwatch-etc-passwd-2026-01-05.pdf');
    expect(pdfFileName('C:\\Users\\x\\report', day)).toBe('deskwatch-c-users-x-report-2026-01-05.pdf');
    expect(pdfFileName('Réseau & Wi-Fi: <Hickman>?', day)).toBe('deskwatch-reseau-wi-fi-hickman-2026-01-05.pdf');
    expect(pdfFileName('...', day)).toBe('deskwatch-report-2026-01-05.pdf');
    expect(pdfFileName('a'.repeat(200), day)).toBe(`deskwatch-${'a'.repeat(60)}-2026-01-05.pdf`);
  });
});
