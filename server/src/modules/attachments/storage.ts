import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { dateInZone } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { attachmentsDirOf } from '../backup/backup.ts';

/**
 * Attachments live under `${dataDir}/attachments/<yyyy>/<mm>/<uuid>`: the name on disk is never the
 * user's, so no upload can choose a path. The key (`yyyy/mm/uuid`) is what the database records.
 */
export function newStorageKey(now: Date, timeZone: string): string {
  const [year, month] = dateInZone(now, timeZone).split('-');
  return `${year}/${month}/${randomUUID()}`;
}

export function storagePath(config: Config, key: string): string {
  const root = path.resolve(attachmentsDirOf(config.dataDir));
  const file = path.resolve(root, ...key.split('/'));
  if (!file.startsWith(root + path.sep)) throw new Error(`attachment key outside the store: ${key}`);
  return file;
}

export interface SavedFile {
  size: number;
  sha256: string;
  /** Every byte is valid UTF-8 and none is NUL: what plain text (.txt, .csv) must be. */
  isUtf8Text: boolean;
}

/**
 * Streams an upload to `file` (created new; never overwrites), hashing it and checking whether it
 * is plain UTF-8 text on the way, so memory stays flat whatever the size. Removes the partial file
 * on failure.
 */
export async function saveStream(source: AsyncIterable<Buffer>, file: string): Promise<SavedFile> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file, { flags: 'wx' });
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let isUtf8Text = true;
  try {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
      if (isUtf8Text) {
        try {
          decoder.decode(chunk, { stream: true });
          if (chunk.includes(0)) isUtf8Text = false;
        } catch {
          isUtf8Text = false;
        }
      }
      if (!out.write(chunk)) await once(out, 'drain');
    }
    if (isUtf8Text) {
      try {
        decoder.decode(); // an incomplete sequence at the very end is not text either
      } catch {
        isUtf8Text = false;
      }
    }
    out.end();
    await once(out, 'close');
  } catch (error) {
    out.destroy();
    await fsp.rm(file, { force: true });
    throw error;
  }
  return { size, sha256: hash.digest('hex'), isUtf8Text: isUtf8Text && size > 0 };
}

export async function removeFiles(files: readonly string[]): Promise<void> {
  await Promise.all(files.map((file) => fsp.rm(file, { force: true })));
}
