import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * Builds the renderer once per run with the very script `npm run web` runs first
 * (scripts/build-web.mjs), so the suite serves what a person's `npm run web` would serve.
 */
export default function globalSetup(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-web.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
}
