/**
 * Electron main process entry (bundled to out/main/index.js). The shell's decisions live in
 * the modules beside this file; this only starts them. startDesktopApp never rejects: a
 * failure is shown in a dialog and ends the process.
 */
import { startDesktopApp } from './app-lifecycle';

void startDesktopApp({ mainDir: __dirname });
