/**
 * Files attached to cases (an employee's screenshots): written with the case that carries them,
 * listed with it, and read one at a time for a download, by the employee whose request it is or
 * by a staff member. Anyone else is told there is no such file, not that it is someone else's.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { CaseAttachmentInfo } from '../../../shared/contract';
import { CaseEntity, StaffEntity } from '../db/entities';
import { CaseAttachmentEntity } from '../db/support-entities';
import { DomainError } from '../errors';
import type { CheckedScreenshot } from './screenshot-check';

/** Who asks for a file: the employee signed in at the Tech Support Center, or a staff member at the console. */
export type AttachmentReader = { callerId: number } | { staffId: number };

export interface AttachmentDownload {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** Saves the employee's checked screenshots with their case, in the caller's transaction. */
export async function storeScreenshots(m: EntityManager, caseId: number, callerId: number, files: readonly CheckedScreenshot[], now: number): Promise<void> {
  if (files.length === 0) return;
  await m.getRepository(CaseAttachmentEntity).insert(
    files.map((f) => ({ caseId, fileName: f.fileName, contentType: f.contentType, byteSize: f.byteSize, dataBase64: f.dataBase64, uploadedAt: now, callerId, staffId: null })),
  );
}

/** A case's files without their data, oldest first. */
export async function attachmentsOf(m: DataSource | EntityManager, caseId: number): Promise<CaseAttachmentInfo[]> {
  const rows = await m.getRepository(CaseAttachmentEntity).find({
    where: { caseId },
    select: { id: true, fileName: true, contentType: true, byteSize: true, uploadedAt: true },
    order: { id: 'ASC' },
  });
  return rows.map((r) => ({ id: r.id, fileName: r.fileName, contentType: r.contentType, byteSize: r.byteSize, uploadedAt: new Date(r.uploadedAt).toISOString() }));
}

/** One file for a download: the employee's own case's, or any case's for an active staff member. */
export async function readCaseAttachment(db: DataSource, attachmentId: number, reader: AttachmentReader): Promise<AttachmentDownload> {
  const missing = new DomainError('not_found', `No file has id ${attachmentId}`, 'id');
  const row = await db.getRepository(CaseAttachmentEntity).findOneBy({ id: attachmentId });
  if (!row) throw missing;
  if ('callerId' in reader) {
    const owner = await db.getRepository(CaseEntity).findOne({ where: { id: row.caseId }, select: { id: true, callerId: true } });
    if (owner?.callerId !== reader.callerId) throw missing;
  } else {
    const staff = await db.getRepository(StaffEntity).findOneBy({ id: reader.staffId });
    if (!staff?.active) throw missing;
  }
  return { fileName: row.fileName, contentType: row.contentType, bytes: Buffer.from(row.dataBase64, 'base64') };
}
