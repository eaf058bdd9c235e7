/**
 * One knowledge-base article as a Markdown file, the form `kb export` writes and `kb import`
 * reads, so a district can bring the articles it already has and edit them in any editor:
 *
 *     ---
 *     id: 12                       # on export; on import it names the article to update
 *     title: Projector shows an orange light
 *     state: published             # draft | published | retired (default: draft)
 *     audience: staff              # staff | public (default: staff)
 *     category: Audio / video & projectors   # a category's name, or null
 *     buildings: []                # buildings' names; empty: every building
 *     systems: [Epson ceiling projector]
 *     owner: alex.kim@district.example.org   # a technician's or supervisor's email, or name
 *     review_due: 2027-03-01       # YYYY-MM-DD, or null
 *     ---
 *
 *     # Projector shows an orange light     (optional; the front matter's title counts)
 *
 *     ## Problem
 *     …Markdown…
 *
 *     ## Solution
 *     …Markdown…
 *
 * The front matter's keys are the ones above, no others. The body is the `## Problem` section,
 * then the `## Solution` section; the solution runs to the end of the file, so it may hold any
 * headings of its own, while the problem may hold any but a `## Solution` line outside a code
 * block. Files are UTF-8 (a byte order mark is allowed) with LF or CRLF line ends.
 *
 * Names (category, buildings, owner) stay names here: the command resolves them against the
 * database. Every problem is an ArticleFileError that names the file and the line.
 */
import { parseDocument, stringify } from 'yaml';
import { ARTICLE_AUDIENCES, ARTICLE_STATES, KB_TEXT_LIMITS, type ArticleAudience, type ArticleState } from '../../../shared/knowledge';

/** An article as its file holds it. */
export interface ArticleFile {
  /** The article's id where it was exported; null in a file written by hand. */
  id: number | null;
  title: string;
  state: ArticleState;
  audience: ArticleAudience;
  category: string | null;
  buildings: string[];
  systems: string[];
  /** A staff member's email or name. */
  owner: string | null;
  /** YYYY-MM-DD. */
  reviewDue: string | null;
  /** Markdown. */
  problem: string;
  /** Markdown. */
  solution: string;
}

export const ARTICLE_FILE_KEYS = ['id', 'title', 'state', 'audience', 'category', 'buildings', 'systems', 'owner', 'review_due'] as const;
type FileKey = (typeof ARTICLE_FILE_KEYS)[number];

/** A file that is no article file, or an article that breaks a rule; the message names the file. */
export class ArticleFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ArticleFileError';
  }
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,2})\s+(.*?)(?:\s+#+)?\s*$/;
const PROBLEM_HEADINGS = ['problem', 'problem and symptoms'];
const SOLUTION_HEADINGS = ['solution'];
const FORMAT_HINT = 'an article file starts with front matter between two "---" lines, then has a "## Problem" and a "## Solution" section';

/** `12-projector-shows-an-orange-light.md`: the article's id, then its title in plain letters. */
export function articleFileName(id: number, title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${id}-${slug || 'article'}.md`;
}

export function formatArticleFile(article: ArticleFile): string {
  const front = {
    ...(article.id === null ? {} : { id: article.id }),
    title: article.title,
    state: article.state,
    audience: article.audience,
    category: article.category,
    buildings: article.buildings,
    systems: article.systems,
    owner: article.owner,
    review_due: article.reviewDue,
  } satisfies Partial<Record<FileKey, unknown>>;
  // lineWidth 0: a long title stays on one line instead of being folded.
  const yaml = stringify(front, { lineWidth: 0, flowCollectionPadding: false });
  const section = (markdown: string) => (tidyMarkdown(markdown) === '' ? '' : `${tidyMarkdown(markdown)}\n\n`);
  return `---\n${yaml}---\n\n# ${article.title}\n\n## Problem\n\n${section(article.problem)}## Solution\n\n${section(article.solution)}`.replace(/\n+$/, '\n');
}

/**
 * A Markdown body as a file carries it: LF line ends, no blank lines before it, no white space
 * after it. Compare bodies through this to tell an unchanged article from an edited one.
 */
export function tidyMarkdown(markdown: string): string {
  return markdown.replace(/\r\n?/g, '\n').replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/** Reads one article file (its bytes, or text already decoded); `file` names it in errors. */
export function parseArticleFile(content: Uint8Array | string, file: string): ArticleFile {
  const fail = (problem: string): never => {
    throw new ArticleFileError(file, problem);
  };
  const text = (typeof content === 'string' ? content : decodeUtf8(content, fail)).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') fail(`no front matter: the first line must be "---" (${FORMAT_HINT})`);
  const close = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
  if (close < 0) fail('the front matter has no closing "---" line');
  const front = readFrontMatter(lines.slice(1, close).join('\n'), fail);
  const body = readBody(lines, close + 1, fail);
  return { ...front, ...body };
}

function decodeUtf8(bytes: Uint8Array, fail: (problem: string) => never): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) fail('the file is UTF-16 text; save it as UTF-8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return fail(`the file is not UTF-8 text (an invalid byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}); save it as UTF-8`);
  }
}

