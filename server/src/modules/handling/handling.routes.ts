import {
  AcceptAssignmentInput,
  AppealDetail,
  AppealHandling,
  AppealRatings,
  ApproveExplanationInput,
  AssignmentListItem,
  AssignmentQuery,
  CoInputInput,
  ExplainInput,
  ExtensionDecisionInput,
  ExtensionRequestInput,
  FollowUpInput,
  Id,
  IdParams,
  ProgressInput,
  paged,
  RateInput,
  ReopenInput,
  ReportCompletionInput,
  ReturnAssignmentInput,
  ReviewInput,
  SendBackInput,
} from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { APPEAL_READER_ROLES } from '../appeals/appeals.policy.ts';
import * as service from './handling.service.ts';
import * as ratings from './ratings.service.ts';

const tags = ['办理 Handling'];
const UNITS = ['handler', 'unitLeader'] as const;
const OFFICE = ['taskForceOffice'] as const;

export function handlingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    access: readonly ('handler' | 'unitLeader' | 'taskForceOffice')[],
    body: B,
    run: (id: string, body: z.infer<B>, meta: ReturnType<typeof requestMeta>) => Promise<unknown>,
  ) =>
    r.post(
      `/api/appeals/:id/${path}`,
      {
        schema: { tags, summary, params: IdParams, body, response: { 200: AppealDetail, ...errorResponses } },
        config: { access },
      },
      async (request) =>
        run(request.params.id, request.body as z.infer<B>, requestMeta(request)) as Promise<
          z.infer<typeof AppealDetail>
        >,
    );

  action('accept', '签收 The lead unit accepts the assignment', UNITS, AcceptAssignmentInput, (id, b, m) =>
    service.accept(ctx, m, id, b.version),
  );
  action('return', '退回 The lead unit returns it with a reason', UNITS, ReturnAssignmentInput, (id, b, m) =>
    service.returnAssignment(ctx, m, id, b),
  );
  action(
    'progress',
    '记录办理进展或联系企业 A progress note, or a contact with the enterprise',
    UNITS,
    ProgressInput,
    (id, b, m) => service.addProgress(ctx, m, id, b),
  );
  action('co-input', '协办意见 A co-unit’s input', UNITS, CoInputInput, (id, b, m) =>
    service.addCoInput(ctx, m, id, b),
  );
  action('extension', '申请延期 Ask for a later deadline', UNITS, ExtensionRequestInput, (id, b, m) =>
    service.requestExtension(ctx, m, id, b),
  );
  action(
    'extension/decide',
    '审批延期 Approve or refuse the extension',
    OFFICE,
    ExtensionDecisionInput,
    (id, b, m) => service.decideExtension(ctx, m, id, b),
  );
  action(
    'report',
    '答复企业并报办结 Reply to the enterprise and report completion',
    UNITS,
    ReportCompletionInput,
    (id, b, m) => service.reportCompletion(ctx, m, id, b),
  );
  action('close', '审核办结 The office closes the appeal', OFFICE, ReviewInput, (id, b, m) =>
    service.close(ctx, m, id, b.version),
  );
  action('send-back', '退回重办 The office sends the reply back', OFFICE, SendBackInput, (id, b, m) =>
    service.sendBack(ctx, m, id, b),
  );

  r.get(
    '/api/appeals/:id/handling',
    {
      schema: {
        tags,
        summary: '办理情况：进展、延期、答复 Notes, extensions and replies',
        params: IdParams,
        response: { 200: AppealHandling, ...errorResponses },
      },
      config: { access: APPEAL_READER_ROLES },
    },
    async (request) => service.getHandling(ctx, requestMeta(request), request.params.id),
  );

  r.get(
    '/api/assignments',
    {
      schema: {
        tags,
        summary: '交办事项（本单位主办或协办的；本辖区全部）Assignments of my unit, or of my region',
        querystring: AssignmentQuery,
        response: { 200: paged(AssignmentListItem), ...errorResponses },
      },
      config: { access: service.ASSIGNMENT_READER_ROLES },
    },
    async (request) => service.listAssignments(ctx, requestMeta(request), request.query),
  );
}

const RatingParams = z.object({ id: Id, ratingId: Id });

export function ratingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['评价与回访 Ratings and follow-up'];

  r.get(
    '/api/appeals/:id/ratings',
    {
      schema: {
        tags,
        summary: '满意度评价、重办与回访 Ratings, reopen rounds and follow-up visits',
        params: IdParams,
        response: { 200: AppealRatings, ...errorResponses },
      },
      config: { access: APPEAL_READER_ROLES },
    },
    async (request) => ratings.getRatings(ctx, requestMeta(request), request.params.id),
  );

  r.post(
    '/api/appeals/:id/ratings/:ratingId',
    {
      schema: {
        tags,
        summary: '企业评价办理单位 The enterprise rates a handling unit (dissatisfied needs a reason)',
        params: RatingParams,
        body: RateInput,
        response: { 200: AppealRatings, ...errorResponses },
      },
      config: { access: ['enterprise'] },
    },
    async (request) =>
      ratings.rate(ctx, requestMeta(request), request.params.id, request.params.ratingId, request.body),
  );

  r.post(
    '/api/appeals/:id/ratings/:ratingId/explanation',
    {
      schema: {
        tags,
        summary: '不满意情况说明 The office explains a dissatisfied rating (a leader then decides)',
        params: RatingParams,
        body: ExplainInput,
        response: { 200: AppealRatings, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) =>
      ratings.explain(ctx, requestMeta(request), request.params.id, request.params.ratingId, request.body),
  );

  r.post(
    '/api/appeals/:id/ratings/:ratingId/explanation/decide',
    {
      schema: {
        tags,
        summary: '领导审定情况说明 A leader approves (excluded from the score) or refuses the explanation',
        params: RatingParams,
        body: ApproveExplanationInput,
        response: { 200: AppealRatings, ...errorResponses },
      },
      config: { access: ['leader'] },
    },
    async (request) =>
      ratings.approveExplanation(
        ctx,
        requestMeta(request),
        request.params.id,
        request.params.ratingId,
        request.body,
      ),
  );

  r.post(
    '/api/appeals/:id/reopen',
    {
      schema: {
        tags,
        summary: '重办 Reopen after a dissatisfied rating: back to the same units with a new deadline',
        params: IdParams,
        body: ReopenInput,
        response: { 200: AppealDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) => ratings.reopen(ctx, requestMeta(request), request.params.id, request.body),
  );

  r.post(
    '/api/appeals/:id/follow-ups',
    {
      schema: {
        tags,
        summary: '回访 Record the office’s follow-up visit after closure',
        params: IdParams,
        body: FollowUpInput,
        response: { 200: AppealRatings, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) => ratings.recordFollowUp(ctx, requestMeta(request), request.params.id, request.body),
  );

  r.post(
    '/api/admin/sweeps/ratings',
    {
      schema: {
        tags,
        summary: '立即执行评价提醒与逾期处理 Run the rating sweep now (it also runs on a schedule)',
        response: {
          200: z.object({ reminded: z.number().int(), lapsed: z.number().int() }),
          ...errorResponses,
        },
      },
      config: { access: ['admin', 'taskForceOffice'] },
    },
    async () => ratings.sweepRatings(ctx),
  );
}
