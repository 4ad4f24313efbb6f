import type { FileTypeResult } from 'file-type';
import { AppError } from '../../errors.ts';

/**
 * What may be attached, decided on the content: the type file-type finds in the bytes, and the
 * file name's extension that must agree with it. Legacy Word and Excel files are both Compound
 * File Binary containers, so their extension names which of the two it is.
 */
const byContent: Record<string, { extensions: readonly string[]; mime?: Record<string, string> }> = {
  pdf: { extensions: ['pdf'] },
  png: { extensions: ['png'] },
  jpg: { extensions: ['jpg', 'jpeg'] },
  gif: { extensions: ['gif'] },
  webp: { extensions: ['webp'] },
  docx: { extensions: ['docx'] },
  xlsx: { extensions: ['xlsx'] },
  cfb: {
    extensions: ['doc', 'xls'],
    mime: { doc: 'application/msword', xls: 'application/vnd.ms-excel' },
  },
};

/** Plain text has no signature to detect: it is accepted when every byte is UTF-8 and none is NUL. */
const textMime: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export const allowedExtensions = [
  ...Object.values(byContent).flatMap((kind) => kind.extensions),
  ...Object.keys(textMime),
];

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * The MIME type to store and serve, or 415: `attachment.type_not_allowed` when the content is not
 * an allowed kind (an executable renamed .pdf), `attachment.type_mismatch` when it is allowed but
 * the name says otherwise (a PNG named .pdf).
 */
export function checkFileType(
  fileName: string,
  detected: FileTypeResult | undefined,
  isUtf8Text: boolean,
): string {
  const extension = extensionOf(fileName);
  if (detected) {
    const kind = byContent[detected.ext];
    if (!kind) throw new AppError('attachment.type_not_allowed', { detected: detected.mime });
    if (!kind.extensions.includes(extension)) {
      throw new AppError('attachment.type_mismatch', { detected: detected.mime, extension });
    }
    return kind.mime?.[extension] ?? detected.mime;
  }
  if (!isUtf8Text) throw new AppError('attachment.type_not_allowed', { detected: null });
  const mime = textMime[extension];
  if (!mime) throw new AppError('attachment.type_mismatch', { detected: 'text/plain', extension });
  return mime;
}

/** A safe display name: the last path segment, no control characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return 'file';
  if (cleaned.length <= 200) return cleaned;
  const extension = extensionOf(cleaned);
  const keep = extension ? `.${extension}`.slice(0, 20) : '';
  return cleaned.slice(0, 200 - keep.length) + keep;
}
