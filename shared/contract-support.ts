/**
 * The Tech Support Center's contract: what a signed-in employee may call. It is apart from the
 * console's contract (shared/contract.ts): an employee's session reaches these channels and no
 * other, and every channel acts on the employee's own caller record and their own requests,
 * named by the session, never by the input.
 *
 * Transport (electron/server/support-routes.ts): `POST /api/support/invoke/<channel>` {input}.
 */
import { z } from 'zod';
import { wizardAnswersSchema } from './contract';
import { type ChannelSpec, id, optionalText, requiredText, text, version } from './contract-kit';
import { CASE_TEXT_LIMITS } from './domain';
import {
  SCREENSHOT_LIMITS,
  SUPPORT_TEXT_LIMITS,
  type EmployeeProfile,
  type HelpArticle,
  type HelpArticleHit,
  type RequestRow,
  type RequestView,
  type StatusPage,
  type SubmittedRequest,
  type SupportStart,
} from './support';

/** A support channel: no roles (the session is an employee's), a result type, and whether it changes data. */
export interface SupportChannelSpec<Input extends z.ZodType = z.ZodType, Output = unknown> extends Omit<ChannelSpec<Input, Output>, 'access'> {
  /** Counts against the employee's submission limit (shared/support.ts SUBMISSION_LIMITS). */
  readonly rateLimited?: true;
}

function supportChannel<Output>() {
  return <Input extends z.ZodType>(spec: Omit<SupportChannelSpec<Input, Output>, 'result'>): SupportChannelSpec<Input, Output> => spec;
}

const callbackNumber = optionalText('Callback number', 40).refine((v) => v == null || /^[\d\s()+.\-x#ext]{3,40}$/i.test(v), {
  error: 'Callback number must be a phone number such as 573-214-3333 or x25888',
});

const screenshot = z
  .object({
    fileName: requiredText('Screenshot file name', SCREENSHOT_LIMITS.fileName),
    dataBase64: text('Screenshot').regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'Screenshot must be base64 data' }),
  })
  .strict();

/** What an employee fills in: the problem in their words, where, how to call back, the priority questions, screenshots. */
export const supportRequestSchema = z
  .object({
    problem: requiredText('What is wrong', CASE_TEXT_LIMITS.summary),
    details: optionalText('More details', CASE_TEXT_LIMITS.description),
    buildingId: id('Building').nullable().optional(),
    room: optionalText('Room', CASE_TEXT_LIMITS.room),
    callbackNumber,
    answers: wizardAnswersSchema,
    screenshots: z
      .array(screenshot, { error: 'Screenshots must be a list' })
      .max(SCREENSHOT_LIMITS.files, { error: `Attach at most ${SCREENSHOT_LIMITS.files} screenshots` })
      .optional(),
  })
  .strict();
export type SupportRequestInput = z.output<typeof supportRequestSchema>;

const caseRef = { caseId: id('Request') };

/** The envelope of a submission with its screenshots, base64 (4/3 of the bytes), plus the text. */
const SUBMIT_LIMIT_BYTES = Math.ceil(SCREENSHOT_LIMITS.files * SCREENSHOT_LIMITS.bytesEach * (4 / 3)) + 200_000;

export const supportContract = {
  /** Who is signed in, and what the request form needs. */
  'support.start': supportChannel<SupportStart>()({ input: z.object({}).strict(), mutates: false }),
  'support.me': supportChannel<EmployeeProfile>()({ input: z.object({}).strict(), mutates: false }),
  'support.submit': supportChannel<SubmittedRequest>()({
    input: supportRequestSchema,
    mutates: true,
    rateLimited: true,
    requestLimit: {
      bytes: SUBMIT_LIMIT_BYTES,
      field: 'screenshots',
      message: `The request is too large: screenshots may be at most ${SCREENSHOT_LIMITS.bytesEach / 1024 / 1024} MB each, ${SCREENSHOT_LIMITS.files} at most.`,
    },
  }),
  /** The employee's own requests, newest first. */
  'support.mine': supportChannel<RequestRow[]>()({
    input: z.object({ open: z.boolean({ error: 'Open must be true or false' }).optional() }).strict(),
    mutates: false,
  }),
  'support.get': supportChannel<RequestView>()({ input: z.object(caseRef).strict(), mutates: false }),
  /** Answers the desk's question while it waits for the employee: the clock resumes, and the answer is logged as their reply. */
  'support.answer': supportChannel<RequestView>()({
    input: z.object({ ...caseRef, version, answer: requiredText('Your answer', SUPPORT_TEXT_LIMITS.answer) }).strict(),
    mutates: true,
  }),
  /** The employee confirms a resolved request is fixed: it closes. */
  'support.confirm': supportChannel<RequestView>()({ input: z.object({ ...caseRef, version }).strict(), mutates: true }),
  /** Not fixed after all: reopened with its history, within the reopen window. */
  'support.reopen': supportChannel<RequestView>()({
    input: z.object({ ...caseRef, version, reason: requiredText('What is still wrong', SUPPORT_TEXT_LIMITS.reopenReason) }).strict(),
    mutates: true,
  }),
  'support.rate': supportChannel<RequestView>()({
    input: z
      .object({
        ...caseRef,
        stars: z
          .number({ error: 'Rating must be 1 to 5 stars' })
          .int({ error: 'Rating must be 1 to 5 stars' })
          .min(1, { error: 'Rating must be 1 to 5 stars' })
          .max(5, { error: 'Rating must be 1 to 5 stars' }),
        comment: optionalText('Comment', SUPPORT_TEXT_LIMITS.ratingComment),
      })
      .strict(),
    mutates: true,
  }),
  /** Maintenance, outages and upgrades: current, and closed in the last week. */
  'support.status': supportChannel<StatusPage>()({ input: z.object({}).strict(), mutates: false }),
  /** Public knowledge-base articles for words (the search box, and suggestions as the form is typed). */
  'support.articles': supportChannel<HelpArticleHit[]>()({
    input: z
      .object({
        query: text('Search').max(CASE_TEXT_LIMITS.summary + CASE_TEXT_LIMITS.description, { error: 'The text to search is too long' }),
        limit: z.number().int().min(1, { error: 'Ask for at least 1 article' }).max(20, { error: 'Ask for at most 20 articles' }).optional(),
      })
      .strict(),
    mutates: false,
  }),
  'support.article': supportChannel<HelpArticle>()({ input: z.object({ id: id('Article') }).strict(), mutates: false }),
} as const;

export type SupportContract = typeof supportContract;
export type SupportChannelName = keyof SupportContract;
export type SupportInput<C extends SupportChannelName> = z.input<SupportContract[C]['input']>;
export type SupportParsedInput<C extends SupportChannelName> = z.output<SupportContract[C]['input']>;
export type SupportResult<C extends SupportChannelName> = NonNullable<SupportContract[C]['result']>;

export function isSupportChannel(value: unknown): value is SupportChannelName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(supportContract, value);
}
