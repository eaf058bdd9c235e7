/**
 * `kb export` and `kb import`: the knowledge base as a folder of Markdown files
 * (electron/core/kb/article-markdown.ts), one per article, with its images beside it.
 *
 * Images: an article's Markdown shows an image as `![alt](attachment:12)`. On export each image
 * is written to `<article id>-attachments/<image id>-<file name>` and the Markdown points at that
 * file, so the export reads well in any Markdown viewer. On import the images a file's Markdown
 * shows as relative paths (and any other file in its `<id>-attachments` folder) are attached to
 * the article, and the Markdown points at the attachments again; an image the article already
 * has (same bytes) is not attached twice.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ATTACHMENTS_PER_ARTICLE, type Article, type ArticleFields, type ArticleState, type AttachmentType } from '../../../shared/knowledge';
import type { StaffMember } from '../../../shared/domain';
import type { Core } from '../../core/core';
import { DomainError } from '../../core/errors';
import { normalizeSystems } from '../../core/kb/article-fields';
import { articleFileName, ArticleFileError, formatArticleFile, parseArticleFile, tidyMarkdown, type ArticleFile } from '../../core/kb/article-markdown';
import { checkImage } from '../../core/kb/attachment-check';

export interface ExportReport {
  dir: string;
  articles: number;
  byState: Record<ArticleState, number>;
  images: number;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export interface FileReport {
  file: string;
  outcome: ImportOutcome;
  /** KB-n: the article it created or updated (in a dry run: the one it would update). */
  article: string | null;
  title: string | null;
  /** Why it failed, or a remark on what it did (a changed title, images attached). */
  message: string | null;
}

export interface ImportOptions {
  dryRun: boolean;
  /** The state every imported article gets, whatever its file says. */
  asState: ArticleState | null;
  /** Who the import is recorded as (versions, images); null: Deskwatch. */
  as: StaffMember | null;
}

const IMAGE_TYPES: Readonly<Record<string, AttachmentType>> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };
/** `![alt](destination` with the destination captured: `<a path with spaces>` or a path without any. */
const IMAGE_LINK = /(!\[(?:\\.|[^\]\\])*\]\(\s*)(<[^>\n]*>|[^\s)]+)/g;
const ATTACHMENT_REF = /\]\(\s*attachment:([1-9][0-9]{0,14})/g;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

// ——— export ———

/** Writes every article (all states) and its images into `dir`; never writes over a file. */
export async function exportArticles(core: Core, dir: string): Promise<ExportReport> {
  const kb = core.services.kb;
  const ids = await kb.allArticleIds();
  const articles: Article[] = [];
  for (const id of ids) articles.push(await kb.get(id, null));
  const staff = new Map((await core.services.staff.list()).map((s) => [s.id, s]));

  const files = articles.map((a) => path.join(dir, articleFileName(a.id, a.title)));
  const taken: string[] = [];
  for (const file of [...files, ...articles.filter((a) => a.attachments.length).map((a) => attachmentsDir(dir, a.id))]) {
    if (await exists(file)) taken.push(file);
  }
  if (taken.length) {
    throw new DomainError('conflict', `${taken.slice(0, 3).join(', ')}${taken.length > 3 ? ` and ${taken.length - 3} more` : ''} already exist: an export never writes over a file; export into a new or empty folder`);
  }
  await fs.mkdir(dir, { recursive: true });

  const byState: Record<ArticleState, number> = { draft: 0, published: 0, retired: 0 };
  let images = 0;
  for (const [i, article] of articles.entries()) {
    const paths = new Map<number, string>();
    if (article.attachments.length) await fs.mkdir(attachmentsDir(dir, article.id));
    for (const info of article.attachments) {
      const image = await kb.attachment(info.id, null);
      const name = `${info.id}-${safeFileName(info.fileName)}`;
      await fs.writeFile(path.join(attachmentsDir(dir, article.id), name), Buffer.from(image.dataBase64, 'base64'), { flag: 'wx' });
      paths.set(info.id, linkTo(`${article.id}-attachments/${name}`));
      images += 1;
    }
    const local = (markdown: string) => markdown.replace(ATTACHMENT_REF, (whole, id: string) => (paths.has(Number(id)) ? `](${paths.get(Number(id))}` : whole));
    const owner = article.ownerId === null ? null : staff.get(article.ownerId);
    const file: ArticleFile = {
      id: article.id,
      title: article.title,
      state: article.state,
      audience: article.audience,
      category: article.categoryName,
      buildings: article.buildingNames,
      systems: article.systems,
      owner: owner ? (owner.email ?? owner.name) : null,
      reviewDue: article.reviewDue,
      problem: local(article.problem),
      solution: local(article.solution),
    };
    await fs.writeFile(files[i] as string, formatArticleFile(file), { flag: 'wx' });
    byState[article.state] += 1;
  }
  return { dir, articles: articles.length, byState, images };
}

// ——— import ———

/** The Markdown files to import: the file given, or the `.md` files of the folder given (not its subfolders), by name. */
export async function articleFilesIn(target: string): Promise<string[]> {
  const stat = await fs.stat(target).catch((error: NodeJS.ErrnoException) => {
    throw new DomainError('invalid_input', `cannot read ${target}: ${error.code === 'ENOENT' ? 'there is no such file or folder' : (error.code ?? String(error))}`);
  });
  if (!stat.isDirectory()) return [target];
  const names = (await fs.readdir(target, { withFileTypes: true })).filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.md')).map((e) => e.name);
  if (!names.length) throw new DomainError('invalid_input', `${target} has no .md files to import`);
  return names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).map((name) => path.join(target, name));
}

