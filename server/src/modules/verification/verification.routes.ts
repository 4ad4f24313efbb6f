import {
  AnswerVerificationInput,
  AppealDetail,
  AppealVerification,
  AssessAppealInput,
  AssignInput,
  HandleDirectlyInput,
  HandlingTier,
  HandlingTierInput,
  IdParams,
  paged,
  RecordConsultationInput,
  RejectAppealInput,
  RequestVerificationInput,
  UpdateHandlingTierInput,
  VerificationRequest,
  VerificationRequestQuery,
} from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { APPEAL_READER_ROLES } from '../appeals/appeals.policy.ts';
import * as tiers from './tiers.service.ts';
import * as service from './verification.service.ts';

const tags = ['核实与分级办理 Verification and tiers'];
const OFFICE = ['taskForceOffice'] as const;

export function verificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/handling-tiers',
    {
      schema: {
        tags,
        summary: '分级办理标准 Handling tiers',
        querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(HandlingTier), ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => tiers.listTiers(ctx.db, request.query.includeInactive === 'true'),
  );

  r.post(
    '/api/handling-tiers',
    {
      schema: {
        tags,
        summary: '新增办理层级 Add a tier',
        body: HandlingTierInput,
        response: { 200: HandlingTier, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => tiers.createTier(ctx, requestMeta(request), request.body),
  );

  r.put(
    '/api/handling-tiers/:code',
    {
      schema: {
        tags,
        summary: '修改或停用办理层级 Update or deactivate a tier',
        params: z.object({ code: z.string().min(1).max(30) }),
        body: UpdateHandlingTierInput,
        response: { 200: HandlingTier, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => tiers.updateTier(ctx, requestMeta(request), request.params.code, request.body),
  );

  r.get(
    '/api/appeals/:id/verification',
    {
      schema: {
        tags,
        summary: '诉求的核实、会商与交办情况 An appeal’s verification, consultations and assignments',
        params: IdParams,
        response: { 200: AppealVerification, ...errorResponses },
      },
      config: { access: APPEAL_READER_ROLES },
    },
    async (request) => service.getVerification(ctx, requestMeta(request), request.params.id),
  );

  const appealAction = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    handler: (id: string, body: z.infer<B>, meta: ReturnType<typeof requestMeta>) => Promise<unknown>,
  ) =>
    r.post(
      `/api/appeals/:id/${path}`,
      {
        schema: { tags, summary, params: IdParams, body, response: { 200: AppealDetail, ...errorResponses } },
        config: { access: OFFICE },
      },
      async (request) =>
        handler(request.params.id, request.body as z.infer<B>, requestMeta(request)) as Promise<
          z.infer<typeof AppealDetail>
        >,
    );

  appealAction(
    'verification-requests',
    '征求单位核实意见 Ask units for their verification opinion',
    RequestVerificationInput,
    (id, body, meta) => service.requestVerification(ctx, meta, id, body),
  );
  appealAction(
    'assess',
    '初步研判并确定办理层级 Record the assessment and set the tier',
    AssessAppealInput,
    (id, body, meta) => service.assess(ctx, meta, id, body),
  );
  appealAction('consultations', '记录会商 Record a consultation', RecordConsultationInput, (id, body, meta) =>
    service.recordConsultation(ctx, meta, id, body),
  );
  appealAction(
    'reject',
    '不予受理 Not accepted (the enterprise sees the reason)',
    RejectAppealInput,
    (id, body, meta) => service.reject(ctx, meta, id, body),
  );
  appealAction(
    'handle-directly',
    '直接交办（常态化渠道）Handle directly, without an event',
    HandleDirectlyInput,
    (id, body, meta) => service.handleDirectly(ctx, meta, id, body),
  );
  appealAction('assign', '交办 Assign to a lead unit and co-units', AssignInput, (id, body, meta) =>
    service.assign(ctx, meta, id, body),
  );

  r.get(
    '/api/verification-requests',
    {
      schema: {
        tags,
        summary: '核实请求（本单位待答复的，或本辖区全部）Verification requests for my unit, or my region',
        querystring: VerificationRequestQuery,
        response: { 200: paged(VerificationRequest), ...errorResponses },
      },
      config: { access: service.REQUEST_READER_ROLES },
    },
    async (request) => service.listRequests(ctx, requestMeta(request), request.query),
  );

  r.post(
    '/api/verification-requests/:id/answer',
    {
      schema: {
        tags,
        summary: '答复核实请求 Answer a verification request',
        params: IdParams,
        body: AnswerVerificationInput,
        response: { 200: VerificationRequest, ...errorResponses },
      },
      config: { access: ['handler', 'unitLeader'] },
    },
    async (request) => service.answerRequest(ctx, requestMeta(request), request.params.id, request.body),
  );
}
