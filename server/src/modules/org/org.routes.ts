import {
  CreatePersonInput,
  CreateUnitInput,
  IdParams,
  Ok,
  Person,
  PersonQuery,
  paged,
  Region,
  ResetPasswordInput,
  TaskForce,
  TaskForceMember,
  TaskForceMemberInput,
  Unit,
  UnitQuery,
  UpdatePersonInput,
  UpdateUnitInput,
} from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { PEOPLE_READER_ROLES } from './org.policy.ts';
import * as repo from './org.repository.ts';
import * as service from './org.service.ts';

const tags = ['组织机构 Organisation'];
const TaskForceMemberRow = TaskForceMember.omit({ unitName: true });

export function orgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/org/regions',
    {
      schema: {
        tags,
        summary: '行政区域列表 Regions',
        response: { 200: z.array(Region), ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async () => repo.listRegions(ctx.db),
  );

  r.get(
    '/api/org/units',
    {
      schema: {
        tags,
        summary: '单位列表 Units',
        querystring: UnitQuery,
        response: { 200: z.array(Unit), ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) =>
      repo.listUnits(ctx.db, { ...request.query, includeInactive: request.query.includeInactive === 'true' }),
  );

  r.post(
    '/api/org/units',
    {
      schema: {
        tags,
        summary: '新增单位 Create a unit',
        body: CreateUnitInput,
        response: { 200: Unit, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => service.createUnit(ctx, requestMeta(request), request.body),
  );

  r.patch(
    '/api/org/units/:id',
    {
      schema: {
        tags,
        summary: '修改或停用单位 Update a unit',
        params: IdParams,
        body: UpdateUnitInput,
        response: { 200: Unit, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => service.updateUnit(ctx, requestMeta(request), request.params.id, request.body),
  );

  r.get(
    '/api/org/people',
    {
      schema: {
        tags,
        summary: '人员列表 People (administrators: their region; unit leaders: their unit)',
        querystring: PersonQuery,
        response: { 200: paged(Person), ...errorResponses },
      },
      config: { access: PEOPLE_READER_ROLES },
    },
    async (request) => service.listPeople(ctx, requestMeta(request), request.query),
  );

  r.get(
    '/api/org/people/:id',
    {
      schema: {
        tags,
        summary: '人员详情 A person',
        params: IdParams,
        response: { 200: Person, ...errorResponses },
      },
      config: { access: ['admin', 'unitLeader'] },
    },
    async (request) => service.getPerson(ctx, requestMeta(request), request.params.id),
  );

  r.post(
    '/api/org/people',
    {
      schema: {
        tags,
        summary: '新增人员 Create a person',
        body: CreatePersonInput,
        response: { 200: Person, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => service.createPerson(ctx, requestMeta(request), request.body),
  );

  r.patch(
    '/api/org/people/:id',
    {
      schema: {
        tags,
        summary: '修改人员、角色或停用 Update a person',
        params: IdParams,
        body: UpdatePersonInput,
        response: { 200: Person, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => service.updatePerson(ctx, requestMeta(request), request.params.id, request.body),
  );

  r.post(
    '/api/org/people/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码 Reset a password (the person must change it at next sign-in)',
        params: IdParams,
        body: ResetPasswordInput,
        response: { 200: Ok, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => {
      await service.resetPassword(ctx, requestMeta(request), request.params.id, request.body.password);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/org/people/:id/unlock',
    {
      schema: {
        tags,
        summary: '解除锁定 Unlock after failed sign-ins',
        params: IdParams,
        response: { 200: Person, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => service.unlockPerson(ctx, requestMeta(request), request.params.id),
  );

  r.get(
    '/api/org/task-force',
    {
      schema: {
        tags,
        summary: '工作专班“7+N”常设成员 The standing task force of a region',
        querystring: z.object({ regionId: z.string().min(1) }),
        response: { 200: TaskForce, ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => service.getTaskForce(ctx, request.query.regionId),
  );

  r.post(
    '/api/org/task-force',
    {
      schema: {
        tags,
        summary: '新增专班成员 Add a task-force member',
        body: TaskForceMemberInput,
        response: { 200: TaskForceMemberRow, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => service.addTaskForceMember(ctx, requestMeta(request), request.body),
  );

  r.put(
    '/api/org/task-force/:id',
    {
      schema: {
        tags,
        summary: '修改专班成员 Update a task-force member',
        params: IdParams,
        body: TaskForceMemberInput,
        response: { 200: TaskForceMemberRow, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) =>
      service.updateTaskForceMember(ctx, requestMeta(request), request.params.id, request.body),
  );

  r.delete(
    '/api/org/task-force/:id',
    {
      schema: {
        tags,
        summary: '移除专班成员 Remove a task-force member',
        params: IdParams,
        response: { 200: Ok, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => {
      await service.removeTaskForceMember(ctx, requestMeta(request), request.params.id);
      return { ok: true as const };
    },
  );
}
