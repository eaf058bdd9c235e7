/**
 * An article's Markdown as HTML the console can show: markdown-it renders it, DOMPurify keeps only
 * what an article needs, and a last pass fixes links and images. No article may run script in the
 * console, whatever its author typed (issue 11), so each stage refuses on its own:
 *
 * - markdown-it with `html: false` shows raw HTML as text, and refuses javascript:, vbscript:,
 *   file: and data: link targets (its `validateLink`).
 * - DOMPurify keeps an allow-list of tags and attributes (no style, script, iframe, form, svg, math,
 *   no event handlers, no `src` at all), and links only to http(s) and mailto.
 * - Links open outside the console (`target="_blank"`, `rel="noopener noreferrer"`); a link to
 *   anything else becomes its text.
 * - Images come only from the article's own attachments: `![alt](attachment:12)` becomes an
 *   `<img data-attachment-id="12" alt="alt">` that ArticleBody fills with the image's data; any
 *   other image becomes its alt text, so an article never makes the console fetch anything.
 */
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import MarkdownIt, { type Token } from 'markdown-it';

/** How an article's Markdown names one of its attachments (`![screen](attachment:12)`). */
export const ATTACHMENT_SCHEME = 'attachment:';
const ATTACHMENT_SOURCE = /^attachment:([1-9][0-9]{0,14})$/;

/** The attribute ArticleBody looks for to fill an image with its attachment's data. */
export const ATTACHMENT_ATTRIBUTE = 'data-attachment-id';

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Everything markdown-it makes from Markdown with HTML off, and nothing else. */
const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

const PURIFY_CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'title', 'alt', ATTACHMENT_ATTRIBUTE, 'start'],
  // A list's start number and an attachment id are not addresses: the URI rule below is for href.
  ADD_URI_SAFE_ATTR: [ATTACHMENT_ATTRIBUTE, 'start'],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Named as well as left out of the allow-list, so a later widening of the list cannot let them in.
  FORBID_TAGS: ['style', 'script', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'svg', 'math', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'src', 'srcset', 'action', 'formaction', 'xlink:href'],
  RETURN_DOM_FRAGMENT: true,
};

export interface ArticleMarkdownOptions {
  /**
   * The heading level a Markdown `#` heading becomes (default 3: an article's sections are level
   * 2 under its title), so an article's headings fit the outline of the screen that shows it.
   */
  topHeading?: number;
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// An attachment becomes an image ArticleBody fills; any other image, its alt text.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (!token) return '';
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const id = ATTACHMENT_SOURCE.exec(String(token.attrGet('src') ?? ''))?.[1];
  if (!id) return md.utils.escapeHtml(alt);
  const title = token.attrGet('title');
  const titleText = title === null ? '' : String(title);
  return `<img ${ATTACHMENT_ATTRIBUTE}="${id}" alt="${md.utils.escapeHtml(alt)}"${titleText ? ` title="${md.utils.escapeHtml(titleText)}"` : ''}>`;
};

let purifier: Purifier | null = null;

/** One DOMPurify of our own: its settings never leak into, or come from, anyone else's. */
function purify(): Purifier {
  purifier ??= DOMPurify(window);
  return purifier;
}

/** Safe HTML for an article's Markdown field (problem and symptoms, solution). */
export function renderArticleMarkdown(markdown: string, options: ArticleMarkdownOptions = {}): string {
  if (!markdown.trim()) return '';
  const env = {};
  const tokens = md.parse(markdown, env);
  shiftHeadings(tokens, options.topHeading ?? 3);
  return sanitizeArticleHtml(md.renderer.render(tokens, md.options, env));
}

/**
 * The allow-list, links and images of an article applied to HTML (markdown-it's output): the
 * second line of defence, which holds on its own should the first one ever let HTML through.
 */
export function sanitizeArticleHtml(html: string): string {
  const fragment = purify().sanitize(html, PURIFY_CONFIG);
  finishLinks(fragment);
  finishImages(fragment);
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

function shiftHeadings(tokens: Token[], top: number): void {
  const offset = Math.min(Math.max(Math.trunc(top), 1), 6) - 1;
  for (const token of tokens) {
    if (token.type !== 'heading_open' && token.type !== 'heading_close') continue;
    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(level + offset, 6)}`;
  }
}

/** Links open outside the console, and only to the web or an email; any other link is its text. */
function finishLinks(root: DocumentFragment): void {
  for (const link of [...root.querySelectorAll('a')]) {
    const href = link.getAttribute('href');
    if (href !== null && isAllowedLink(href)) {
      link.setAttribute('target', '_blank');
      link.setAttribute('rel', 'noopener noreferrer');
    } else {
      link.replaceWith(...link.childNodes);
    }
  }
}

/** The protocol as a browser would read it (URL drops tabs, newlines and leading blanks too). */
function isAllowedLink(href: string): boolean {
  try {
    return LINK_PROTOCOLS.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

/** Only images of the article's attachments stay (without a source until ArticleBody fills it). */
function finishImages(root: DocumentFragment): void {
  for (const image of [...root.querySelectorAll('img')]) {
    const id = image.getAttribute(ATTACHMENT_ATTRIBUTE);
    if (id !== null && /^[1-9][0-9]{0,14}$/.test(id) && !image.hasAttribute('src')) continue;
    image.replaceWith(document.createTextNode(image.getAttribute('alt') ?? ''));
  }
}

/** The attachment ids an article's Markdown shows, in order, each once. */
export function attachmentIdsIn(markdown: string): number[] {
  const ids = new Set<number>();
  for (const match of markdown.matchAll(/\]\(\s*attachment:([1-9][0-9]{0,14})/g)) ids.add(Number(match[1]));
  return [...ids];
}

/** The Markdown that shows an attachment: `![name](attachment:ID)`, the name's brackets escaped. */
export function attachmentMarkdown(id: number, name: string): string {
  const alt = name.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
  return `![${alt}](${ATTACHMENT_SCHEME}${id})`;
}

/** The Markdown without the places that show attachment `id` (the image was removed from the article). */
export function withoutAttachment(markdown: string, id: number): string {
  const image = new RegExp(`!\\[(?:\\\\.|[^\\]\\\\])*\\]\\(\\s*attachment:${id}(?:\\s+"[^"]*")?\\s*\\)`, 'g');
  return markdown.replace(image, '');
}
