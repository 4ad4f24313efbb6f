import {
  IdParams,
  NotificationPreferences,
  OutboxMessage,
  OutboxQuery,
  OutboxSweepResult,
  paged,
  UpdateNotificationPreferencesInput,
  webhookHeaders,
} from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { deliverOutbox } from './delivery.ts';
import { listOutbox, retryOutbox } from './outbox.ts';
import { getMyPreferences, updateMyPreferences } from './preferences.ts';

const tags = ['通知 Notices'];

const outboxDescription = `
Every notice also goes, by each person's choice, to their e-mail (people.email), SMS (people.phone) and
WeCom (the username is the WeCom user id); and every status change of an appeal submitted through an API
key goes to that key's webhook URL. All of it is written to the outbox in the transaction of the change,
and delivered every 30 s with retries (exponential backoff, \`OUTBOX_MAX_ATTEMPTS\`); a failure never
undoes the change.

**Webhooks** are \`POST\` requests to the API key's webhook URL with a JSON body:

\`\`\`json
{"id":"<delivery id>","event":"appeal.statusChanged","occurredAt":"2026-03-02T02:00:00.000Z",
 "appeal":{"id":"…","number":"HY-2026-00042","externalId":"YST-2026-000123","status":"assigned",
 "statusLabel":"已交办","previousStatus":"toAssign"},"timelineKind":"assigned"}
\`\`\`

| header | value |
|---|---|
| \`${webhookHeaders.event}\` | \`appeal.statusChanged\` |
| \`${webhookHeaders.delivery}\` | the delivery id (the body's \`id\`), the same on every retry: de-duplicate by it |
| \`${webhookHeaders.timestamp}\` | unix seconds of this attempt |
| \`${webhookHeaders.signature}\` | lower-case hex of HMAC-SHA256, keyed with the API key's secret, over \`timestamp + "\\n" + body\` (the intake API's scheme) |

Answer with any 2xx status; anything else, or no answer within 15 s, is retried.
`;

export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/notification-preferences',
    {
      schema: {
        tags,
        summary: '我的通知设置 Which notices I get by e-mail, SMS and WeCom',
        response: { 200: NotificationPreferences, ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getMyPreferences(ctx, requestMeta(request)),
  );

  r.put(
    '/api/notification-preferences',
    {
      schema: {
        tags,
        summary: '修改我的通知设置 Choose which notices I get by which channel',
        body: UpdateNotificationPreferencesInput,
        response: { 200: NotificationPreferences, ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => updateMyPreferences(ctx, requestMeta(request), request.body),
  );

  r.get(
    '/api/admin/outbox',
    {
      schema: {
        tags,
        summary: '消息投递记录 Outbox: e-mail, SMS, WeCom and webhook deliveries',
        description: outboxDescription,
        querystring: OutboxQuery,
        response: { 200: paged(OutboxMessage), ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => listOutbox(ctx, requestMeta(request), request.query),
  );

  r.post(
    '/api/admin/outbox/:id/retry',
    {
      schema: {
        tags,
        summary: '重新投递 Send a failed message again',
        params: IdParams,
        response: { 200: OutboxMessage, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => retryOutbox(ctx, requestMeta(request), request.params.id),
  );

  r.post(
    '/api/admin/sweeps/outbox',
    {
      schema: {
        tags,
        summary: '立即投递待发消息 Deliver the outbox now (it also runs every 30 s)',
        response: { 200: OutboxSweepResult, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => deliverOutbox(ctx, request.log),
  );
}
