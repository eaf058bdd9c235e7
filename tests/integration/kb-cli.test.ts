import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import type { DatabaseConfig } from '../../electron/core/db/database-config';
import type { StaffMember } from '../../shared/domain';
import type { Article } from '../../shared/knowledge';
import { MONDAY_MORNING } from '../support/core-fixture';
import { DATABASE_KINDS, freshDatabase, type FreshDatabase } from '../support/databases';
import { buildCli, runCli, spawnCli } from '../support/run-cli';

/** The smallest PNG: a 1×1 transparent pixel. */
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const TOM = 'tom.tech@district.example.org';

/** The desk's people on any database: imports resolve owners by email, or by name when there is none. */
async function addStaff(core: Core): Promise<{ tom: StaffMember; tia: StaffMember; sue: StaffMember; ann: StaffMember }> {
  return {
    tom: await core.services.staff.create({ name: 'Tom Tech', role: 'technician', email: TOM }),
    tia: await core.services.staff.create({ name: 'Tia Tech', role: 'technician' }),
    sue: await core.services.staff.create({ name: 'Sue Supervisor', role: 'supervisor', email: 'sue@district.example.org' }),
    ann: await core.services.staff.create({ name: 'Ann Agent', role: 'agent', email: 'ann@district.example.org' }),
  };
}