/** Imports each file on its own: a file either goes in whole or not at all, and one file's failure does not stop the others. */
export async function importArticles(core: Core, files: readonly string[], options: ImportOptions): Promise<FileReport[]> {
  const importer = new ArticleImporter(core, options);
  await importer.load();
  const reports: FileReport[] = [];
  for (const file of files) reports.push(await importer.importFile(file));
  return reports;
}

interface Image {
  /** The path as the Markdown wrote it, or null for an image of the folder the Markdown does not show. */
  ref: string | null;
  fileName: string;
  mediaType: AttachmentType;
  dataBase64: string;
  sha256: string;
}

class ArticleImporter {
  private categories = new Map<string, number>();
  private buildings = new Map<string, number>();
  private staff: StaffMember[] = [];
  /** Every article's id and title, kept up to date as files create articles. */
  private titles = new Map<number, string>();

  constructor(
    private readonly core: Core,
    private readonly options: ImportOptions,
  ) {}

  async load(): Promise<void> {
    const lists = await this.core.services.lists.lists();
    this.categories = new Map(lists.categories.map((c) => [c.name.toLowerCase(), c.id]));
    this.buildings = new Map(lists.buildings.map((b) => [b.name.toLowerCase(), b.id]));
    this.staff = await this.core.services.staff.list();
    for (const id of await this.core.services.kb.allArticleIds()) this.titles.set(id, (await this.core.services.kb.get(id, null)).title);
  }

  async importFile(file: string): Promise<FileReport> {
    let title: string | null = null;
    try {
      const parsed = parseArticleFile(await readFile(file), file);
      title = parsed.title;
      return await this.save(file, parsed);
    } catch (error) {
      if (error instanceof ArticleFileError) return { file, outcome: 'failed', article: null, title, message: error.message };
      if (error instanceof DomainError) return { file, outcome: 'failed', article: null, title, message: `${file}: ${error.message}` };
      throw error;
    }
  }

