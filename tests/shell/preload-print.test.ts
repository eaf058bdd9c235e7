/**
 * `window.deskwatch.printToPdf` in the preload: one fixed channel to main, the request only, and
 * a Result whatever happens (the page never sees a rejection or the IPC event).
 */
import { describe, expect, it, vi } from 'vitest';
import { createDeskwatchApi } from '../../electron/preload/deskwatch-api';
import { PRINT_CHANNELS } from '../../electron/preload/shell-channels';

vi.mock('electron', () => ({}));

function apiWith(invoke: (...args: unknown[]) => Promise<unknown>) {
  const ipc = { invoke: vi.fn(invoke), on: vi.fn() };
  return { api: createDeskwatchApi(ipc as never), ipc };
}

describe('printToPdf in the preload', () => {
  it('asks main on the print channel with the request only, and hands back its answer', async () => {
    const { api, ipc } = apiWith(async () => ({ ok: true, value: { path: '/home/pat/sla.pdf' } }));
    await expect(api.printToPdf!({ title: 'SLA compliance report', landscape: false })).resolves.toEqual({ ok: true, value: { path: '/home/pat/sla.pdf' } });
    expect(ipc.invoke).toHaveBeenCalledWith(PRINT_CHANNELS.printToPdf, { title: 'SLA compliance report', landscape: false });
    expect(ipc.invoke.mock.calls[0]).toHaveLength(2);
  });

  it('passes a cancelled dialog (null) and main’s refusals through unchanged', async () => {
    const refusal = { ok: false, error: { code: 'invalid_input', message: 'The title is empty.', field: 'title' } };
    const answers = [{ ok: true, value: null }, refusal];
    const { api } = apiWith(async () => answers.shift());
    await expect(api.printToPdf!({ title: 'SLA' })).resolves.toEqual({ ok: true, value: null });
    await expect(api.printToPdf!({ title: '' })).resolves.toEqual(refusal);
  });

  it('turns a failed delivery into an internal error result, never a rejection', async () => {
    const { api } = apiWith(async () => {
      throw new Error("No handler registered for 'deskwatch-print:to-pdf'");
    });
    await expect(api.printToPdf!({ title: 'SLA' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('No handler registered') },
    });
  });
});
