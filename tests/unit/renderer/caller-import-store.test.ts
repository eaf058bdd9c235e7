import { describe, expect, it } from 'vitest';
import { useCallerImportStore } from '../../../renderer/src/stores/caller-import-store';
import { atTheIntakeConsole } from './support/intake-setup';

const CSV = ['Name,Building', 'Ruth Adler,Hickman High School', 'Omar Said,Atlantis School', 'Kim Lee,Battle High School'].join('\n');

describe('useCallerImportStore', () => {
  it('offers the import only after a dry run that would write something', async () => {
    const { api } = await atTheIntakeConsole();
    const store = useCallerImportStore();
    store.choose({ name: 'staff.csv', text: CSV });
    expect(store.canImport).toBe(false);
    expect(await store.importNow()).toBeNull();
    expect(api.callsTo('callers.import')).toHaveLength(0);

    const report = await store.dryRun();
    expect(report).toMatchObject({ rejected: true, problems: [{ line: 3, reason: 'unknown building "Atlantis School"' }] });
    expect(store.reportKind).toBe('dry-run');
    // Bad rows and no "skip invalid": importing would write nothing.
    expect(store.canImport).toBe(false);
    expect(api.callers).toHaveLength(0);
  });

  it('with skip invalid: the dry run, then the import of the good rows', async () => {
    const { api } = await atTheIntakeConsole();
    const store = useCallerImportStore();
    store.choose({ name: 'staff.csv', text: CSV });
    await store.dryRun();

    store.setSkipInvalid(true);
    // The report was for the other option.
    expect(store.report).toBeNull();
    await store.dryRun();
    expect(store.report).toMatchObject({ created: 2, skipped: 1 });
    expect(store.canImport).toBe(true);

    const imported = await store.importNow();
    expect(imported).toMatchObject({ rejected: false, created: 2 });
    expect(store.reportKind).toBe('import');
    expect(store.canImport).toBe(false);
    expect(api.callers.map((c) => c.name)).toEqual(['Ruth Adler', 'Kim Lee']);
    expect(api.callsTo('callers.import').map((c) => c.input)).toEqual([
      { csv: CSV, skipInvalid: false, dryRun: true },
      { csv: CSV, skipInvalid: true, dryRun: true },
      { csv: CSV, skipInvalid: true, dryRun: false },
    ]);
  });

  it('forgets the report when another file is chosen, and shows the core’s refusal', async () => {
    await atTheIntakeConsole();
    const store = useCallerImportStore();
    store.choose({ name: 'staff.csv', text: CSV });
    await store.dryRun();
    store.choose({ name: 'empty.csv', text: '' });
    expect(store.report).toBeNull();

    expect(await store.dryRun()).toBeNull();
    expect(store.error).toMatchObject({ field: 'csv', message: 'The file is empty' });
  });
});
