import {
  AddToCommonIssueInput,
  AppealCategory,
  AppealCategoryInput,
  AppealDetail,
  AppealPage,
  AppealQuery,
  CommonIssue,
  CommonIssueDetail,
  CreateCommonIssueInput,
  Exchange,
  IdParams,
  RecordAppealInput,
  RecordExchangeInput,
  SimilarAppeal,
  SimilarPreviewInput,
  SubmitAppealInput,
  UpdateAppealCategoryInput,
  UpdateAppealInput,
} from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { APPEAL_READER_ROLES, OVERSIGHT_ROLES } from './appeals.policy.ts';
import * as service from './appeals.service.ts';
import * as categories from './categories.service.ts';
import * as commonIssues from './common-issues.service.ts';
import * as similar from './similar.service.ts';

const tags = ['诉求 Appeals'];

export function appealRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/appeal-categories',
    {
      schema: {
        tags,
        summary: '诉求类别 Appeal categories',
        querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(AppealCategory), ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => categories.listCategories(ctx.db, request.query.includeInactive === 'true'),
  );

  r.post(
    '/api/appeal-categories',
    {
      schema: {
        tags,
        summary: '新增诉求类别 Add a category',
        body: AppealCategoryInput,
        response: { 200: AppealCategory, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => categories.createCategory(ctx, requestMeta(request), request.body),
  );

  r.put(
    '/api/appeal-categories/:code',
    {
      schema: {
        tags,
        summary: '修改或停用诉求类别 Update or deactivate a category',
        params: z.object({ code: z.string().min(1).max(30) }),
        body: UpdateAppealCategoryInput,
        response: { 200: AppealCategory, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) =>
      categories.updateCategory(ctx, requestMeta(request), request.params.code, request.body),
  );

  r.get(
    '/api/appeals',
    {
      schema: {
        tags,
        summary:
          '诉求列表（诉求池）The appeals I may see: the office’s pool, with filters, search, sorting, paging',
        querystring: AppealQuery,
        response: { 200: AppealPage, ...errorResponses },
      },
      config: { access: APPEAL_READER_ROLES },
    },
    async (request) => service.listAppeals(ctx, requestMeta(request), request.query),
  );

  r.get(
    '/api/appeals/:id',
    {
      schema: {
        tags,
        summary: '诉求详情与办理轨迹 An appeal with its timeline and allowed actions',
        params: IdParams,
        response: { 200: AppealDetail, ...errorResponses },
      },
      config: { access: APPEAL_READER_ROLES },
    },
    async (request) => service.getAppeal(ctx, requestMeta(request), request.params.id),
  );

  r.post(
    '/api/appeals/submit',
    {
      schema: {
        tags,
        summary: '企业提交诉求 An enterprise submits its own appeal',
        body: SubmitAppealInput,
        response: { 200: AppealDetail, ...errorResponses },
      },
      config: { access: ['enterprise'] },
    },
    async (request) => service.submitAppeal(ctx, requestMeta(request), request.body),
  );

  r.post(
    '/api/appeals',
    {
      schema: {
        tags,
        summary: '登记收集的诉求 Record an appeal gathered through a channel',
        body: RecordAppealInput,
        response: { 200: AppealDetail, ...errorResponses },
      },
      config: { access: ['collector', 'taskForceOffice'] },
    },
    async (request) => service.recordAppeal(ctx, requestMeta(request), request.body),
  );

  r.post(
    '/api/exchanges',
    {
      schema: {
        tags,
        summary: '登记一次交流活动及其诉求 Record a meeting or contact and the appeals raised there',
        body: RecordExchangeInput,
        response: {
          200: z.object({
            exchange: Exchange,
            appeals: z.array(z.object({ id: z.string(), number: z.string() })),
          }),
          ...errorResponses,
        },
      },
      config: { access: ['collector', 'taskForceOffice'] },
    },
    async (request) => service.recordExchange(ctx, requestMeta(request), request.body),
  );

  r.patch(
    '/api/appeals/:id',
    {
      schema: {
        tags,
        summary: '修改诉求（保留原值轨迹）Edit an appeal; the timeline keeps the old values',
        params: IdParams,
        body: UpdateAppealInput,
        response: { 200: AppealDetail, ...errorResponses },
      },
      config: { access: ['enterprise', 'collector', 'taskForceOffice'] },
    },
    async (request) => service.updateAppeal(ctx, requestMeta(request), request.params.id, request.body),
  );

  r.get(
    '/api/appeals/:id/similar',
    {
      schema: {
        tags,
        summary: '相似诉求 The appeals most alike this one (same enterprise or similar text)',
        params: IdParams,
        response: { 200: z.array(SimilarAppeal), ...errorResponses },
      },
      config: { access: ['taskForceOffice', 'collector'] },
    },
    async (request) => similar.similarToAppeal(ctx, requestMeta(request), request.params.id),
  );

  r.post(
    '/api/appeals/similar-preview',
    {
      schema: {
        tags,
        summary: '登记时查重 Similar appeals to a draft being recorded',
        body: SimilarPreviewInput,
        response: { 200: z.array(SimilarAppeal), ...errorResponses },
      },
      config: { access: ['enterprise', 'collector', 'taskForceOffice'] },
    },
    async (request) => similar.similarToDraft(ctx, requestMeta(request), request.body),
  );

  const issueTags = ['共性问题 Common issues'];

  r.get(
    '/api/common-issues',
    {
      schema: {
        tags: issueTags,
        summary: '共性问题列表 Common issues',
        response: { 200: z.array(CommonIssue), ...errorResponses },
      },
      config: { access: OVERSIGHT_ROLES },
    },
    async (request) => commonIssues.listCommonIssues(ctx, requestMeta(request)),
  );

  r.get(
    '/api/common-issues/:id',
    {
      schema: {
        tags: issueTags,
        summary: '共性问题及其诉求 A common issue and its appeals',
        params: IdParams,
        response: { 200: CommonIssueDetail, ...errorResponses },
      },
      config: { access: OVERSIGHT_ROLES },
    },
    async (request) => commonIssues.getCommonIssue(ctx, requestMeta(request), request.params.id),
  );

  r.post(
    '/api/common-issues',
    {
      schema: {
        tags: issueTags,
        summary: '归并为共性问题 Group appeals under a new common issue (each keeps its own reply duty)',
        body: CreateCommonIssueInput,
        response: { 200: CommonIssueDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) => commonIssues.createCommonIssue(ctx, requestMeta(request), request.body),
  );

  r.post(
    '/api/common-issues/:id/appeals',
    {
      schema: {
        tags: issueTags,
        summary: '加入共性问题 Add appeals to a common issue',
        params: IdParams,
        body: AddToCommonIssueInput,
        response: { 200: CommonIssueDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) =>
      commonIssues.addToCommonIssue(ctx, requestMeta(request), request.params.id, request.body.appealIds),
  );

  r.delete(
    '/api/common-issues/:id/appeals/:appealId',
    {
      schema: {
        tags: issueTags,
        summary: '移出共性问题 Take an appeal out of a common issue',
        params: z.object({ id: z.string().min(1), appealId: z.string().min(1) }),
        response: { 200: CommonIssueDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) =>
      commonIssues.removeFromCommonIssue(
        ctx,
        requestMeta(request),
        request.params.id,
        request.params.appealId,
      ),
  );
}
