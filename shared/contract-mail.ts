/**
 * Mail's part of the contract: the outbox as supervisors see it, and putting a failed message
 * back in the queue. Messages themselves are enqueued by the core (case emails, announcements),
 * never by a contract call.
 */
import { z } from 'zod';
import { channel, id, SUPERVISORS } from './contract-kit';
import { MAIL_STATES, type OutboxEntry, type OutboxPage } from './mail';

export const MAX_OUTBOX_PAGE = 200;

export const outboxQuerySchema = z
  .object({
    state: z.enum(MAIL_STATES, { error: 'State must be queued, sending, sent or failed' }).optional(),
    limit: z
      .number({ error: 'Limit must be a number' })
      .int({ error: 'Limit must be a whole number' })
      .min(1, { error: 'Limit must be at least 1' })
      .max(MAX_OUTBOX_PAGE, { error: `At most ${MAX_OUTBOX_PAGE} messages a page` })
      .optional(),
    offset: z
      .number({ error: 'Offset must be a number' })
      .int({ error: 'Offset must be a whole number' })
      .min(0, { error: 'Offset must be 0 or more' })
      .max(10_000_000, { error: 'Offset must be at most 10000000' })
      .optional(),
  })
  .strict();

export const mailChannels = {
  /** The outbox, newest first, optionally one state only; paged. Says when mail is not configured. */
  'mail.outbox': channel<OutboxPage>()({ input: outboxQuerySchema, access: SUPERVISORS, mutates: false }),
  /** A failed message queued again, its attempts counted from zero. */
  'mail.retry': channel<OutboxEntry>()({ input: z.object({ id: id('Message id') }).strict(), access: SUPERVISORS, mutates: true }),
};
