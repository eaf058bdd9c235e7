import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Builds the renderer once per run; every test's server serves the same out/renderer. */
export default function globalSetup(): void {
  execFileSync(path.join(REPO_ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
