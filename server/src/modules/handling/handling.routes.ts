import {
  AcceptAssignmentInput,
  AppealDetail,
  AppealHandling,
  AssignmentListItem,
  AssignmentQuery,
  CoInputInput,
  ExtensionDecisionInput,
  ExtensionRequestInput,
  IdParams,
  ProgressInput,
  paged,
  ReportCompletionInput,
  ReturnAssignmentInput,
  ReviewInput,
  SendBackInput,
} from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import * as service from './handling.service.ts';

const tags = ['办理 Handling'];
const UNITS = ['handler', 'unitLeader'] as const;
const OFFICE = ['taskForceOffice'] as const;
const APPEAL_READERS = [
  'enterprise',
  'collector',
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
  'handler',
  'unitLeader',
] as const;

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
      config: { access: APPEAL_READERS },
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
      config: {
        access: [
          'handler',
          'unitLeader',
          'taskForceOffice',
          'leader',
          'governmentOffice',
          'supervisionOffice',
        ],
      },
    },
    async (request) => service.listAssignments(ctx, requestMeta(request), request.query),
  );
}
