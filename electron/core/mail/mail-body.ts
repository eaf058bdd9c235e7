/**
 * What an email says, as a structure rather than markup: the plain-text and the HTML part are
 * both rendered from it (render-mail.ts), so they always carry the same content, and every text
 * in it is text (a summary somebody typed can never become markup).
 */

/** A paragraph of text; line breaks in it are kept. */
export interface MailParagraph {
  kind: 'paragraph';
  text: string;
}

/** A link shown with its label (the text part writes "label: url"). */
export interface MailLink {
  kind: 'link';
  label: string;
  /** http or https only. */
  url: string;
}

/** A short list of labelled facts ("Case number: 1042"). */
export interface MailFacts {
  kind: 'facts';
  items: readonly { label: string; value: string }[];
}

export type MailBlock = MailParagraph | MailLink | MailFacts;

export const paragraph = (text: string): MailParagraph => ({ kind: 'paragraph', text });
export const link = (label: string, url: string): MailLink => ({ kind: 'link', label, url });
export const facts = (items: readonly { label: string; value: string }[]): MailFacts => ({ kind: 'facts', items });
