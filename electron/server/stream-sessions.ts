/**
 * An event stream stays open for hours, but the session it was opened with may end meanwhile
 * (signed out here or on another replica, expired, idle, the person deactivated). Streams are
 * ended with their session, so a console left open does not keep receiving the desk's events.
 *
 * The check reads the sessions without touching them: a stream is not activity, or an open tab
 * would keep its session alive past the idle timeout.
 */
import type http from 'node:http';
import type { DataSource } from 'typeorm';
import type { Clock } from '../core/clock';
import { StaffEntity, StaffSessionEntity } from '../core/db/entities';
import type { Logger } from '../core/log/logger';

export const STREAM_CHECK_MS = 60_000;

export class SessionStreams {
  private readonly bySession = new Map<string, Set<http.ServerResponse>>();
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
    checkEveryMs = STREAM_CHECK_MS,
  ) {
    this.timer = setInterval(() => void this.check(), checkEveryMs);
    this.timer.unref();
  }

  /** Remembers that this stream belongs to the session, until either ends. */
  add(sessionId: string, res: http.ServerResponse): void {
    let streams = this.bySession.get(sessionId);
    if (!streams) {
      streams = new Set();
      this.bySession.set(sessionId, streams);
    }
    streams.add(res);
    res.on('close', () => {
      streams.delete(res);
      if (streams.size === 0 && this.bySession.get(sessionId) === streams) this.bySession.delete(sessionId);
    });
  }

  /** Ends the session's streams now (it was signed out here). */
  end(sessionId: string): void {
    for (const res of this.bySession.get(sessionId) ?? []) res.end();
    this.bySession.delete(sessionId);
  }

  /** Ends the streams whose session is no longer live. A failed read ends nothing: the next check tries again. */
  async check(): Promise<void> {
    if (this.checking || this.bySession.size === 0) return;
    this.checking = true;
    try {
      const ids = [...this.bySession.keys()];
      const now = this.clock.now();
      const live = await this.db
        .createQueryBuilder()
        .select('s.id', 'id')
        .from(StaffSessionEntity, 's')
        .innerJoin(StaffEntity.options.name, 'm', 'm.id = s.staffId')
        .where('s.id IN (:...ids)', { ids })
        .andWhere('s.revokedAt IS NULL')
        .andWhere('s.expiresAt > :now', { now })
        .andWhere('(s.idleMs IS NULL OR s.lastSeenAt + s.idleMs >= :now)', { now })
        .andWhere('m.active = :active', { active: true })
        .getRawMany<{ id: string }>();
      const keep = new Set(live.map((row) => row.id));
      for (const id of ids) if (!keep.has(id)) this.end(id);
    } catch (error) {
      this.logger.warn('deskwatch server: could not check the sessions of open event streams', error);
    } finally {
      this.checking = false;
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const id of [...this.bySession.keys()]) this.end(id);
  }
}