  private async save(file: string, parsed: ArticleFile): Promise<FileReport> {
    const kb = this.core.services.kb;
    const fail = (problem: string): never => {
      throw new ArticleFileError(file, problem);
    };
    const existingId = this.match(parsed);
    const existing = existingId === null ? null : await kb.get(existingId, null);
    const state = this.options.asState ?? parsed.state;
    const fields: ArticleFields = {
      title: parsed.title,
      problem: parsed.problem,
      solution: parsed.solution,
      categoryId: parsed.category === null ? null : (this.categories.get(parsed.category.toLowerCase()) ?? fail(`unknown category "${parsed.category}"; the categories are: ${(await this.names('categories')).join(', ')}`)),
      buildingIds: await Promise.all(parsed.buildings.map(async (name) => this.buildings.get(name.toLowerCase()) ?? fail(`unknown building "${name}"; the buildings are: ${(await this.names('buildings')).join(', ')}`))),
      systems: normalizeSystems(parsed.systems),
      audience: parsed.audience,
      ownerId: parsed.owner === null ? null : this.owner(parsed.owner, fail).id,
      // No date in the file keeps the article's own (a published article gets one a year on).
      reviewDue: parsed.reviewDue ?? existing?.reviewDue ?? null,
    };
    this.checkLikeTheService(fields, state, fail);

    const images = await this.images(file, parsed, fail);
    const known = existing ? await this.attachedHashes(existing) : new Map<string, number>();
    const fresh = dedupe(images.filter((i) => !known.has(i.sha256)));
    if ((existing?.attachments.length ?? 0) + fresh.length > ATTACHMENTS_PER_ARTICLE) {
      fail(`the article would have ${(existing?.attachments.length ?? 0) + fresh.length} images; at most ${ATTACHMENTS_PER_ARTICLE}`);
    }
    const attacher = this.options.as ?? null;
    const withRefs = (ids: ReadonlyMap<string, number>): ArticleFields => ({ ...fields, problem: pointAt(fields.problem, images, ids), solution: pointAt(fields.solution, images, ids) });
    const target = withRefs(known);
    const renamed = existing && existing.title !== parsed.title ? `title was "${existing.title}"` : null;

    if (existing && !fresh.length && sameArticle(existing, target, state)) return { file, outcome: 'unchanged', article: existing.number, title: parsed.title, message: null };
    const outcome: ImportOutcome = existing ? 'updated' : 'created';
    const remarks = [renamed, fresh.length ? `${fresh.length} image(s) attached` : null].filter((r) => r !== null);
    if (this.options.dryRun) return { file, outcome, article: existing?.number ?? null, title: parsed.title, message: remarks.join('; ') || null };

    const actorId = this.options.as?.id ?? null;
    let article = await kb.saveImported({ id: existing?.id ?? null, fields: target, state }, actorId);
    this.titles.set(article.id, article.title);
    if (fresh.length) {
      // The article exists now; its images are attached to it, then its Markdown points at them.
      try {
        const ids = new Map(known);
        for (const image of fresh) {
          const info = await kb.attach({ articleId: article.id, fileName: image.fileName, mediaType: image.mediaType, dataBase64: image.dataBase64 }, attacher);
          ids.set(image.sha256, info.id);
        }
        article = await kb.saveImported({ id: article.id, fields: withRefs(ids), state }, actorId);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new ArticleFileError(file, `${article.number} was saved, but its images were not all attached (${why}); import the file again to finish`);
      }
    }
    return { file, outcome, article: article.number, title: article.title, message: remarks.join('; ') || null };
  }

  /** The article a file stands for: the one with its id, else the one with its title (any case), else none. */
  private match(parsed: ArticleFile): number | null {
    if (parsed.id !== null && this.titles.has(parsed.id)) return parsed.id;
    const title = parsed.title.toLowerCase();
    for (const [id, t] of [...this.titles].sort((a, b) => a[0] - b[0])) if (t.toLowerCase() === title) return id;
    return null;
  }

  private owner(who: string, fail: (problem: string) => never): StaffMember {
    const key = who.toLowerCase();
    if (key.includes('@')) return this.staff.find((s) => s.email?.toLowerCase() === key) ?? fail(`no staff member has the email "${who}" (owner)`);
    const named = this.staff.filter((s) => s.name.toLowerCase() === key);
    if (named.length > 1) fail(`${named.length} staff members are named "${who}" (owner); name the owner by email`);
    return named[0] ?? fail(`no staff member is named "${who}" (owner)`);
  }

  private async names(list: 'categories' | 'buildings'): Promise<string[]> {
    return (await this.core.services.lists.lists())[list].map((item) => item.name);
  }

  /**
   * What the service would refuse, checked here as well so that a dry run says so: an agent as
   * owner, a published article without its problem or solution.
   */
  private checkLikeTheService(fields: ArticleFields, state: ArticleState, fail: (problem: string) => never): void {
    const owner = this.staff.find((s) => s.id === fields.ownerId);
    if (owner?.role === 'agent') fail(`${owner.name} is an agent; an article's owner is a technician or a supervisor (owner)`);
    if (state === 'published' && tidyMarkdown(fields.problem) === '') fail('a published article needs its problem and symptoms (the "## Problem" section is empty)');
    if (state === 'published' && tidyMarkdown(fields.solution) === '') fail('a published article needs its solution steps (the "## Solution" section is empty)');
  }

