import { AppealDetail, AppealLevels, EscalateInput, HandDownInput, IdParams } from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { OVERSIGHT_ROLES } from '../appeals/appeals.policy.ts';
import * as service from './levels.service.ts';

const tags = ['县市流转 County ↔ city'];

export function levelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/appeals/:id/levels',
    {
      schema: {
        tags,
        summary:
          '办理层级与流转记录 The level handling an appeal, its moves, and where it may be handed down',
        params: IdParams,
        response: { 200: AppealLevels, ...errorResponses },
      },
      config: { access: OVERSIGHT_ROLES },
    },
    async (request) => service.getLevels(ctx, requestMeta(request), request.params.id),
  );

  r.post(
    '/api/appeals/:id/escalate',
    {
      schema: {
        tags,
        summary: '上报市级 The county office escalates its appeal to the city, with a reason',
        params: IdParams,
        body: EscalateInput,
        response: { 200: AppealDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) => service.escalate(ctx, requestMeta(request), request.params.id, request.body),
  );

  r.post(
    '/api/appeals/:id/hand-down',
    {
      schema: {
        tags,
        summary: '交县区办理 The city office hands a city-level appeal down to a county, with a reason',
        params: IdParams,
        body: HandDownInput,
        response: { 200: AppealDetail, ...errorResponses },
      },
      config: { access: ['taskForceOffice'] },
    },
    async (request) => service.handDown(ctx, requestMeta(request), request.params.id, request.body),
  );
}
