/**
 * A public article's Markdown as HTML for the Tech Support Center, made in the core (no DOM here
 * for DOMPurify): markdown-it with raw HTML off writes only its own tags and escapes every other
 * character, links are kept only to the web or an email (anything else stays text) and open in a
 * new tab, and images become their alt text (an article's attachments are the console's; the page
 * fetches nothing an author names).
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// Stricter than markdown-it's own check (which refuses javascript:, vbscript:, file: and data:): only absolute web and mail links.
md.validateLink = (url: string) => /^(?:https?:\/\/|mailto:)/i.test(url.trim());

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  return token ? md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env)) : '';
};

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  token?.attrSet('target', '_blank');
  token?.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** The sections of an article as one HTML body; an article's `#` headings sit under the section headings. */
export function helpArticleHtml(sections: readonly { heading: string; markdown: string }[]): string {
  return sections
    .filter((s) => s.markdown.trim() !== '')
    .map((s) => {
      const tokens = md.parse(s.markdown, {});
      for (const t of tokens) if (t.type === 'heading_open' || t.type === 'heading_close') t.tag = `h${Math.min(Number(t.tag.slice(1)) + 2, 6)}`;
      return `<h2>${md.utils.escapeHtml(s.heading)}</h2>\n${md.renderer.render(tokens, md.options, {})}`;
    })
    .join('\n');
}
