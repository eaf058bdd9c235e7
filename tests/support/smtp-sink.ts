/**
 * A real SMTP server on 127.0.0.1 (smtp-server) that keeps what it accepted, parsed with
 * mailparser, and can refuse the next messages with a given reply: what the mail tests send to.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A refusal of one message: its reply code and at which step (RCPT TO for a recipient, DATA for the message). */
export interface Refusal {
  code: number;
  step: 'rcpt' | 'data';
  message?: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  /** Every accepted message, parsed, in the order it arrived. */
  received: ParsedMail[];
  /** How many messages it was offered (accepted or refused). */
  offered: number;
  /** Refuse the next messages, one refusal each, in order. */
  refuseNext(...refusals: Refusal[]): void;
  /** Resolves once `count` messages were accepted (fails after `timeoutMs`). */
  waitForMessages(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

function refusal(r: Refusal): Error {
  return Object.assign(new Error(r.message ?? (r.code >= 500 ? 'Mailbox unavailable' : 'Try again later')), { responseCode: r.code });
}

/** Starts a sink on `port` (0: a free one); `delayMs` slows each accepted message (to make senders overlap). */
export async function startSmtpSink(options: { port?: number; delayMs?: number } = {}): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const refusals: Refusal[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const sink = { offered: 0 };
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS (a self-signed upgrade the client would refuse), no login.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals[0]?.step === 'rcpt') {
        sink.offered += 1;
        callback(refusal(refusals.shift()!));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      sink.offered += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refused = refusals[0]?.step === 'data' ? refusals.shift() : undefined;
        if (refused) {
          callback(refusal(refused));
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then(async (mail) => {
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          received.push(mail);
          for (const w of waiters.filter((x) => received.length >= x.count)) w.resolve();
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    get offered() {
      return sink.offered;
    },
    refuseNext: (...r) => void refusals.push(...r),
    waitForMessages: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (received.length >= count) return resolve(received);
        const timer = setTimeout(() => reject(new Error(`expected ${count} message(s) within ${timeoutMs} ms, got ${received.length}`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(received)) });
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
