import type fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import { uuidv7 } from 'uuidv7';
import type { Actor, AppContext, RequestMeta } from '../../context.ts';
import { transact } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { canViewAppeal } from '../appeals/appeals.policy.ts';
import * as appeals from '../appeals/appeals.repository.ts';
import { assertCan, factsOf } from '../appeals/appeals.service.ts';
import { checkFileType, cleanFileName } from './file-check.ts';
import { newStorageKey, removeFiles, saveStream, storagePath } from './storage.ts';

function actorOf(meta: RequestMeta): Actor {
  if (!meta.actor) throw new AppError('auth.unauthenticated');
  return meta.actor;
}

/** One file part of an upload, as the multipart parser hands it over. */
export interface UploadPart {
  filename: string | undefined;
  file: Readable & { truncated?: boolean };
}

interface StoredFile {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  storageKey: string;
  path: string;
}

/** Refuses early (404, 409, 403) before a single byte of the upload is stored. */
export async function assertMayAttach(ctx: AppContext, meta: RequestMeta, appealId: string): Promise<void> {
  const row = await appeals.findAppeal(ctx.db, appealId);
  if (!row) throw new AppError('appeal.not_found');
  assertCan(actorOf(meta), 'addAttachment', row);
}

/** Stores one part under a fresh key and checks its size and its content's type. */
async function storePart(ctx: AppContext, part: UploadPart, stored: StoredFile[]): Promise<void> {
  const fileName = cleanFileName(part.filename);
  const storageKey = newStorageKey(ctx.clock.now(), ctx.config.timeZone);
  const file = storagePath(ctx.config, storageKey);
  const saved = await saveStream(part.file, file);
  // Every check below fails with the file on disk: record it first so the caller removes it.
  stored.push({ id: uuidv7(), fileName, mimeType: '', ...saved, storageKey, path: file });
  if (part.file.truncated) {
    throw new AppError('attachment.too_large', { fileName, maxBytes: ctx.config.attachmentMaxBytes });
  }
  if (saved.size === 0) throw new AppError('attachment.missing_file', { fileName });
  const detected = await fileTypeFromFile(file).catch(() => {
    // The sniffer gave up on malformed content (a broken ZIP, say): not a file we can accept.
    throw new AppError('attachment.type_not_allowed', { detected: 'unreadable' });
  });
  const mimeType = checkFileType(fileName, detected, saved.isUtf8Text);
  (stored.at(-1) as StoredFile).mimeType = mimeType;
}

/**
 * Adds the uploaded files to an appeal: each is streamed to disk and checked, then all of them,
 * their timeline entries and audit rows are recorded in one transaction. If anything fails, every
 * file this request wrote is removed again.
 */
export async function addAttachments(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  parts: AsyncIterable<UploadPart>,
) {
  const actor = actorOf(meta);
  const stored: StoredFile[] = [];
  let uploadedAt: string;
  try {
    for await (const part of parts) await storePart(ctx, part, stored);
    if (stored.length === 0) throw new AppError('attachment.missing_file');
    uploadedAt = await transact(ctx, meta, async (tx) => {
      const row = await appeals.findAppeal(tx.trx, appealId);
      if (!row) throw new AppError('appeal.not_found');
      const status = assertCan(actor, 'addAttachment', row);
      for (const file of stored) {
        await tx.trx
          .insertInto('attachments')
          .values({
            id: file.id,
            appealId,
            fileName: file.fileName,
            mimeType: file.mimeType,
            size: file.size,
            sha256: file.sha256,
            storageKey: file.storageKey,
            uploadedBy: actor.personId,
            uploadedAt: tx.now,
          })
          .execute();
        const data = {
          attachmentId: file.id,
          fileName: file.fileName,
          mimeType: file.mimeType,
          size: file.size,
        };
        await appeals.appendTimeline(tx.trx, {
          id: uuidv7(),
          appealId,
          at: tx.now,
          actorId: actor.personId,
          actorName: actor.name,
          kind: 'attachmentAdded',
          data,
        });
        await tx.audit({
          action: 'appeal.attachment.add',
          entityType: 'appeal',
          entityId: appealId,
          after: { ...data, sha256: file.sha256, storageKey: file.storageKey },
        });
      }
      const result = await tx.trx
        .updateTable('appeals')
        .set({ status, updatedAt: tx.now })
        .where('id', '=', appealId)
        .where('status', '=', row.status)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
      return tx.now;
    });
  } catch (error) {
    await removeFiles(stored.map((file) => file.path));
    throw error;
  }
  return stored.map((file) => ({
    id: file.id,
    fileName: file.fileName,
    mimeType: file.mimeType,
    size: file.size,
    uploadedAt,
    uploadedByName: actor.name,
  }));
}

/** An attachment to download, for whoever may see its appeal; anyone else learns nothing (404). */
export async function openAttachment(
  ctx: AppContext,
  meta: RequestMeta,
  appealId: string,
  attachmentId: string,
): Promise<{ fileName: string; mimeType: string; size: number; stream: fs.ReadStream }> {
  const actor = actorOf(meta);
  const appeal = await appeals.findAppeal(ctx.db, appealId);
  if (!appeal || !canViewAppeal(actor, factsOf(appeal))) throw new AppError('appeal.not_found');
  const row = await ctx.db
    .selectFrom('attachments')
    .select(['fileName', 'mimeType', 'size', 'storageKey'])
    .where('id', '=', attachmentId)
    .where('appealId', '=', appealId)
    .executeTakeFirst();
  if (!row) throw new AppError('attachment.not_found');
  const file = storagePath(ctx.config, row.storageKey);
  try {
    const handle = await fsp.open(file, 'r');
    return {
      fileName: row.fileName,
      mimeType: row.mimeType,
      size: row.size,
      stream: handle.createReadStream(),
    };
  } catch (error) {
    // The row is there but the file is not: a storage fault the operator must hear about.
    throw new Error(`attachment ${attachmentId} is missing from the store: ${file}`, { cause: error });
  }
}
