import {
  AppealSupervision,
  Id,
  IdParams,
  SupervisionActionInput,
  SupervisionAnswerInput,
  SupervisionSettings,
  SupervisionSweepResult,
  SupervisionWorkspace,
} from '@f2f/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { APPEAL_READER_ROLES } from '../appeals/appeals.policy.ts';
import { contentDisposition } from '../attachments/content-disposition.ts';
import { WORKSPACE_READER_ROLES } from './supervision.policy.ts';
import * as service from './supervision.service.ts';
import { supervisionNoticeDocx } from './supervision-document.ts';

const tags = ['督查督办 Supervision'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function supervisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/supervision/workspace',
    {
      schema: {
        tags,
        summary:
          '督查工作台：逾期与临期事项，按单位和县区统计 Overdue and at-risk assignments, by unit and county',
        response: { 200: SupervisionWorkspace, ...errorResponses },
      },
      config: { access: WORKSPACE_READER_ROLES },
    },
    async (request) => service.getWorkspace(ctx, requestMeta(request)),
  );

  r.get(
    '/api/supervision/settings',
    {
      schema: {
        tags,
        summary: '督办预警阈值 Supervision thresholds and answer days',
        response: { 200: SupervisionSettings, ...errorResponses },
      },
      config: { access: [...WORKSPACE_READER_ROLES, 'admin'] },
    },
    async () => service.getSettings(ctx),
  );

  r.put(
    '/api/supervision/settings',
    {
      schema: {
        tags,
        summary: '修改督办预警阈值 Change the thresholds (city supervision office or administrator)',
        body: SupervisionSettings,
        response: { 200: SupervisionSettings, ...errorResponses },
      },
      config: { access: ['supervisionOffice', 'admin'] },
    },
    async (request) => service.putSettings(ctx, requestMeta(request), request.body),
  );

  r.post(
    '/api/supervision/actions',
    {
      schema: {
        tags,
        summary: '督办：提醒、催办、督办单、挂牌督办、通报 Issue a step of the supervision ladder',
        body: SupervisionActionInput,
        response: { 200: AppealSupervision, ...errorResponses },
      },
      config: { access: ['supervisionOffice'] },
    },
    async (request) => service.issueAction(ctx, requestMeta(request), request.body),
  );

  r.post(
    '/api/supervision/actions/:id/answer',
    {
      schema: {
        tags,
        summary: '答复督办 The lead unit answers a supervision step',
        params: IdParams,
        body: SupervisionAnswerInput,
        response: { 200: AppealSupervision, ...errorResponses },
      },
      config: { access: ['handler', 'unitLeader'] },
    },
    async (request) => service.answerAction(ctx, requestMeta(request), request.params.id, request.body),
  );

  r.get(
    '/api/supervision/actions/:id/notice.docx',
    {
      schema: {
        tags,
        summary: '下载督办单（Word）Download the supervision notice',
        params: z.object({ id: Id }),
        response: {
          200: {
            description: '督办单 The supervision notice',
            content: { [DOCX]: { schema: z.string().meta({ format: 'binary' }) } },
          },
          ...errorResponses,
        },
      },
      config: { access: ['supervisionOffice', 'handler', 'unitLeader'] },
    },
    async (request, reply) => {
      const notice = await service.loadNotice(ctx, requestMeta(request), request.params.id);
      const body = await supervisionNoticeDocx(ctx, notice);
      return (reply as FastifyReply)
        .type(DOCX)
        .header(
          'content-disposition',
          contentDisposition(`督办单-${notice.appeal.number}-${notice.action.documentNumber ?? ''}.docx`),
        )
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  );

  r.get(
    '/api/appeals/:id/supervision',
    {
      schema: {
        tags,
        summary: '诉求的督办记录 The supervision steps of an appeal',
        params: IdParams,
        response: { 200: AppealSupervision, ...errorResponses },
      },
      config: { access: APPEAL_READER_ROLES },
    },
    async (request) => service.getAppealSupervision(ctx, requestMeta(request), request.params.id),
  );

  r.post(
    '/api/admin/sweeps/supervision',
    {
      schema: {
        tags,
        summary: '立即执行督办预警 Run the supervision sweep now (it also runs on a schedule)',
        response: { 200: SupervisionSweepResult, ...errorResponses },
      },
      config: { access: ['admin', 'supervisionOffice'] },
    },
    async () => service.sweepSupervision(ctx),
  );
}
