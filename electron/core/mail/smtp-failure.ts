/**
 * What a failed send means for the message. Only the mail server's permanent refusal of this
 * message or its recipient (a 5xx reply to MAIL FROM, RCPT TO or DATA) ends it: retrying would
 * be refused again. Everything else is retried: a 4xx reply (greylisting, a full queue), a
 * network failure, a timeout, and also a refused login or a 5xx greeting, which are the server's
 * settings or state rather than the message's, and would otherwise fail every message at once.
 */
export interface SmtpFailure {
  permanent: boolean;
  /** One line for the outbox: the server's reply, or what went wrong on the way. */
  message: string;
}

const MAX_ERROR = 1_000;

export function classifySmtpFailure(error: unknown): SmtpFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const stage = typeof e.code === 'string' ? e.code : null;
  const permanent = code !== null && code >= 500 && code < 600 && (stage === 'EENVELOPE' || stage === 'EMESSAGE');
  const reply = typeof e.response === 'string' && e.response !== '' ? e.response : typeof e.message === 'string' ? e.message : String(error);
  const text = `${stage ? `${stage}: ` : ''}${reply}`.replace(/\s+/g, ' ').trim();
  return { permanent, message: text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR - 1)}…` : text };
}