/** The offset of the first byte that does not continue valid UTF-8 (for the error message). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, found by halving; a prefix may end inside a character, so allow 3 bytes of slack.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      decoder.decode();
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

type FrontMatter = Omit<ArticleFile, 'problem' | 'solution'>;

function readFrontMatter(source: string, fail: (problem: string) => never): FrontMatter {
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    // The front matter starts on the file's second line.
    const line = source.slice(0, error.pos[0]).split('\n').length + 1;
    fail(`the front matter is not valid YAML (line ${line}): ${error.message.replace(/\s+at line \d+, column \d+.*$/s, '')}`);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) fail('the front matter is empty: it needs at least a title');
  if (typeof value !== 'object' || Array.isArray(value)) fail('the front matter must be keys and values ("title: …"), not a list or a single value');
  const data = value as Record<string, unknown>;
  for (const key of Object.keys(data)) {
    if (!(ARTICLE_FILE_KEYS as readonly string[]).includes(key)) fail(`unknown key "${key}" in the front matter; the keys are ${ARTICLE_FILE_KEYS.join(', ')}`);
  }

  const title = scalarText(data.title, 'title', fail);
  if (title === null || title === '') fail('the front matter has no title ("title: …")');
  if ((title as string).length > KB_TEXT_LIMITS.title) fail(`the title is ${(title as string).length} characters; at most ${KB_TEXT_LIMITS.title}`);
  return {
    id: readId(data.id, fail),
    title: title as string,
    state: oneOf(data.state, 'state', ARTICLE_STATES, 'draft', fail),
    audience: oneOf(data.audience, 'audience', ARTICLE_AUDIENCES, 'staff', fail),
    category: scalarText(data.category, 'category', fail) || null,
    buildings: textList(data.buildings, 'buildings', KB_TEXT_LIMITS.buildings, 200, fail),
    systems: textList(data.systems, 'systems', KB_TEXT_LIMITS.systems, KB_TEXT_LIMITS.system, fail),
    owner: scalarText(data.owner, 'owner', fail) || null,
    reviewDue: readDate(data.review_due, fail),
  };
}

/** A text value; YAML reads `title: 2024` as a number, which is still meant as text. */
function scalarText(value: unknown, key: string, fail: (problem: string) => never): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(`"${key}" must be a single value, not ${Array.isArray(value) ? 'a list' : 'keys and values'}`);
}

function readId(value: unknown, fail: (problem: string) => never): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) fail(`"id" must be a whole number from 1 up, got ${JSON.stringify(value)}`);
  return value as number;
}

function oneOf<T extends string>(value: unknown, key: string, allowed: readonly T[], fallback: T, fail: (problem: string) => never): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value.trim())) fail(`unknown ${key} ${JSON.stringify(value)}; it must be one of: ${allowed.join(', ')}`);
  return (value as string).trim() as T;
}

function textList(value: unknown, key: string, maxItems: number, maxLength: number, fail: (problem: string) => never): string[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  const texts = items.map((item) => {
    const text = typeof item === 'string' || typeof item === 'number' ? String(item).trim() : fail(`"${key}" must be a list of names, e.g. ${key}: [First, Second]`);
    if (text === '') fail(`"${key}" has an empty entry`);
    if (text.length > maxLength) fail(`an entry of "${key}" is ${text.length} characters; at most ${maxLength}`);
    return text;
  });
  if (texts.length > maxItems) fail(`"${key}" has ${texts.length} entries; at most ${maxItems}`);
  return texts;
}

function readDate(value: unknown, fail: (problem: string) => never): string | null {
  if (value === null || value === undefined || value === '') return null;
  // YAML 1.1 tools write dates that a 1.1 reader would turn into Date objects; this reader keeps them text.
  const text = typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== text) fail(`"review_due" must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return text;
}

/** The `## Problem` and `## Solution` sections; fenced code blocks are content, whatever their lines say. */
function readBody(lines: readonly string[], start: number, fail: (problem: string) => never): Pick<ArticleFile, 'problem' | 'solution'> {
  let fence: string | null = null;
  let problemAt = -1;
  let solutionAt = -1;
  for (let i = start; i < lines.length && solutionAt < 0; i++) {
    const line = lines[i] as string;
    const opener = FENCE.exec(line)?.[1];
    if (opener && (fence === null || (opener[0] === fence[0] && opener.length >= fence.length))) {
      fence = fence === null ? opener : null;
      if (problemAt < 0) fail(`line ${i + 1}: text before the "## Problem" heading; ${FORMAT_HINT}`);
      continue;
    }
    if (fence !== null) continue;
    const heading = HEADING.exec(line);
    const name = heading?.[2]?.toLowerCase().replace(/:$/, '') ?? '';
    if (heading?.[1] === '##' && PROBLEM_HEADINGS.includes(name)) {
      if (problemAt >= 0) fail(`line ${i + 1}: a second "## Problem" heading before "## Solution"`);
      problemAt = i;
    } else if (heading?.[1] === '##' && SOLUTION_HEADINGS.includes(name)) {
      if (problemAt < 0) fail(`line ${i + 1}: "## Solution" comes before "## Problem"; the problem comes first`);
      solutionAt = i;
    } else if (problemAt < 0 && line.trim() !== '' && heading?.[1] !== '#') {
      // Before the problem only blank lines and the `# Title` heading are allowed.
      fail(`line ${i + 1}: text before the "## Problem" heading; ${FORMAT_HINT}`);
    }
  }
  if (problemAt < 0) fail('no "## Problem" section; the body is a "## Problem" section, then a "## Solution" section');
  if (solutionAt < 0) fail('no "## Solution" section after "## Problem"');
  const section = (from: number, to: number) => tidyMarkdown(lines.slice(from, to).join('\n'));
  const problem = section(problemAt + 1, solutionAt);
  const solution = section(solutionAt + 1, lines.length);
  for (const [label, value] of [['problem', problem], ['solution', solution]] as const) {
    if (value.length > KB_TEXT_LIMITS.body) fail(`the ${label} is ${value.length.toLocaleString('en-US')} characters; at most ${KB_TEXT_LIMITS.body.toLocaleString('en-US')}`);
  }
  return { problem, solution };
}
