import { describe, expect, it } from 'vitest';
import { describeStartupFailure, STARTUP_FAILURE_TITLE } from '../../electron/main/app-lifecycle/startup-failure';

const sqlite = { kind: 'sqlite' as const, file: '/home/agent/.config/Deskwatch/deskwatch.sqlite' };

describe('what the startup error dialog says', () => {
  it('names the database, gives the error, and a next step', () => {
    const { title, message } = describeStartupFailure({ stage: 'database', database: sqlite }, new Error('SQLITE_CANTOPEN: unable to open database file'));
    expect(title).toBe(STARTUP_FAILURE_TITLE);
    expect(message).toContain('SQLite file /home/agent/.config/Deskwatch/deskwatch.sqlite');
    expect(message).toContain('SQLITE_CANTOPEN');
    expect(message).toMatch(/writable/);
  });

  it('recognises a better-sqlite3 built for the wrong runtime and says how to fix it', () => {
    const error = new Error(
      "The module '/x/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 150.",
    );
    expect(describeStartupFailure({ stage: 'database', database: sqlite }, error).message).toMatch(/electron-native\.mjs/);
  });

  it('recognises a database held by another program', () => {
    expect(describeStartupFailure({ stage: 'database', database: sqlite }, new Error('SQLITE_BUSY: database is locked')).message).toMatch(
      /Another program is holding/,
    );
  });

  it('never shows a PostgreSQL password, in the URL or in the error text', () => {
    const database = { kind: 'postgres' as const, url: 'postgres://desk:hunter2@db.district.example/deskwatch' };
    const { message } = describeStartupFailure(
      { stage: 'database', database },
      new Error('could not connect to postgres://desk:hunter2@db.district.example/deskwatch'),
    );
    expect(message).not.toContain('hunter2');
    expect(message).toContain('postgres://desk:***@db.district.example/deskwatch');
  });

  it('explains a missing native build with the path and the way to make it', () => {
    const { message } = describeStartupFailure(
      { stage: 'native-module', path: '/src/.native/electron-45.3.4-linux-x64/better_sqlite3.node', hint: 'Run "npm start".' },
      new Error('missing'),
    );
    expect(message).toContain('/src/.native/electron-45.3.4-linux-x64/better_sqlite3.node');
    expect(message).toContain('Run "npm start".');
    expect(message).toContain('npm run web');
  });

  it('copes with a thrown non-Error', () => {
    expect(describeStartupFailure({ stage: 'other' }, 'plain text').message).toContain('plain text');
  });
});
