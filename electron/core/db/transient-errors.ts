/**
 * Which database failures are worth another try: the ones that say "not now" rather than "not
 * this". TypeORM wraps driver errors (`QueryFailedError.driverError`), so both layers are read.
 */

/** SQLite: another connection holds the lock longer than the busy timeout. */
const SQLITE_BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']);

/**
 * PostgreSQL SQLSTATEs: serialization failure, deadlock, lock not available, the server shutting
 * down or starting up, and connection exceptions (class 08).
 */
const PG_TRANSIENT_STATES = new Set(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300']);

/** Node's socket errors and node-postgres's own words for a connection that went away. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN', 'EAI_AGAIN']);
const CONNECTION_LOST = /Connection terminated|terminating connection|Client has encountered a connection error|Connection ended|the database system is (starting up|shutting down|in recovery mode)/i;

function layers(error: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const record = current as Record<string, unknown>;
    out.push(record);
    current = record.driverError ?? record.cause;
  }
  return out;
}

export function isBusyError(error: unknown): boolean {
  return layers(error).some((e) => typeof e.code === 'string' && SQLITE_BUSY_CODES.has(e.code));
}

export function isTransientError(error: unknown): boolean {
  return layers(error).some((e) => {
    const code = typeof e.code === 'string' ? e.code : '';
    if (PG_TRANSIENT_STATES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code) || SQLITE_BUSY_CODES.has(code)) return true;
    // TypeORM releases a transaction's query runner when its connection dies under it; the server
    // has rolled that transaction back, so it is as safe to try again as a lost connection.
    if (e.name === 'QueryRunnerAlreadyReleasedError') return true;
    return typeof e.message === 'string' && CONNECTION_LOST.test(e.message);
  });
}

/**
 * The database cannot save anything now, and retrying will not help until someone acts: a file
 * made read-only or a full disk (SQLite), a read-only or full server (PostgreSQL), or damage.
 */
const SQLITE_STORAGE = /^SQLITE_(READONLY|FULL|IOERR|CORRUPT|CANTOPEN|NOTADB)/;
const PG_STORAGE_STATES = new Set(['53100', '25006', 'XX001', 'XX002']);

export function isStorageError(error: unknown): boolean {
  return layers(error).some((e) => typeof e.code === 'string' && (SQLITE_STORAGE.test(e.code) || PG_STORAGE_STATES.has(e.code)));
}
