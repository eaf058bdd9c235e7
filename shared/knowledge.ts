/**
 * The knowledge base as the console and the core exchange it: articles (Markdown bodies, kept
 * with every version), their image attachments, the cases that cited them, and what intake
 * suggests while an agent types a summary.
 */

export const ARTICLE_STATES = ['draft', 'published', 'retired'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];

/** Who may read an article: desk staff only, or also employees on the self-help pages. */
export const ARTICLE_AUDIENCES = ['staff', 'public'] as const;
export type ArticleAudience = (typeof ARTICLE_AUDIENCES)[number];

/** What one version of an article recorded. */
export const ARTICLE_CHANGES = ['created', 'edited', 'published', 'retired', 'restored', 'reviewed', 'imported'] as const;
export type ArticleChange = (typeof ARTICLE_CHANGES)[number];

/** How a case used an article: cited while being worked, or solved with it at first contact. */
export const CITATION_KINDS = ['cited', 'solved_with'] as const;
export type CitationKind = (typeof CITATION_KINDS)[number];

export const KB_TEXT_LIMITS = {
  title: 200,
  /** Markdown bodies: problem and symptoms, solution steps. */
  body: 50_000,
  system: 80,
  systems: 20,
  buildings: 100,
} as const;

/**
 * Images only, in formats browsers show without running anything (SVG can carry script, so it is
 * refused). Each at most 2 MB, at most 20 per article.
 */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
export const ATTACHMENTS_PER_ARTICLE = 20;

/**
 * An article is flagged for review when at least this many of the cases that cited it were
 * reopened and they are at least this share of its citations.
 */
export const REOPEN_FLAG = { minReopened: 3, minShare: 0.2 } as const;

/** How long a published article stands before its next review, unless its owner sets a date. */
export const DEFAULT_REVIEW_MONTHS = 12;

/** The fields a person edits; every version keeps a copy of them. */
export interface ArticleFields {
  title: string;
  /** Markdown: the problem and its symptoms. */
  problem: string;
  /** Markdown: the solution's steps. */
  solution: string;
  categoryId: number | null;
  /** Buildings it applies to; empty: every building. */
  buildingIds: number[];
  /** Systems or devices it applies to ("PowerSchool", "Epson ceiling projector"). */
  systems: string[];
  audience: ArticleAudience;
  ownerId: number | null;
  /** The next review date (YYYY-MM-DD, district calendar), or null. */
  reviewDue: string | null;
}

/** How an article has served: citations, reopened citations, and whether that calls for a review. */
export interface ArticleQuality {
  citations: number;
  /** Citing cases that were reopened after the citation. */
  reopenedCitations: number;
  flagged: boolean;
  lastReviewedAt: string | null;
}

/** An article as lists show it. */
export interface ArticleSummary extends ArticleQuality {
  id: number;
  /** "KB-12": how people refer to it. */
  number: string;
  title: string;
  state: ArticleState;
  audience: ArticleAudience;
  categoryId: number | null;
  categoryName: string | null;
  ownerId: number | null;
  ownerName: string | null;
  reviewDue: string | null;
  /** The case it was drafted from, if any. */
  sourceCaseId: number | null;
  version: number;
  updatedAt: string;
}

export interface AttachmentInfo {
  id: number;
  articleId: number;
  fileName: string;
  mediaType: AttachmentType;
  bytes: number;
}

export interface AttachmentData extends AttachmentInfo {
  /** The image, base64: every transport carries it as JSON. */
  dataBase64: string;
}

/** A case that used an article, as the article shows it. */
export interface ArticleCitation {
  caseId: number;
  caseNumber: string;
  summary: string;
  kind: CitationKind;
  at: string;
  actorName: string | null;
  reopened: boolean;
}

/** One article whole, with what it takes to show and edit it. */
export interface Article extends ArticleSummary, Omit<ArticleFields, 'ownerId' | 'reviewDue' | 'categoryId' | 'audience'> {
  buildingNames: string[];
  attachments: AttachmentInfo[];
  citedBy: ArticleCitation[];
  createdAt: string;
  publishedAt: string | null;
}

/** One entry of an article's history. */
export interface ArticleVersion {
  version: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  change: ArticleChange;
  state: ArticleState;
  title: string;
  /** Why, when the person said (retiring, restoring). */
  note: string | null;
}

export interface ArticleVersionDetail extends ArticleVersion {
  fields: ArticleFields;
}

/** A search result: the article and a plain-text passage around what matched. */
export interface ArticleHit extends ArticleSummary {
  excerpt: string;
}

export interface ArticleSearchResult {
  articles: ArticleHit[];
  total: number;
}

/** A resolved case that looks like the one being typed, with how it was solved. */
export interface SimilarCase {
  caseId: number;
  caseNumber: string;
  summary: string;
  resolutionNotes: string | null;
  resolvedAt: string | null;
  categoryName: string | null;
  buildingName: string | null;
  /** Articles the case cited. */
  articleIds: number[];
}

/** What intake shows beside the summary: the best published articles and similar resolved cases. */
export interface IntakeSuggestions {
  articles: ArticleHit[];
  cases: SimilarCase[];
  /** The words actually searched after spelling correction, when a word was corrected ("printr" → "printer"). */
  corrected: string | null;
}

/** The knowledge base's work lists. */
export interface KnowledgeWorklists {
  /** Drafts, those made from resolved cases first. */
  drafts: ArticleSummary[];
  /** Published articles whose review date has passed. */
  reviewDue: ArticleSummary[];
  /** Published articles whose citing cases were often reopened. */
  flagged: ArticleSummary[];
}

export function formatArticleNumber(id: number): string {
  return `KB-${id}`;
}