async function withCoreOn<T>(config: DatabaseConfig, work: (core: Core) => Promise<T>): Promise<T> {
  const core = await startCore({ database: config, clock: new ManualClock(MONDAY_MORNING), log: () => undefined });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

/** Every article as the console shows it, images by name and bytes instead of ids (which differ between databases). */
async function articlesOf(config: DatabaseConfig): Promise<Record<string, unknown>[]> {
  return withCoreOn(config, async (core) => {
    const out = [];
    for (const id of await core.services.kb.allArticleIds()) {
      const a: Article = await core.services.kb.get(id, null);
      const names = new Map(a.attachments.map((x) => [x.id, x.fileName]));
      const named = (markdown: string) => markdown.replace(/attachment:(\d+)/g, (_, n: string) => `attachment:${names.get(Number(n))}`);
      const images = [];
      for (const x of a.attachments) images.push({ fileName: x.fileName, mediaType: x.mediaType, data: (await core.services.kb.attachment(x.id, null)).dataBase64 });
      out.push({
        title: a.title,
        state: a.state,
        audience: a.audience,
        categoryName: a.categoryName,
        buildingNames: [...a.buildingNames].sort(),
        systems: a.systems,
        ownerName: a.ownerName,
        reviewDue: a.reviewDue,
        problem: named(a.problem),
        solution: named(a.solution),
        images,
      });
    }
    return out.sort((x, y) => String(x.title).localeCompare(String(y.title)));
  });
}

describe.each(DATABASE_KINDS)('deskwatch kb export / kb import on %s', (kind) => {
  const databases: FreshDatabase[] = [];
  let dir: string;
  let source: FreshDatabase;
  let ids: { toner: number; wifi: number; fax: number };
  const fresh = async () => {
    const db = await freshDatabase(kind);
    databases.push(db);
    return db;
  };
  /** The command line on a database: `--db FILE` for SQLite, DESKWATCH_DATABASE_URL for PostgreSQL. */
  const cli = (db: FreshDatabase, args: string[]) =>
    db.config.kind === 'sqlite' ? runCli([...args, '--db', db.config.file], { env: { DESKWATCH_DATABASE_URL: '' } }) : runCli(args, { env: { DESKWATCH_DATABASE_URL: db.config.url } });
  const versionsOf = (db: FreshDatabase, id: number) => withCoreOn(db.config, (core) => core.services.kb.versions(id, null));

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-kb-cli-'));
    source = await fresh();
    ids = await withCoreOn(source.config, async (core) => {
      const { tom, tia, sue } = await addStaff(core);
      const lists = await core.services.lists.lists();
      const category = (name: string) => lists.categories.find((c) => c.name === name)?.id as number;
      const buildings = lists.buildings.slice(0, 2).map((b) => b.id);
      const kb = core.services.kb;
      const toner = await kb.create(
        {
          title: 'Toner streaks: "gray line" down the page',
          problem: 'Every page from the office printer has a **gray line** down the left side.',
          solution: '1. Open the front door.\n2. Pull the drum out.',
          categoryId: category('Printing'),
          buildingIds: buildings,
          systems: ['HP LaserJet M404'],
          ownerId: tom.id,
          reviewDue: '2027-06-01',
        },
        tom,
      );
      const image = await kb.attach({ articleId: toner.id, fileName: 'drum door.png', mediaType: 'image/png', dataBase64: PNG_1PX.toString('base64') }, tom);
      const shown = await kb.update({ id: toner.id, version: toner.version, solution: `1. Open the front door.\n\n![The drum door](attachment:${image.id})\n\n2. Pull the drum out.` }, tom);
      await kb.publish({ id: shown.id, version: shown.version }, sue);
      const wifi = await kb.create({ title: 'Connect a personal phone to guest Wi-Fi', problem: 'Staff ask for the guest network.', solution: '1. Choose **District-Guest**.', audience: 'public', ownerId: tia.id }, tia);
      const fax = await kb.create({ title: 'Send a fax from the front office', problem: 'The fax machine.', solution: 'Use the copier.', categoryId: category('Other') }, tom);
      const faxPublished = await kb.publish({ id: fax.id, version: fax.version }, sue);
      await kb.retire({ id: fax.id, version: faxPublished.version, reason: 'The fax line was cancelled.' }, sue);
      return { toner: toner.id, wifi: wifi.id, fax: fax.id };
    });
    if (kind === 'sqlite') buildCli();
  }, 180_000);
  afterAll(async () => {
    for (const db of databases.splice(0)) await db.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports every article, all states, with its images beside it, and never writes over an export', async () => {
    const out = path.join(dir, 'export');
    const run = await cli(source, ['kb', 'export', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`Exported 3 article(s) (1 published, 1 draft(s), 1 retired) and 1 image(s) to ${out}\n`);
    expect(fs.readdirSync(out).sort()).toEqual(
      [`${ids.toner}-attachments`, `${ids.toner}-toner-streaks-gray-line-down-the-page.md`, `${ids.wifi}-connect-a-personal-phone-to-guest-wi-fi.md`, `${ids.fax}-send-a-fax-from-the-front-office.md`].sort(),
    );
    const [imageName] = fs.readdirSync(path.join(out, `${ids.toner}-attachments`));
    expect(imageName).toMatch(/^\d+-drum door\.png$/);
    expect(fs.readFileSync(path.join(out, `${ids.toner}-attachments`, imageName as string))).toEqual(PNG_1PX);
    const toner = fs.readFileSync(path.join(out, `${ids.toner}-toner-streaks-gray-line-down-the-page.md`), 'utf8');
    expect(toner).toMatch(new RegExp(`^---\\nid: ${ids.toner}\\ntitle: 'Toner streaks: "gray line" down the page'\\nstate: published\\naudience: staff\\ncategory: Printing\\nbuildings:\\n  - .+\\n  - .+\\nsystems:\\n  - HP LaserJet M404\\nowner: ${TOM}\\nreview_due: 2027-06-01\\n---\\n`));
    expect(toner).toContain(`\n## Solution\n\n1. Open the front door.\n\n![The drum door](<${ids.toner}-attachments/${imageName}>)\n\n2. Pull the drum out.\n`);
    // Tia has no email: the owner is written by name.
    expect(fs.readFileSync(path.join(out, `${ids.wifi}-connect-a-personal-phone-to-guest-wi-fi.md`), 'utf8')).toContain('\nstate: draft\naudience: public\ncategory: null\nbuildings: []\nsystems: []\nowner: Tia Tech\nreview_due: null\n');

    const again = await cli(source, ['kb', 'export', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^deskwatch: .*\.md, .* already exist: an export never writes over a file; export into a new or empty folder\n$/);
  });

  it('re-imports its own export as unchanged: no new versions', async () => {
    const out = path.join(dir, 'export');
    const before = await versionsOf(source, ids.toner);
    const run = await cli(source, ['kb', 'import', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('unchanged'))).toHaveLength(3);
    expect(run.stdout).toContain('3 file(s): 0 created, 0 updated, 3 unchanged, 0 failed.');
    expect(await versionsOf(source, ids.toner)).toEqual(before);
  });

  it('updates an edited file\'s article as a new version, after a dry run that writes nothing', async () => {
    const edited = path.join(dir, 'edited');
    fs.mkdirSync(edited);
    const original = fs.readFileSync(path.join(dir, 'export', `${ids.wifi}-connect-a-personal-phone-to-guest-wi-fi.md`), 'utf8');
    const file = path.join(edited, 'wifi.md');
    fs.writeFileSync(file, original.replace('title: Connect a personal phone to guest Wi-Fi', 'title: Guest Wi-Fi on a personal phone').replace('1. Choose **District-Guest**.', '1. Choose **District-Guest**.\n2. Accept the terms page.'));
    const before = await versionsOf(source, ids.wifi);

    const dry = await cli(source, ['kb', 'import', edited, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe(`updated KB-${ids.wifi}`.padEnd(17) + ` ${file}  "Guest Wi-Fi on a personal phone" (title was "Connect a personal phone to guest Wi-Fi")\nDry run, nothing was written: of 1 file(s), 0 created, 1 updated, 0 unchanged, 0 failed.\n`);
    expect(await versionsOf(source, ids.wifi)).toEqual(before);

    const run = await cli(source, ['kb', 'import', file, '--as', TOM]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`updated KB-${ids.wifi}`);
    const after = await versionsOf(source, ids.wifi);
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((v) => v.version === before.length + 1)).toMatchObject({ change: 'imported', state: 'draft', title: 'Guest Wi-Fi on a personal phone', actorName: 'Tom Tech' });
    const article = await withCoreOn(source.config, (core) => core.services.kb.get(ids.wifi, null));
    expect(article.solution).toBe('1. Choose **District-Guest**.\n2. Accept the terms page.');
    // Importing the same file again changes nothing.
    expect((await cli(source, ['kb', 'import', file])).stdout).toContain(`unchanged KB-${ids.wifi}`);
  });

  it('brings the export into a new database: the same articles, states, names and images', async () => {
    const target = await fresh();
    await withCoreOn(target.config, addStaff);
    const out = path.join(dir, 'export');
    const run = await cli(target, ['kb', 'import', out, '--as', TOM]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('3 file(s): 3 created, 0 updated, 0 unchanged, 0 failed.');
    expect(run.stdout).toContain('(1 image(s) attached)');
    // The source as exported (before the edit above) and the new database hold the same articles.
    const expected = (await articlesOf(source.config)).map((a) => (a.title === 'Guest Wi-Fi on a personal phone' ? { ...a, title: 'Connect a personal phone to guest Wi-Fi', solution: '1. Choose **District-Guest**.' } : a));
    expect(await articlesOf(target.config)).toEqual(expected.sort((x, y) => String(x.title).localeCompare(String(y.title))));
    // Importing the export once more: the image is not attached twice, nothing changes.
    const twice = await cli(target, ['kb', 'import', out]);
    expect(twice.stdout).toContain('3 file(s): 0 created, 0 updated, 3 unchanged, 0 failed.');
  });

  it('imports the good files of a folder and refuses each bad one, naming it and what is wrong; a refused file changes nothing', async () => {
    const mixed = path.join(dir, 'mixed');
    fs.mkdirSync(mixed);
    const article = (front: string, body = '## Problem\n\nIt broke.\n\n## Solution\n\nFix it.\n') => `---\n${front}\n---\n\n${body}`;
    const files: Record<string, string | Buffer> = {
      'a-good.md': article('title: Reset a voicemail PIN\nstate: published\ncategory: phones\nowner: tia tech\nsystems: [Mitel 6920]'),
      'b-bad-yaml.md': article('title: [Broken'),
      'c-unknown-category.md': article('title: Scanner\ncategory: Scanners'),
      'd-unknown-owner.md': article(`title: Scanner\nowner: nobody@district.example.org`),
      'e-agent-owner.md': article('title: Scanner\nowner: ann@district.example.org'),
      'f-missing-image.md': article('title: Scanner', '## Problem\n\n![screen](shots/screen.png)\n\n## Solution\n\nx\n'),
      'g-latin1.md': Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\n---\n## Problem\nx\n## Solution\ny\n')]),
      'h-empty-published.md': article('title: Scanner\nstate: published', '## Problem\n\n## Solution\n\nx\n'),
      'i-unknown-building.md': article('title: Scanner\nbuildings: [Hogwarts]'),
      // Images need nobody named: without --as they are recorded as brought by Deskwatch.
      'j-image-without-as.md': article('title: Scanner glass streaks', '## Problem\n\n![screen](screen.png)\n\n## Solution\n\nx\n'),
      'notes.txt': 'not an article',
    };
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(mixed, name), content);
    fs.writeFileSync(path.join(mixed, 'screen.png'), PNG_1PX);
    const before = await withCoreOn(source.config, (core) => core.services.kb.allArticleIds());

    const run = await cli(source, ['kb', 'import', mixed]);
    expect(run.status).toBe(2);
    const f = (name: string) => path.join(mixed, name);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      `deskwatch: ${f('b-bad-yaml.md')}: the front matter is not valid YAML (line 2): Flow sequence in block collection must be sufficiently indented and end with a ]`,
      expect.stringMatching(new RegExp(`^deskwatch: ${f('c-unknown-category.md')}: unknown category "Scanners"; the categories are: Accounts & passwords, .*, Phones, .*`)),
      `deskwatch: ${f('d-unknown-owner.md')}: no staff member has the email "nobody@district.example.org" (owner)`,
      `deskwatch: ${f('e-agent-owner.md')}: Ann Agent is an agent; an article's owner is a technician or a supervisor (owner)`,
      `deskwatch: ${f('f-missing-image.md')}: cannot read the image shots/screen.png: there is no such file`,
      `deskwatch: ${f('g-latin1.md')}: the file is not UTF-8 text (an invalid byte 0xe9 at offset 14); save it as UTF-8`,
      `deskwatch: ${f('h-empty-published.md')}: a published article needs its problem and symptoms (the "## Problem" section is empty)`,
      expect.stringMatching(new RegExp(`^deskwatch: ${f('i-unknown-building.md')}: unknown building "Hogwarts"; the buildings are: `)),
    ]);
    expect(run.stdout).toMatch(new RegExp(`^created KB-\\d+ +${f('a-good.md')}  "Reset a voicemail PIN"\\n`));
    expect(run.stdout).toMatch(new RegExp(`created KB-\\d+ +${f('j-image-without-as.md')}  "Scanner glass streaks"`));
    expect(run.stdout).toContain('10 file(s): 2 created, 0 updated, 0 unchanged, 8 failed. Fix the files that failed and import them again.\n');
    const after = await withCoreOn(source.config, (core) => core.services.kb.allArticleIds());
    expect(after).toHaveLength(before.length + 2);
    const scanner = await withCoreOn(source.config, (core) => core.services.kb.get(after.at(-1) as number, null));
    expect(scanner.attachments).toHaveLength(1);
    expect(scanner.problem).toBe(`![screen](attachment:${scanner.attachments[0]?.id})`);
    const created = await withCoreOn(source.config, (core) => core.services.kb.get(after[before.length] as number, null));
    expect(created).toMatchObject({ title: 'Reset a voicemail PIN', state: 'published', categoryName: 'Phones', ownerName: 'Tia Tech', systems: ['Mitel 6920'] });
    expect(created.reviewDue).not.toBeNull();
  });

  it('matches a file without id by title (any case), and --as-state gives it that state', async () => {
    const file = path.join(dir, 'retitled.md');
    fs.writeFileSync(file, `---\ntitle: SEND A FAX FROM THE FRONT OFFICE\ncategory: Other\n---\n## Problem\nThe fax machine.\n## Solution\nUse the copier's fax.\n`);
    const run = await cli(source, ['kb', 'import', file, '--as-state', 'draft']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`updated KB-${ids.fax}`);
    const fax = await withCoreOn(source.config, (core) => core.services.kb.get(ids.fax, null));
    expect(fax).toMatchObject({ title: 'SEND A FAX FROM THE FRONT OFFICE', state: 'draft', solution: "Use the copier's fax." });

    const wrong = await cli(source, ['kb', 'import', file, '--as-state', 'archived']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("argument 'archived' is invalid. Allowed choices are draft, published.");
    const nobody = await cli(source, ['kb', 'import', file, '--as', 'ann@district.example.org']);
    expect(nobody.status).toBe(2);
    expect(nobody.stderr).toBe('deskwatch: --as: Ann Agent is an agent; articles are written by technicians and supervisors\n');
    const missing = await cli(source, ['kb', 'import', path.join(dir, 'nope')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`deskwatch: cannot read ${path.join(dir, 'nope')}: there is no such file or folder\n`);
  });

  it('prints what intake suggests as JSON: published articles only, names checked', async () => {
    const run = await cli(source, ['kb', 'suggest', 'gray', 'streaks', 'on', 'printouts', '--category', 'printing', '--limit', '3']);
    expect(run.stderr).toBe('');
    const answer = JSON.parse(run.stdout) as { articles: { id: number; state: string }[]; cases: unknown[] };
    expect(answer.articles[0]?.id).toBe(ids.toner);
    expect(answer.articles.every((a) => a.state === 'published')).toBe(true);
    // The retired fax article is never suggested, however well its words match.
    const fax = JSON.parse((await cli(source, ['kb', 'suggest', 'send', 'a', 'fax', 'from', 'the', 'front', 'office'])).stdout) as { articles: { id: number }[] };
    expect(fax.articles.map((a) => a.id)).not.toContain(ids.fax);
    const unknown = await cli(source, ['kb', 'suggest', 'printer', '--building', 'Hogwarts']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('deskwatch: --building: no building is named "Hogwarts"\n');
  });

  it('lists both commands in the help of kb', async () => {
    const help = await runCli(['kb', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/export \[options\] <dir> +write every article/);
    expect(help.stdout).toMatch(/import \[options\] <path> +import articles from Markdown files/);
  });

  it.runIf(kind === 'sqlite')('runs from the built command line (npm run cli)', async () => {
    const out = path.join(dir, 'built');
    const run = await spawnCli(['kb', 'export', out, '--db', (source.config as { file: string }).file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Exported \d+ article\(s\)/);
    const check = await spawnCli(['kb', 'import', out, '--dry-run', '--db', (source.config as { file: string }).file]);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/Dry run, nothing was written: of \d+ file\(s\), 0 created, 0 updated, \d+ unchanged, 0 failed\.\n$/);
  });
});
