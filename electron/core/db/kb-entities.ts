/**
 * The knowledge base's tables (migration 0009). Article search indexes (FTS5 tables, PostgreSQL
 * expression indexes) are the migrations' own and stay out of these schemas, as caller_fts does.
 */
import { EntitySchema } from 'typeorm';
import type { ArticleAudience, ArticleChange, ArticleState, CitationKind } from '../../../shared/knowledge';
import { idColumn, instantColumn } from './column-types';
import { cascade, references, type Linked } from './entity-kit';

export interface ArticleRow {
  id: number;
  title: string;
  problem: string;
  solution: string;
  categoryId: number | null;
  /** JSON array of strings. */
  systems: string;
  audience: ArticleAudience;
  state: ArticleState;
  ownerId: number | null;
  reviewDue: string | null;
  lastReviewedAt: number | null;
  sourceCaseId: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
  createdById: number | null;
}

export const ArticleEntity = new EntitySchema<Linked<ArticleRow, 'category' | 'owner' | 'createdBy' | 'sourceCase'>>({
  name: 'Article',
  tableName: 'kb_article',
  columns: {
    id: idColumn(),
    title: { type: 'varchar', length: 200 },
    problem: { type: 'text' },
    solution: { type: 'text' },
    categoryId: { name: 'category_id', type: 'integer', nullable: true },
    systems: { type: 'text' },
    audience: { type: 'varchar', length: 16 },
    state: { type: 'varchar', length: 16 },
    ownerId: { name: 'owner_id', type: 'integer', nullable: true },
    reviewDue: { name: 'review_due', type: 'varchar', length: 10, nullable: true },
    lastReviewedAt: instantColumn('last_reviewed_at', true),
    sourceCaseId: { name: 'source_case_id', type: 'integer', nullable: true },
    version: { type: 'integer' },
    createdAt: instantColumn('created_at'),
    updatedAt: instantColumn('updated_at'),
    publishedAt: instantColumn('published_at', true),
    createdById: { name: 'created_by_id', type: 'integer', nullable: true },
  },
  checks: [
    { name: 'kb_article_state_known', expression: `state IN ('draft', 'published', 'retired')` },
    { name: 'kb_article_audience_known', expression: `audience IN ('staff', 'public')` },
  ],
  relations: {
    category: references('Category', 'category_id'),
    owner: references('StaffMember', 'owner_id'),
    createdBy: references('StaffMember', 'created_by_id'),
    sourceCase: references('Case', 'source_case_id'),
  },
  indices: [
    { name: 'idx_kb_article_state', columns: ['state', 'updatedAt'] },
    { name: 'idx_kb_article_category', columns: ['categoryId'] },
    { name: 'idx_kb_article_source_case', columns: ['sourceCaseId'] },
  ],
});

export interface ArticleBuildingRow {
  articleId: number;
  buildingId: number;
}

export const ArticleBuildingEntity = new EntitySchema<Linked<ArticleBuildingRow, 'article' | 'building'>>({
  name: 'ArticleBuilding',
  tableName: 'kb_article_building',
  columns: {
    articleId: { name: 'article_id', type: 'integer', primary: true },
    buildingId: { name: 'building_id', type: 'integer', primary: true },
  },
  relations: { article: cascade('Article', 'article_id'), building: references('Building', 'building_id') },
  indices: [{ name: 'idx_kb_article_building_building', columns: ['buildingId'] }],
});

export interface ArticleVersionRow {
  id: number;
  articleId: number;
  number: number;
  at: number;
  actorId: number | null;
  change: ArticleChange;
  state: ArticleState;
  note: string | null;
  /** JSON of ArticleFields. */
  fields: string;
}

export const ArticleVersionEntity = new EntitySchema<Linked<ArticleVersionRow, 'article' | 'actor'>>({
  name: 'ArticleVersion',
  tableName: 'kb_article_version',
  columns: {
    id: idColumn(),
    articleId: { name: 'article_id', type: 'integer' },
    number: { type: 'integer' },
    at: instantColumn('at'),
    actorId: { name: 'actor_id', type: 'integer', nullable: true },
    change: { type: 'varchar', length: 16 },
    state: { type: 'varchar', length: 16 },
    note: { type: 'text', nullable: true },
    fields: { type: 'text' },
  },
  checks: [{ name: 'kb_version_change_known', expression: `change IN ('created', 'edited', 'published', 'retired', 'restored', 'reviewed', 'imported')` }],
  uniques: [{ name: 'uq_kb_article_version', columns: ['articleId', 'number'] }],
  relations: { article: cascade('Article', 'article_id'), actor: references('StaffMember', 'actor_id') },
});

export interface AttachmentRow {
  id: number;
  articleId: number;
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  dataBase64?: string;
  createdAt: number;
  createdById: number | null;
}

export const AttachmentEntity = new EntitySchema<Linked<AttachmentRow, 'article' | 'createdBy'>>({
  name: 'Attachment',
  tableName: 'kb_attachment',
  columns: {
    id: idColumn(),
    articleId: { name: 'article_id', type: 'integer' },
    fileName: { name: 'file_name', type: 'varchar', length: 200 },
    mediaType: { name: 'media_type', type: 'varchar', length: 32 },
    bytes: { type: 'integer' },
    sha256: { type: 'varchar', length: 64 },
    // Read only when the image itself is asked for.
    dataBase64: { name: 'data_base64', type: 'text', select: false },
    createdAt: instantColumn('created_at'),
    createdById: { name: 'created_by_id', type: 'integer', nullable: true },
  },
  relations: { article: cascade('Article', 'article_id'), createdBy: references('StaffMember', 'created_by_id') },
  indices: [{ name: 'idx_kb_attachment_article', columns: ['articleId'] }],
});

export interface CitationRow {
  id: number;
  articleId: number;
  caseId: number;
  kind: CitationKind;
  at: number;
  actorId: number | null;
  reopenedAt: number | null;
}

export const CitationEntity = new EntitySchema<Linked<CitationRow, 'article' | 'case' | 'actor'>>({
  name: 'Citation',
  tableName: 'kb_citation',
  columns: {
    id: idColumn(),
    articleId: { name: 'article_id', type: 'integer' },
    caseId: { name: 'case_id', type: 'integer' },
    kind: { type: 'varchar', length: 16 },
    at: instantColumn('at'),
    actorId: { name: 'actor_id', type: 'integer', nullable: true },
    reopenedAt: instantColumn('reopened_at', true),
  },
  checks: [{ name: 'kb_citation_kind_known', expression: `kind IN ('cited', 'solved_with')` }],
  uniques: [{ name: 'uq_kb_citation', columns: ['caseId', 'articleId'] }],
  relations: { article: references('Article', 'article_id'), case: references('Case', 'case_id'), actor: references('StaffMember', 'actor_id') },
  indices: [{ name: 'idx_kb_citation_article', columns: ['articleId', 'at'] }],
});

export const KB_ENTITIES = [ArticleEntity, ArticleBuildingEntity, ArticleVersionEntity, AttachmentEntity, CitationEntity];
