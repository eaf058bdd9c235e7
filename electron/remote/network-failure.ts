/**
 * A failed request to the Deskwatch server, in words a help desk agent can act on. Two fetch
 * implementations reach here: Node's (undici: `TypeError('fetch failed')` with a `cause` that
 * carries a code such as ECONNREFUSED) and Electron's `net.fetch` (Chromium: a message such as
 * `net::ERR_CONNECTION_REFUSED`). Both are read.
 *
 * What matters beyond the reason is whether the request can have reached the server: a refused
 * connection or an unknown name means nothing was changed; a connection lost after the request
 * was sent means a change may or may not have been saved, and saying "nothing was changed"
 * then would be a lie.
 */

export interface NetworkFailure {
  /** A few words on why, for the message ("nothing answers at that address"). */
  reason: string;
  /** `no`: the server cannot have seen the request; `unknown`: it may have. */
  delivered: 'no' | 'unknown';
}

interface Rule {
  codes: RegExp;
  reason: (code: string) => string;
  delivered: NetworkFailure['delivered'];
}

const RULES: readonly Rule[] = [
  { codes: /^(ECONNREFUSED|ERR_CONNECTION_REFUSED)$/, reason: () => 'nothing answers at that address: connection refused', delivered: 'no' },
  { codes: /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED)$/, reason: () => 'its name could not be found', delivered: 'no' },
  {
    codes: /^(ENETUNREACH|EHOSTUNREACH|ENETDOWN|EHOSTDOWN|ERR_INTERNET_DISCONNECTED|ERR_ADDRESS_UNREACHABLE|ERR_NETWORK_CHANGED|ERR_NETWORK_ACCESS_DENIED|ERR_PROXY_CONNECTION_FAILED)$/,
    reason: () => 'the network does not reach it from this computer',
    delivered: 'no',
  },
  { codes: /^(UND_ERR_CONNECT_TIMEOUT|ERR_CONNECTION_TIMED_OUT)$/, reason: () => 'it did not accept a connection in time', delivered: 'no' },
  {
    codes: /CERT|^UNABLE_TO_|^ERR_TLS_|^ERR_SSL_|^ERR_BAD_SSL|^EPROTO$/,
    reason: (code) => `its certificate is not trusted by this computer (${code}); ask whoever runs the server`,
    delivered: 'no',
  },
  { codes: /^REDIRECT$/, reason: () => 'it answered with a redirect to another address; set the server address to the one it points to', delivered: 'no' },
  { codes: /^TIMEOUT$/, reason: () => 'it did not answer in time', delivered: 'unknown' },
];

/** Reads the code of a fetch failure, whichever fetch made it; `REDIRECT` and `TIMEOUT` are this module's own. */
export function failureCode(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== 'object') break;
    const { code, message, name } = current as { code?: unknown; message?: unknown; name?: unknown };
    if (name === 'TimeoutError') return 'TIMEOUT';
    if (typeof code === 'string' && code) return code;
    if (typeof message === 'string') {
      const chromium = /net::(ERR_[A-Z_]+)/.exec(message);
      if (chromium?.[1]) return chromium[1];
      if (/redirect/i.test(message)) return 'REDIRECT';
    }
    // An AggregateError (every address of a name failed) carries the attempts' errors; the first says enough.
    const { cause, errors } = current as { cause?: unknown; errors?: unknown };
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return 'UNKNOWN';
}

export function describeNetworkFailure(error: unknown): NetworkFailure {
  const code = failureCode(error);
  const rule = RULES.find((candidate) => candidate.codes.test(code));
  if (rule) return { reason: rule.reason(code), delivered: rule.delivered };
  return { reason: code === 'UNKNOWN' ? 'the connection failed' : `the connection was lost (${code})`, delivered: 'unknown' };
}

/**
 * The sentence a failed call answers with. `mutates`: whether the call could have changed
 * anything (reads never do, so for them "nothing was changed" holds whatever happened).
 */
export function unreachableMessage(serverUrl: string, failure: NetworkFailure, mutates: boolean): string {
  if (failure.delivered === 'unknown' && mutates) {
    return `The Deskwatch server ${serverUrl} did not answer (${failure.reason}); your change may or may not have been saved. Reload to see, then try again if it is not there.`;
  }
  return `The Deskwatch server ${serverUrl} cannot be reached (${failure.reason}); nothing was changed. Check this computer's network connection and try again, or ask whoever runs the server.`;
}
