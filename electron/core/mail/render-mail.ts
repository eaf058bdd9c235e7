import { DomainError } from '../errors';
import type { MailBlock } from './mail-body';

export interface RenderedMail {
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text: every character that could start markup or leave an attribute is escaped. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Line breaks as the text part has them; a lone CR would be read differently by each client. */
const lines = (value: string) => value.replace(/\r\n?/g, '\n');

/**
 * Renders a message's blocks as its plain-text and HTML parts, with the same content in the same
 * order. The HTML is deliberately plain (paragraphs, one table for facts, inline styles only):
 * mail clients strip style sheets and scripts, and a plain part reads the same everywhere.
 */
export function renderMail(blocks: readonly MailBlock[]): RenderedMail {
  if (blocks.length === 0) throw new DomainError('invalid_input', 'A message needs at least one paragraph, link or list of facts', 'body');
  const text: string[] = [];
  const html: string[] = [];
  blocks.forEach((block, i) => {
    switch (block.kind) {
      case 'paragraph':
        text.push(lines(block.text));
        html.push(`<p style="margin:0 0 16px">${lines(block.text).split('\n').map(escapeHtml).join('<br>')}</p>`);
        return;
      case 'link':
        checkLink(block.url, `body.${i}.url`);
        text.push(`${oneLine(block.label)}: ${block.url}`);
        html.push(`<p style="margin:0 0 16px"><a href="${escapeHtml(block.url)}">${escapeHtml(oneLine(block.label))}</a></p>`);
        return;
      case 'facts':
        text.push(block.items.map((f) => `${oneLine(f.label)}: ${oneLine(f.value)}`).join('\n'));
        html.push(
          `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${block.items
            .map((f) => `<tr><th style="text-align:left;padding:0 12px 4px 0">${escapeHtml(oneLine(f.label))}</th><td style="padding:0 0 4px">${escapeHtml(oneLine(f.value))}</td></tr>`)
            .join('')}</table>`,
        );
        return;
      default:
        throw new DomainError('invalid_input', `Unknown part of a message: ${String((block as { kind: unknown }).kind)}`, `body.${i}.kind`);
    }
  });
  return {
    text: `${text.join('\n\n')}\n`,
    html: `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.4">\n${html.join('\n')}\n</body></html>\n`,
  };
}

/** Labels and facts are single lines: a line break in one would be read as the start of another fact. */
function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Links go to web pages only: no javascript:, data: or mailto: hidden behind a label. */
export function checkLink(url: string, field: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('invalid_input', `The link must be a full web address (https://…), got "${url}"`, field);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new DomainError('invalid_input', `The link must start with https:// or http://, got "${url}"`, field);
  if (/\s/.test(url)) throw new DomainError('invalid_input', 'The link must not contain spaces or line breaks', field);
}
