import { describe, expect, it, vi } from 'vitest';
import type { DeskwatchApi } from '../../../shared/api';
import { desktopPdfSaver, pdfButtonLabel, saveReportPdf, type PdfSaver } from '../../../renderer/src/lib/report-pdf';

describe('the Reports screen’s PDF button', () => {
  it('in a browser (no window.deskwatch, or one without printToPdf) prints through the print dialog', () => {
    expect(desktopPdfSaver({})).toBeNull();
    expect(desktopPdfSaver({ deskwatch: {} as Pick<DeskwatchApi, 'printToPdf'> })).toBeNull();
    expect(pdfButtonLabel(null)).toBe('Print / Save as PDF');
  });

  it('in the desktop app saves through printToPdf, called on the object the preload exposed', async () => {
    const deskwatch = {
      calls: [] as unknown[],
      async printToPdf(this: { calls: unknown[] }, request: unknown) {
        // A method of the exposed object: it must be called through it, not as a loose function.
        this.calls.push(request);
        return { ok: true as const, value: { path: '/home/pat/sla.pdf' } };
      },
    };
    const saver = desktopPdfSaver({ deskwatch });
    expect(saver).not.toBeNull();
    expect(pdfButtonLabel(saver)).toBe('Save as PDF');
    await expect(saveReportPdf(saver!, { title: 'SLA compliance report', landscape: false })).resolves.toEqual({
      kind: 'saved',
      notice: 'Saved the PDF to /home/pat/sla.pdf.',
    });
    expect(deskwatch.calls).toEqual([{ title: 'SLA compliance report', landscape: false }]);
  });

  it('says nothing went wrong when the dialog was cancelled', async () => {
    const saver: PdfSaver = vi.fn(async () => ({ ok: true as const, value: null }));
    await expect(saveReportPdf(saver, { title: 'Trends report' })).resolves.toEqual({ kind: 'cancelled' });
  });

  it('shows the desktop app’s refusal as it came, and a rejection as an internal error', async () => {
    const refusal = { code: 'internal' as const, message: 'The PDF could not be saved to /mnt/full/sla.pdf: ENOSPC.' };
    await expect(saveReportPdf(async () => ({ ok: false, error: refusal }), { title: 'SLA' })).resolves.toEqual({ kind: 'failed', error: refusal });
    const rejecting: PdfSaver = async () => {
      throw new Error('An object could not be cloned.');
    };
    await expect(saveReportPdf(rejecting, { title: 'SLA' })).resolves.toEqual({
      kind: 'failed',
      error: { code: 'internal', message: 'An object could not be cloned.' },
    });
  });
});
