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
