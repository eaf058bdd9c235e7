import type { Announcement } from '../../../shared/announcements';
import type { AnnouncementParts } from './announcement-store';

const iso = (t: number) => new Date(t).toISOString();
const isoOrNull = (t: number | null) => (t === null ? null : iso(t));

export interface ViewNames {
  buildings: ReadonlyMap<number, string>;
  staff: ReadonlyMap<number, string>;
}

/** An announcement as the contract carries it; `noticeDeadline` is computed by the service (planned work only). */
export function toAnnouncement(parts: AnnouncementParts, names: ViewNames, noticeDeadline: number | null): Announcement {
  const { row } = parts;
  const staffName = (id: number | null) => (id === null ? null : (names.staff.get(id) ?? null));
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    affectedServices: JSON.parse(row.affectedServices) as string[],
    buildings: parts.buildingIds.map((id) => ({ id, name: names.buildings.get(id) ?? `Building ${id}` })),
    categoryId: row.categoryId,
    startAt: iso(row.startAt),
    expectedMinutes: row.expectedMinutes,
    expectedEndAt: iso(row.startAt + row.expectedMinutes * 60_000),
    state: row.state,
    outsideWindow: row.outsideWindow,
    outsideWindowReason: row.outsideWindowReason,
    lateNotice: row.lateNotice,
    noticeDeadline: isoOrNull(noticeDeadline),
    authorId: row.authorId,
    authorName: staffName(row.authorId),
    publishedAt: isoOrNull(row.publishedAt),
    closedAt: isoOrNull(row.closedAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    version: row.version,
    updates: parts.updates.map((u) => ({ id: u.id, at: iso(u.at), authorId: u.authorId, authorName: staffName(u.authorId), text: u.text })),
    linkedCaseIds: parts.links.map((l) => l.caseId),
  };
}
