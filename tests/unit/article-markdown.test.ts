import { describe, expect, it } from 'vitest';
import { articleFileName, formatArticleFile, parseArticleFile, type ArticleFile } from '../../electron/core/kb/article-markdown';

const ARTICLE: ArticleFile = {
  id: 12,
  title: 'Projector shows an orange light: "lamp" warning #2',
  state: 'published',
  audience: 'staff',
  category: 'Audio / video & projectors',
  buildings: ['Lincoln Elementary', 'Central High School'],
  systems: ['Epson ceiling projector', 'yes', '012'],
  owner: 'alex.kim@district.example.org',
  reviewDue: '2027-03-01',
  problem: 'The ceiling projector shows an **orange** light.\n\n- It will not turn on\n- The fan runs',
  solution: '1. Check the lamp timer.\n2. Replace the lamp:\n\n   ```\n   ## Solution\n   menu > lamp > reset\n   ```\n\n## Notes\n\nA heading of the solution\'s own.',
};

const file = (front: string, body = '## Problem\n\nIt broke.\n\n## Solution\n\nFix it.\n') => `---\n${front}\n---\n\n${body}`;
const parse = (text: string | Uint8Array) => parseArticleFile(text, 'articles/7-sample.md');
const refusal = (text: string | Uint8Array) => {
  try {
    parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
};

describe('an article as a Markdown file', () => {
  it('reads back what it wrote, field for field', () => {
    const text = formatArticleFile(ARTICLE);
    expect(text).toMatch(/^---\nid: 12\ntitle: .*\nstate: published\naudience: staff\ncategory: Audio \/ video & projectors\n/);
    expect(text).toContain('\n---\n\n# Projector shows an orange light');
    expect(text).toContain('\n## Problem\n\nThe ceiling projector');
    expect(parse(text)).toEqual(ARTICLE);
    // Bytes, with a byte order mark and Windows line ends, read the same.
    const windows = Buffer.from(`\uFEFF${text.replace(/\n/g, '\r\n')}`, 'utf8');
    expect(parse(windows)).toEqual(ARTICLE);
  });

  it('writes an article without id, category, owner or date, and empty sections, and reads them back', () => {
    const bare: ArticleFile = { ...ARTICLE, id: null, category: null, owner: null, reviewDue: null, buildings: [], systems: [], problem: '', solution: '' };
    const text = formatArticleFile(bare);
    expect(text).not.toContain('id:');
    expect(text).toContain('category: null\n');
    expect(parse(text)).toEqual(bare);
  });

  it('takes a hand-written file: defaults for state and audience, no # Title, a single system, a Problem and symptoms heading', () => {
    const article = parse(file('title: Printer jam\nsystems: HP LaserJet', '## Problem and symptoms\nPaper jams.\n## Solution:\nOpen tray 2.'));
    expect(article).toEqual({
      id: null,
      title: 'Printer jam',
      state: 'draft',
      audience: 'staff',
      category: null,
      buildings: [],
      systems: ['HP LaserJet'],
      owner: null,
      reviewDue: null,
      problem: 'Paper jams.',
      solution: 'Open tray 2.',
    });
  });

  it('names the file in an id-first, plain-letter file name', () => {
    expect(articleFileName(12, 'Wi-Fi drops: "Café" laptops!')).toBe('12-wi-fi-drops-cafe-laptops.md');
    expect(articleFileName(3, '¿¿??')).toBe('3-article.md');
    expect(articleFileName(4, 'x'.repeat(300))).toBe(`4-${'x'.repeat(60)}.md`);
  });

  it.each([
    ['no front matter', 'Just some notes\n## Problem\nx\n## Solution\ny', 'articles/7-sample.md: no front matter: the first line must be "---"'],
    ['an unclosed front matter', '---\ntitle: x\n## Problem\n', 'articles/7-sample.md: the front matter has no closing "---" line'],
    ['bad YAML', file('title: [Printer jam\nstate: draft'), 'articles/7-sample.md: the front matter is not valid YAML (line 3): Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a key twice', file('title: a\ntitle: b'), 'articles/7-sample.md: the front matter is not valid YAML (line 3): Map keys must be unique'],
    ['an empty front matter', '---\n---\n## Problem\nx\n## Solution\ny', 'articles/7-sample.md: the front matter is empty: it needs at least a title'],
    ['a list for front matter', file('- title\n- state'), 'articles/7-sample.md: the front matter must be keys and values'],
    ['an unknown state', file('title: x\nstate: archived'), 'articles/7-sample.md: unknown state "archived"; it must be one of: draft, published, retired'],
    ['an unknown audience', file('title: x\naudience: students'), 'articles/7-sample.md: unknown audience "students"; it must be one of: staff, public'],
    ['an unknown key', file('title: x\nauthor: Alex'), 'articles/7-sample.md: unknown key "author" in the front matter; the keys are id, title, state, audience, category, buildings, systems, owner, review_due'],
    ['a missing title', file('state: draft'), 'articles/7-sample.md: the front matter has no title ("title: …")'],
    ['an empty title', file('title: "  "'), 'articles/7-sample.md: the front matter has no title'],
    ['a title too long', file(`title: ${'x'.repeat(201)}`), 'the title is 201 characters; at most 200'],
    ['a list for a title', file('title: [a, b]'), '"title" must be a single value, not a list'],
    ['a bad id', file('id: KB-12\ntitle: x'), '"id" must be a whole number from 1 up, got "KB-12"'],
    ['a bad date', file('title: x\nreview_due: 2027-02-30'), '"review_due" must be a date YYYY-MM-DD, got "2027-02-30"'],
    ['a date in other words', file('title: x\nreview_due: next March'), '"review_due" must be a date YYYY-MM-DD, got "next March"'],
    ['keys for buildings', file('title: x\nbuildings: {a: 1}'), '"buildings" must be a list of names'],
    ['an empty system', file('title: x\nsystems: [PowerSchool, ""]'), '"systems" has an empty entry'],
    ['too many systems', file(`title: x\nsystems: [${Array.from({ length: 21 }, (_, i) => `s${i}`).join(', ')}]`), '"systems" has 21 entries; at most 20'],
    ['no sections', file('title: x', 'It broke. Fix it.\n'), 'articles/7-sample.md: line 5: text before the "## Problem" heading'],
    ['no Problem section', file('title: x', '## Solution\nFix it.\n'), 'articles/7-sample.md: line 5: "## Solution" comes before "## Problem"'],
    ['no Solution section', file('title: x', '# x\n\n## Problem\nIt broke.\n### Solution\nFix it.'), 'articles/7-sample.md: no "## Solution" section after "## Problem"'],
    ['an empty body', file('title: x', ''), 'articles/7-sample.md: no "## Problem" section'],
    ['two Problem sections', file('title: x', '## Problem\na\n## Problem\nb\n## Solution\nc'), 'articles/7-sample.md: line 7: a second "## Problem" heading'],
    ['a Solution heading only inside a code block', file('title: x', '## Problem\n```\n## Solution\n```\n'), 'no "## Solution" section after "## Problem"'],
    ['a body too long', file('title: x', `## Problem\n${'x'.repeat(50_001)}\n## Solution\ny`), 'the problem is 50,001 characters; at most 50,000'],
  ])('refuses %s, saying what is wrong and where', (_name, text, message) => {
    expect(refusal(text)).toContain(message);
  });

  it('refuses a file that is not UTF-8, saying so', () => {
    const latin1 = Buffer.concat([Buffer.from(file('title: Caf'), 'utf8').subarray(0, 13), Buffer.from([0xe9]), Buffer.from('\n---\n## Problem\nx\n## Solution\ny\n')]);
    expect(refusal(latin1)).toBe('articles/7-sample.md: the file is not UTF-8 text (an invalid byte 0xe9 at offset 13); save it as UTF-8');
    const utf16 = Buffer.from(`\uFEFF${file('title: x')}`, 'utf16le');
    expect(refusal(utf16)).toBe('articles/7-sample.md: the file is UTF-16 text; save it as UTF-8');
  });
});
