import {
  AddCatalogueItemsInput,
  CompileOpinionsInput,
  CreateEventInput,
  EditOpinionsInput,
  EventDetail,
  EventQuery,
  EventSummary,
  Id,
  IdParams,
  IssueNoticeInput,
  Notice,
  NoticeQuery,
  paged,
  RecordProposalInput,
  ReopenCatalogueInput,
  RulingInput,
  UpdateCatalogueItemInput,
  UpdateEventInput,
  VersionInput,
} from '@f2f/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { contentDisposition } from '../attachments/content-disposition.ts';
import * as notices from '../notices/notices.service.ts';
import { catalogueDocx, catalogueXlsx, noticeDocx, opinionsDocx } from './event-documents.ts';
import { EVENT_READER_ROLES } from './events.policy.ts';
import * as service from './events.service.ts';

const tags = ['“面对面”活动 Events'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ItemParams = z.object({ id: Id, itemId: Id });

export function eventRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/events',
    {
      schema: {
        tags,
        summary: '活动列表 Events in my region, newest first',
        querystring: EventQuery,
        response: { 200: paged(EventSummary), ...errorResponses },
      },
      config: { access: EVENT_READER_ROLES },
    },
    async (request) => service.listEvents(ctx, requestMeta(request), request.query),
  );

  r.post(
    '/api/events',
    {
      schema: {
        tags,
        summary: '新建活动 Create an event (the day must be a working day)',
        description:
          'The catalogue is due at the government office 4 working days before the event day ' +
          '(working-day calendar); the answer carries that date as catalogueDueDate.',
        body: CreateEventInput,
        response: { 200: EventDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) => service.createEvent(ctx, requestMeta(request), request.body),
  );

  r.get(
    '/api/events/:id',
    {
      schema: {
        tags,
        summary: '活动详情：目录、卷宗、裁定、7+N、历史 An event with its catalogue, rulings and history',
        params: IdParams,
        response: { 200: EventDetail, ...errorResponses },
      },
      config: { access: EVENT_READER_ROLES },
    },
    async (request) => service.getEvent(ctx, requestMeta(request), request.params.id),
  );

  r.patch(
    '/api/events/:id',
    {
      schema: {
        tags,
        summary: '修改活动 Edit an event',
        params: IdParams,
        body: UpdateEventInput,
        response: { 200: EventDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) => service.updateEvent(ctx, requestMeta(request), request.params.id, request.body),
  );

  r.post(
    '/api/events/:id/items',
    {
      schema: {
        tags,
        summary: '将诉求列入问题目录 Put verified appeals on the catalogue',
        params: IdParams,
        body: AddCatalogueItemsInput,
        response: { 200: EventDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) => service.addItems(ctx, requestMeta(request), request.params.id, request.body),
  );

  r.patch(
    '/api/events/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: '修改目录事项 Edit a catalogue item (proposed handling, units, order)',
        params: ItemParams,
        body: UpdateCatalogueItemInput,
        response: { 200: EventDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) =>
      service.updateItem(ctx, requestMeta(request), request.params.id, request.params.itemId, request.body),
  );

  r.delete(
    '/api/events/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: '移出问题目录 Take an item off the catalogue (the appeal returns to the pool)',
        params: ItemParams,
        response: { 200: EventDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) =>
      service.removeItem(ctx, requestMeta(request), request.params.id, request.params.itemId),
  );

  const step = <B extends z.ZodType>(
    path: string,
    summary: string,
    access: readonly ('taskForceOffice' | 'leader' | 'governmentOffice')[],
    body: B,
    run: (id: string, body: z.infer<B>, meta: ReturnType<typeof requestMeta>) => Promise<unknown>,
  ) =>
    r.post(
      `/api/events/:id/${path}`,
      {
        schema: { tags, summary, params: IdParams, body, response: { 200: EventDetail, ...errorResponses } },
        config: { access },
      },
      async (request) =>
        run(request.params.id, request.body as z.infer<B>, requestMeta(request)) as Promise<
          z.infer<typeof EventDetail>
        >,
    );

  step(
    'submit',
    '报送问题目录 Submit the catalogue (late submissions are flagged)',
    ['taskForceOffice'],
    VersionInput,
    (id, body, meta) => service.submitCatalogue(ctx, meta, id, body.version),
  );
  step('approve', '审定清单 Approve the list (a leader)', ['leader'], VersionInput, (id, body, meta) =>
    service.approveCatalogue(ctx, meta, id, body.version),
  );
  step(
    'reopen',
    '审定后修改清单 Reopen an approved list for a change (needs a new approval)',
    ['taskForceOffice'],
    ReopenCatalogueInput,
    (id, body, meta) => service.reopenCatalogue(ctx, meta, id, body),
  );
  step(
    'notice',
    '印发活动通知 Record the attending leaders and issue the notice (government office)',
    ['governmentOffice'],
    IssueNoticeInput,
    (id, body, meta) => service.issueNotice(ctx, meta, id, body),
  );
  step(
    'opinions',
    '汇总形成处理意见 Compile the rulings into the opinions document',
    ['taskForceOffice'],
    CompileOpinionsInput,
    (id, body, meta) => service.compileOpinions(ctx, meta, id, body),
  );
  step(
    'opinions/edit',
    '修改处理意见 Edit the opinions document (government office; every edit kept)',
    ['governmentOffice'],
    EditOpinionsInput,
    (id, body, meta) => service.editOpinions(ctx, meta, id, body),
  );
  step(
    'opinions/approve',
    '审定处理意见并交办 Approve the opinions: creates the assignments, copies the supervision office',
    ['leader'],
    VersionInput,
    (id, body, meta) => service.approveOpinions(ctx, meta, id, body.version),
  );

  r.post(
    '/api/events/:id/items/:itemId/proposal',
    {
      schema: {
        tags,
        summary: '记录协调意见 Record the deputy leader’s coordination proposal on an item',
        params: ItemParams,
        body: RecordProposalInput,
        response: { 200: EventDetail, ...errorResponses },
      },
      config: { access: ['leader', 'taskForceOffice'] },
    },
    async (request) =>
      service.recordProposal(
        ctx,
        requestMeta(request),
        request.params.id,
        request.params.itemId,
        request.body,
      ),
  );

  r.put(
    '/api/events/:id/items/:itemId/ruling',
    {
      schema: {
        tags,
        summary: '记录现场裁定 Record the leader’s ruling on an item (version 0 for the first save)',
        description:
          'Allowed on the approved list only. Each save carries the version the clerk last read; a second clerk ' +
          'saving over it gets 409 request.conflict and nothing is overwritten.',
        params: ItemParams,
        body: RulingInput,
        response: { 200: EventDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice', 'governmentOffice'] },
    },
    async (request) =>
      service.recordRuling(ctx, requestMeta(request), request.params.id, request.params.itemId, request.body),
  );

  const documents = [
    [
      'catalogue.docx',
      '问题目录（Word）The catalogue as a Word document',
      DOCX,
      catalogueDocx,
      '企业问题目录',
    ],
    [
      'catalogue.xlsx',
      '问题目录（Excel）The catalogue as Excel, with dossiers and rulings',
      XLSX,
      catalogueXlsx,
      '企业问题目录',
    ],
    ['notice.docx', '活动通知（Word）The event notice', DOCX, noticeDocx, '活动通知'],
    [
      'opinions.docx',
      '企业诉求事项处理意见（Word）The opinions document',
      DOCX,
      opinionsDocx,
      '企业诉求事项处理意见',
    ],
  ] as const;
  for (const [file, summary, type, render, baseName] of documents) {
    r.get(
      `/api/events/:id/${file}`,
      {
        schema: {
          tags,
          summary,
          params: IdParams,
          response: {
            200: {
              description: summary,
              content: { [type]: { schema: z.string().meta({ format: 'binary' }) } },
            },
            ...errorResponses,
          },
        },
        config: { access: EVENT_READER_ROLES },
      },
      async (request, reply) => {
        const meta = requestMeta(request);
        if (!meta.actor) throw new AppError('auth.unauthenticated');
        const event = await service.loadVisibleEvent(ctx, meta.actor, request.params.id);
        if (file === 'notice.docx' && !event.noticeNumber)
          throw new AppError('event.action_not_allowed', { file });
        if (file === 'opinions.docx' && !event.opinionsPreface)
          throw new AppError('event.action_not_allowed', { file });
        const body = await render(ctx, event);
        const extension = file.slice(file.lastIndexOf('.'));
        return (reply as FastifyReply)
          .type(type)
          .header('content-disposition', contentDisposition(`${event.title}-${baseName}${extension}`))
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .send(body);
      },
    );
  }

  r.get(
    '/api/notices',
    {
      schema: {
        tags: ['通知 Notices'],
        summary: '我的站内通知 My in-system notices',
        querystring: NoticeQuery,
        response: {
          200: paged(Notice).extend({ unread: z.number().int() }),
          ...errorResponses,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request) => notices.listNotices(ctx, requestMeta(request), request.query),
  );

  r.post(
    '/api/notices/:id/read',
    {
      schema: {
        tags: ['通知 Notices'],
        summary: '标记已读 Mark a notice read',
        params: IdParams,
        response: { 200: Notice, ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => notices.markRead(ctx, requestMeta(request), request.params.id),
  );
}
