import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_DIRS = ['shared', 'electron', 'renderer', 'scripts', 'bench', 'build'];
const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs|vue)$/;

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isFile() && SOURCE_FILE.test(entry.name) && !file.includes(`${path.sep}node_modules${path.sep}`) ? [path.relative(ROOT, file)] : [];
  });
}

/** Module specifiers a file loads at run time (`import type` and `export type` are erased, so they do not count). */
function runtimeImports(text: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /^\s*import\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    /^\s*export\s+(?!type\b)[^'";]*?\sfrom\s+['"]([^'"]+)['"]/gm,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

const isElectron = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/');

describe('only electron/main and electron/preload use Electron', () => {
  it('the import reader sees value imports and ignores type-only ones', () => {
    expect(runtimeImports("import { app } from 'electron';\nimport type { App } from 'electron';\nconst x = require('electron');")).toEqual(['electron', 'electron']);
  });

  it('no other source file imports electron', () => {
    const offenders = SOURCE_DIRS.flatMap(sourceFiles)
      .filter((file) => !file.startsWith(path.join('electron', 'main') + path.sep) && !file.startsWith(path.join('electron', 'preload') + path.sep))
      .filter((file) => runtimeImports(fs.readFileSync(path.join(ROOT, file), 'utf8')).some(isElectron));
    expect(offenders).toEqual([]);
  });
});

describe('the preload stays one small sandbox-safe bundle', () => {
  /**
   * Follows the preload's run-time imports. A sandboxed preload can require only 'electron', and
   * it must not pull in zod or the contract's schemas (bundle size, and a second copy of logic
   * that belongs to main): only the name lists and the result helpers may come along.
   */
  it('loads nothing but electron, its own folder, shared/channel-names and shared/result', () => {
    const allowedShared = new Set([path.join('shared', 'channel-names.ts'), path.join('shared', 'result.ts')]);
    const seen = new Set<string>();
    const outside: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of runtimeImports(fs.readFileSync(path.join(ROOT, file), 'utf8'))) {
        if (specifier === 'electron') continue;
        if (!specifier.startsWith('.')) {
          outside.push(`${file} → ${specifier}`);
          continue;
        }
        const base = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), specifier));
        const target = [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => fs.existsSync(path.join(ROOT, candidate)));
        if (!target) {
          outside.push(`${file} → ${specifier} (not found)`);
          continue;
        }
        if (!target.startsWith(path.join('electron', 'preload') + path.sep) && !allowedShared.has(target)) outside.push(`${file} → ${target}`);
        visit(target);
      }
    };
    visit(path.join('electron', 'preload', 'index.ts'));
    expect(outside).toEqual([]);
    expect(seen.size).toBeGreaterThan(1);
  });
});
