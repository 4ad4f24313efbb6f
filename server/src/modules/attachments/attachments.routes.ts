import { AppealAttachment, Id } from '@f2f/contract';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { APPEAL_READER_ROLES } from '../appeals/appeals.policy.ts';
import { addAttachments, assertMayAttach, openAttachment, type UploadPart } from './attachments.service.ts';
import { contentDisposition } from './content-disposition.ts';
import { allowedExtensions } from './file-check.ts';

const tags = ['诉求 Appeals'];

/** Files per upload request. */
const MAX_FILES = 10;

/** The multipart parser's own refusals, as our error codes. */
function multipartError(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('attachment.too_large', { maxBytes });
  if (code === 'FST_FILES_LIMIT')
    return new AppError('request.invalid', `at most ${MAX_FILES} files at once`);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new AppError('request.invalid', 'too many form fields');
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('request.unsupported_media_type');
  return error;
}

/** The file parts of a multipart request, one at a time (each must be consumed before the next). */
async function* fileParts(request: FastifyRequest, maxBytes: number): AsyncGenerator<UploadPart> {
  if (!request.isMultipart()) throw new AppError('request.unsupported_media_type');
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') yield part as MultipartFile;
    }
  } catch (error) {
    throw multipartError(error, maxBytes);
  }
}

export async function attachmentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Multipart only here: every other route keeps accepting JSON alone.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: ctx.config.attachmentMaxBytes,
        files: MAX_FILES,
        fields: 10,
        fieldSize: 1024,
        parts: MAX_FILES + 10,
        headerPairs: 50,
      },
      throwFileSizeLimit: true,
    });
    const r = typed(scope);

    r.post(
      '/api/appeals/:id/attachments',
      {
        schema: {
          tags,
          summary: '上传附件 Attach files to an appeal (multipart/form-data, one or more file parts)',
          description:
            `Send \`multipart/form-data\` with one to ${MAX_FILES} file parts (any field name). ` +
            `Each file may be at most ATTACHMENT_MAX_BYTES (default 20 MiB; 413 \`attachment.too_large\`). ` +
            `The type is decided on the content: ${allowedExtensions.join(', ')}; anything else answers 415 ` +
            '`attachment.type_not_allowed`, and content that disagrees with the file name 415 ' +
            '`attachment.type_mismatch`. All files are recorded together or none is.',
          consumes: ['multipart/form-data'],
          params: z.object({ id: Id }),
          response: { 200: z.array(AppealAttachment), ...errorResponses },
        },
        config: { access: ['enterprise', 'collector', 'taskForceOffice'] },
      },
      async (request, reply) => {
        const meta = requestMeta(request);
        try {
          await assertMayAttach(ctx, meta, request.params.id);
          return await addAttachments(
            ctx,
            meta,
            request.params.id,
            fileParts(request, ctx.config.attachmentMaxBytes),
          );
        } catch (error) {
          // Refused before the upload was read to its end: close the connection after the answer,
          // or a keep-alive client's next request would wait behind the unread rest of this body.
          if (!request.raw.readableEnded) reply.header('connection', 'close');
          throw error;
        }
      },
    );

    r.get(
      '/api/appeals/:id/attachments/:attachmentId',
      {
        schema: {
          tags,
          summary: '下载附件 Download an attachment (whoever may see the appeal)',
          params: z.object({ id: Id, attachmentId: Id }),
          response: {
            200: {
              description: 'The file, with the type found in its content',
              content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
            },
            ...errorResponses,
          },
        },
        config: { access: APPEAL_READER_ROLES },
      },
      async (request, reply) => {
        const file = await openAttachment(
          ctx,
          requestMeta(request),
          request.params.id,
          request.params.attachmentId,
        );
        // A stream, not the JSON the typed reply expects.
        return (reply as FastifyReply)
          .type(file.mimeType)
          .header('content-length', file.size)
          .header('content-disposition', contentDisposition(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          .send(file.stream);
      },
    );
  });
}
