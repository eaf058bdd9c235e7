/**
 * The knowledge base's part of the contract. Agents read; technicians draft, edit, review and
 * attach; supervisors publish, retire and delete drafts.
 */
import { z } from 'zod';
import { ALL_STAFF, channel, id, isoDate, MAX_ID, optionalText, requiredText, SUPERVISORS, text, version, type RequestLimit } from './contract-kit';
import { CASE_TEXT_LIMITS, type StaffRole } from './domain';
import {
  ARTICLE_AUDIENCES,
  ARTICLE_STATES,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  KB_TEXT_LIMITS,
  type Article,
  type ArticleCitation,
  type ArticleSearchResult,
  type ArticleVersion,
  type ArticleVersionDetail,
  type AttachmentData,
  type AttachmentInfo,
  type IntakeSuggestions,
  type KnowledgeWorklists,
} from './knowledge';

const WORKERS: readonly StaffRole[] = ['technician', 'supervisor'];

const body = (label: string) => text(label).max(KB_TEXT_LIMITS.body, { error: `${label} must be at most ${KB_TEXT_LIMITS.body.toLocaleString('en-US')} characters` });
const optionalId = (label: string) => id(label).nullable().optional();

const articleFields = {
  title: requiredText('Title', KB_TEXT_LIMITS.title),
  problem: body('Problem and symptoms'),
  solution: body('Solution'),
  categoryId: optionalId('Category'),
  buildingIds: z
    .array(id('Building'), { error: 'Buildings must be a list' })
    .max(KB_TEXT_LIMITS.buildings, { error: `At most ${KB_TEXT_LIMITS.buildings} buildings` }),
  systems: z
    .array(requiredText('System', KB_TEXT_LIMITS.system), { error: 'Systems must be a list' })
    .max(KB_TEXT_LIMITS.systems, { error: `At most ${KB_TEXT_LIMITS.systems} systems` }),
  audience: z.enum(ARTICLE_AUDIENCES, { error: 'Audience must be staff or public' }),
  ownerId: optionalId('Owner'),
  reviewDue: isoDate('Review date').nullable(),
};

const articleRef = { id: id('Article id'), version };

/** Base64 of at most ATTACHMENT_MAX_BYTES, with room for the rest of the envelope. */
const ATTACHMENT_LIMIT: RequestLimit = {
  bytes: Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 16_000,
  field: 'dataBase64',
  message: `The image is too large: at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`,
};

export const knowledgeChannels = {
  /** Articles by words (ranked) or all of them (newest first); agents see published articles only. */
  'kb.search': channel<ArticleSearchResult>()({
    input: z
      .object({
        query: text('Search').max(200, { error: 'Search must be at most 200 characters' }).optional(),
        states: z.array(z.enum(ARTICLE_STATES, { error: `State must be one of: ${ARTICLE_STATES.join(', ')}` })).optional(),
        categoryId: id('Category').optional(),
        audience: z.enum(ARTICLE_AUDIENCES, { error: 'Audience must be staff or public' }).optional(),
        limit: z.number().int().min(1, { error: 'Ask for at least 1 article' }).max(100, { error: 'Ask for at most 100 articles' }).optional(),
        offset: z.number().int().min(0).max(MAX_ID).optional(),
      })
      .strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  /** What intake shows while the summary is typed: published articles and similar resolved cases. */
  'kb.suggest': channel<IntakeSuggestions>()({
    input: z
      .object({
        text: text('Summary').max(CASE_TEXT_LIMITS.summary + CASE_TEXT_LIMITS.description, { error: 'The text to match is too long' }),
        categoryId: id('Category').nullable().optional(),
        buildingId: id('Building').nullable().optional(),
        limit: z.number().int().min(1).max(10, { error: 'Ask for at most 10 suggestions' }).optional(),
      })
      .strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  'kb.get': channel<Article>()({ input: z.object({ id: id('Article id') }).strict(), access: ALL_STAFF, mutates: false }),
  'kb.worklists': channel<KnowledgeWorklists>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  /** A new draft; `sourceCaseId` links it to the case it was written from. */
  'kb.create': channel<Article>()({
    input: z
      .object({
        ...articleFields,
        problem: articleFields.problem.optional(),
        solution: articleFields.solution.optional(),
        buildingIds: articleFields.buildingIds.optional(),
        systems: articleFields.systems.optional(),
        audience: articleFields.audience.optional(),
        reviewDue: articleFields.reviewDue.optional(),
        sourceCaseId: id('Case').optional(),
      })
      .strict(),
    access: WORKERS,
    mutates: true,
  }),
  'kb.update': channel<Article>()({
    input: z.object({ ...articleRef, ...z.object(articleFields).partial().shape }).strict(),
    access: WORKERS,
    mutates: true,
  }),
  'kb.publish': channel<Article>()({ input: z.object(articleRef).strict(), access: SUPERVISORS, mutates: true }),
  'kb.retire': channel<Article>()({ input: z.object({ ...articleRef, reason: optionalText('Reason', 500) }).strict(), access: SUPERVISORS, mutates: true }),
  /** The article was checked and still holds; the next review is set (default: a year on). */
  'kb.review': channel<Article>()({
    input: z.object({ ...articleRef, nextReviewDue: isoDate('Next review date').optional(), note: optionalText('Note', 500) }).strict(),
    access: WORKERS,
    mutates: true,
  }),
  'kb.deleteDraft': channel<{ id: number }>()({ input: z.object(articleRef).strict(), access: SUPERVISORS, mutates: true }),
  'kb.versions': channel<ArticleVersion[]>()({ input: z.object({ id: id('Article id') }).strict(), access: ALL_STAFF, mutates: false }),
  'kb.version': channel<ArticleVersionDetail>()({
    input: z.object({ id: id('Article id'), number: id('Version') }).strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  /** Brings back an earlier version's fields as a new version; the article's state stays. */
  'kb.restore': channel<Article>()({
    input: z.object({ ...articleRef, fromVersion: id('Version to restore'), note: optionalText('Note', 500) }).strict(),
    access: WORKERS,
    mutates: true,
  }),
  'kb.attach': channel<AttachmentInfo>()({
    input: z
      .object({
        articleId: id('Article id'),
        fileName: requiredText('File name', 200),
        mediaType: z.enum(ATTACHMENT_TYPES, { error: `Images must be PNG, JPEG, GIF or WebP (${ATTACHMENT_TYPES.join(', ')})` }),
        dataBase64: text('The image')
          .min(1, { error: 'The image is empty' })
          .max(ATTACHMENT_LIMIT.bytes, { error: ATTACHMENT_LIMIT.message })
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'The image must be sent as base64' }),
      })
      .strict(),
    access: WORKERS,
    mutates: true,
    requestLimit: ATTACHMENT_LIMIT,
  }),
  'kb.attachment': channel<AttachmentData>()({ input: z.object({ id: id('Attachment id') }).strict(), access: ALL_STAFF, mutates: false }),
  'kb.detach': channel<{ id: number }>()({ input: z.object({ id: id('Attachment id') }).strict(), access: WORKERS, mutates: true }),
  /** A case cites an existing article (instead of, or besides, drafting one). */
  'cases.cite': channel<ArticleCitation>()({
    input: z.object({ id: id('Case id'), articleId: id('Article id') }).strict(),
    access: ALL_STAFF,
    mutates: true,
  }),
} as const;
