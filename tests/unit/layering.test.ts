import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|vue|mts|mjs)$/.test(f))
    .map((f) => path.join(dir, f));
}

const importsOf = (file: string): string[] =>
  [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');

/** The layering the architecture asks for, checked on the files themselves (ESLint checks it too). */
describe('layering', () => {
  const shell = (f: string) => f.startsWith(`electron${path.sep}main`) || f.startsWith(`electron${path.sep}preload`);

  it('only electron/main and electron/preload import electron', () => {
    const offenders = ['electron', 'shared', 'renderer', 'scripts', 'bench']
      .flatMap(sourceFiles)
      .filter((f) => !shell(f) && importsOf(f).some((i) => i === 'electron' || i.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('shared/ uses no Node API and nothing from either side', () => {
    const offenders = sourceFiles('shared').filter((f) =>
      importsOf(f).some((i) => i.startsWith('node:') || /(^|\/)(electron|renderer)\//.test(i) || ['fs', 'path', 'os'].includes(i)),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches the core only through shared/', () => {
    const offenders = sourceFiles('renderer').filter((f) => importsOf(f).some((i) => /(^|\/)electron\//.test(i) || i.startsWith('node:')));
    expect(offenders).toEqual([]);
  });
});

/**
 * The core writes through `writeTransaction` only: on SQLite a write outside it could run inside
 * another caller's open transaction on the one shared connection, and vanish with its rollback.
 */
describe('write discipline', () => {
  const WRITE_OUTSIDE = [
    /\b(?:this\.)?db\.transaction\(/,
    /\b(?:this\.)?(?:db|dataSource)\.getRepository\([^)]*\)\s*\.(?:save|insert|update|delete|upsert|remove|increment|decrement)\(/,
    /\b(?:this\.)?(?:db|dataSource)\.query\(\s*[`'"]\s*(?:INSERT|UPDATE|DELETE|REPLACE)\b/i,
  ];
  it('no core module writes around writeTransaction', () => {
    const core = sourceFiles(path.join('electron', 'core')).filter((f) => !f.includes(`${path.sep}migrations${path.sep}`) && !f.endsWith('write-transaction.ts'));
    const offenders = core.flatMap((f) => {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      return WRITE_OUTSIDE.filter((re) => re.test(text)).map((re) => `${f}: ${re.source}`);
    });
    expect(offenders).toEqual([]);
  });

  it('the check itself finds a write around the gate', () => {
    expect(WRITE_OUTSIDE.some((re) => re.test('await this.db.getRepository(CaseEntity).update({ id }, { room })'))).toBe(true);
    expect(WRITE_OUTSIDE.some((re) => re.test('await this.db.transaction(async (m) => m.save(x))'))).toBe(true);
    expect(WRITE_OUTSIDE.some((re) => re.test('await this.db.getRepository(CaseEntity).findOneBy({ id })'))).toBe(false);
  });
});