  /** The images the file's Markdown shows by relative path, and the other files of its `<id>-attachments` folder. */
  private async images(file: string, parsed: ArticleFile, fail: (problem: string) => never): Promise<Image[]> {
    const dir = path.dirname(file);
    const refs = new Set<string>();
    for (const markdown of [parsed.problem, parsed.solution]) {
      for (const match of markdown.matchAll(IMAGE_LINK)) {
        const ref = match[2] as string;
        const target = unwrap(ref);
        if (!HAS_SCHEME.test(target) && !target.startsWith('#')) refs.add(ref);
      }
    }
    const images: Image[] = [];
    const seen = new Set<string>();
    const read = async (ref: string | null, relative: string) => {
      const full = path.resolve(dir, relative);
      seen.add(full);
      const mediaType = IMAGE_TYPES[path.extname(relative).toLowerCase()] ?? fail(`the image ${relative} is not a PNG, JPEG, GIF or WebP file (by its name)`);
      const bytes = await fs.readFile(full).catch((error: NodeJS.ErrnoException) => fail(`cannot read the image ${relative}: ${error.code === 'ENOENT' ? 'there is no such file' : (error.code ?? String(error))}`));
      // An exported image is named `<image id>-<its name>`: the name it had is the part after the id.
      const exported = /-attachments$/.test(path.dirname(relative));
      const fileName = (exported ? path.basename(relative).replace(/^\d+-/, '') : '') || path.basename(relative);
      try {
        const checked = checkImage(fileName, mediaType, bytes.toString('base64'));
        images.push({ ref, fileName, mediaType, dataBase64: checked.base64, sha256: checked.sha256 });
      } catch (error) {
        fail(`the image ${relative}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    for (const ref of refs) {
      const relative = decodePath(unwrap(ref));
      if (path.isAbsolute(relative)) fail(`the image ${relative} is an absolute path; put images beside the file and name them by a relative path`);
      await read(ref, relative);
    }
    if (parsed.id !== null) {
      const folder = `${parsed.id}-attachments`;
      const entries = await fs.readdir(path.join(dir, folder), { withFileTypes: true }).catch(() => []);
      for (const e of entries.filter((x) => x.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
        if (!seen.has(path.resolve(dir, folder, e.name))) await read(null, `${folder}/${e.name}`);
      }
    }
    return images;
  }

  /** The images an article has, by the hash of their bytes. */
  private async attachedHashes(article: Article): Promise<Map<string, number>> {
    const hashes = new Map<string, number>();
    for (const info of article.attachments) {
      const image = await this.core.services.kb.attachment(info.id, null);
      hashes.set(createHash('sha256').update(Buffer.from(image.dataBase64, 'base64')).digest('hex'), info.id);
    }
    return hashes;
  }
}

/** Whether saving these fields in this state would leave the article as it is. */
function sameArticle(article: Article, fields: ArticleFields, state: ArticleState): boolean {
  const sorted = (ids: readonly number[]) => [...new Set(ids)].sort((a, b) => a - b).join(',');
  return (
    article.state === state &&
    article.title === fields.title &&
    tidyMarkdown(article.problem) === tidyMarkdown(fields.problem) &&
    tidyMarkdown(article.solution) === tidyMarkdown(fields.solution) &&
    article.categoryId === fields.categoryId &&
    sorted(article.buildingIds) === sorted(fields.buildingIds) &&
    JSON.stringify(article.systems) === JSON.stringify(fields.systems) &&
    article.audience === fields.audience &&
    article.ownerId === fields.ownerId &&
    article.reviewDue === fields.reviewDue
  );
}

/** The Markdown with every local image pointing at its attachment (those attached already). */
function pointAt(markdown: string, images: readonly Image[], ids: ReadonlyMap<string, number>): string {
  const byRef = new Map(images.filter((i) => i.ref !== null).map((i) => [i.ref as string, i.sha256]));
  return markdown.replace(IMAGE_LINK, (whole, prefix: string, ref: string) => {
    const id = ids.get(byRef.get(ref) ?? '');
    return id === undefined ? whole : `${prefix}attachment:${id}`;
  });
}

function dedupe(images: readonly Image[]): Image[] {
  const seen = new Set<string>();
  return images.filter((i) => !seen.has(i.sha256) && seen.add(i.sha256));
}

function unwrap(ref: string): string {
  return ref.startsWith('<') && ref.endsWith('>') ? ref.slice(1, -1) : ref;
}

function decodePath(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}

async function readFile(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArticleFileError(file, `cannot read it: ${code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(error))}`);
  }
}

function attachmentsDir(dir: string, articleId: number): string {
  return path.join(dir, `${articleId}-attachments`);
}

/** The image's own name, without what a file system refuses (separators, Windows' reserved characters). */
function safeFileName(name: string): string {
  const printable = [...name].map((c) => (c.charCodeAt(0) < 32 ? '-' : c)).join('');
  return printable.replace(/[<>:"/\\|?*]+/g, '-').replace(/^[.\s]+|[.\s]+$/g, '') || 'image';
}

/** A Markdown link destination for a relative path: in angle brackets when it has spaces or parentheses. */
function linkTo(relative: string): string {
  return /[\s()]/.test(relative) ? `<${relative}>` : relative;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
