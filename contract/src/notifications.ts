import { z } from 'zod';
import { Id, Instant } from './common.ts';
import type { Label } from './labels.ts';

/**
 * Every kind of notice the system sends (站内通知 and its copies by e-mail, SMS and WeCom).
 * A person chooses, per kind, which external channels they get it by.
 */
export const noticeKinds = [
  'catalogueDue',
  'catalogueSubmitted',
  'catalogueApproved',
  'eventNotice',
  'opinionsApproved',
  'ratingRequested',
  'ratingReminder',
  'supervisionWarning',
  'supervisionAction',
  'appealEscalated',
  'appealHandedDown',
  'summaryReport',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export const noticeKindLabels: Record<NoticeKind, Label> = {
  catalogueDue: { zh: '目录报送提醒', en: 'Catalogue due reminder' },
  catalogueSubmitted: { zh: '问题清单报审', en: 'Catalogue submitted for approval' },
  catalogueApproved: { zh: '问题清单已审定', en: 'Catalogue approved' },
  eventNotice: { zh: '活动通知', en: 'Event notice' },
  opinionsApproved: { zh: '处理意见交办', en: 'Opinions document assigned' },
  ratingRequested: { zh: '请评价', en: 'Please rate' },
  ratingReminder: { zh: '评价提醒', en: 'Rating reminder' },
  supervisionWarning: { zh: '督办预警', en: 'Supervision warning' },
  supervisionAction: { zh: '督办事项', en: 'Supervision action' },
  appealEscalated: { zh: '诉求上报市级', en: 'Appeal escalated to the city' },
  appealHandedDown: { zh: '诉求交县区办理', en: 'Appeal handed down to a county' },
  summaryReport: { zh: '定期报告', en: 'Periodic summary report' },
};

/**
 * Deadline notices: they go out on working days only. One created on a weekend or holiday is held
 * until 09:00 (city time) of the next working day; by default they also go by SMS.
 */
export const deadlineNoticeKinds: readonly NoticeKind[] = [
  'catalogueDue',
  'ratingReminder',
  'supervisionWarning',
  'supervisionAction',
];

export function isDeadlineNoticeKind(kind: string): boolean {
  return (deadlineNoticeKinds as readonly string[]).includes(kind);
}

/** The channels a person chooses among (the in-system inbox always gets every notice). */
export const notificationChannels = ['email', 'sms', 'wecom'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];
export const notificationChannelLabels: Record<NotificationChannel, Label> = {
  email: { zh: '电子邮件', en: 'E-mail' },
  sms: { zh: '短信', en: 'SMS' },
  wecom: { zh: '企业微信', en: 'WeCom' },
};

/** Everything the outbox delivers: the people's channels, and signed webhooks to platforms. */
export const outboxChannels = [...notificationChannels, 'webhook'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];
export const outboxChannelLabels: Record<OutboxChannel, Label> = {
  ...notificationChannelLabels,
  webhook: { zh: '平台回调', en: 'Webhook' },
};

export const outboxStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
export const outboxStatusLabels: Record<OutboxStatus, Label> = {
  pending: { zh: '待投递', en: 'Pending' },
  sending: { zh: '投递中', en: 'Sending' },
  sent: { zh: '已送达', en: 'Sent' },
  failed: { zh: '投递失败', en: 'Failed' },
};

/** One kind × channel choice of the signed-in person. */
export const NotificationPreference = z.object({
  kind: z.enum(noticeKinds),
  channel: z.enum(notificationChannels),
  enabled: z.boolean(),
  /** True when the person has chosen; false when it is the default. */
  chosen: z.boolean(),
});
export type NotificationPreference = z.infer<typeof NotificationPreference>;

export const NotificationPreferences = z.object({
  preferences: z.array(NotificationPreference),
  /** Where each channel reaches the person; null when it cannot (no e-mail address or phone number). */
  addresses: z.object({
    email: z.string().nullable(),
    sms: z.string().nullable(),
    wecom: z.string().nullable(),
  }),
});

export const UpdateNotificationPreferencesInput = z.object({
  preferences: z
    .array(
      z.object({
        kind: z.enum(noticeKinds),
        channel: z.enum(notificationChannels),
        enabled: z.boolean(),
      }),
    )
    .min(1)
    .max(noticeKinds.length * notificationChannels.length),
});

export const OutboxMessage = z.object({
  id: Id,
  channel: z.enum(outboxChannels),
  recipient: z.string().describe('E-mail address, phone number, WeCom user id or webhook URL'),
  personId: Id.nullable(),
  personName: z.string().nullable(),
  apiKeyName: z.string().nullable(),
  appealId: Id.nullable(),
  kind: z.string(),
  subject: z.string(),
  status: z.enum(outboxStatuses),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: Instant,
  lastError: z.string().nullable(),
  createdAt: Instant,
  sentAt: Instant.nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxQuery = z.object({
  status: z.enum(outboxStatuses).optional(),
  channel: z.enum(outboxChannels).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const OutboxSweepResult = z.object({
  sent: z.number().int(),
  retried: z.number().int(),
  failed: z.number().int(),
});

/** The JSON body of a webhook: an appeal submitted through an API key changed status. */
export const WebhookPayload = z.object({
  id: Id.describe('Delivery id, also in X-F2F-Delivery: the same on every retry, so de-duplicate by it'),
  event: z.literal('appeal.statusChanged'),
  occurredAt: Instant,
  appeal: z.object({
    id: Id,
    number: z.string(),
    externalId: z.string().nullable().describe('Your id, as sent in the intake request'),
    status: z.string(),
    statusLabel: z.string().describe('The status in Chinese'),
    previousStatus: z.string(),
  }),
  /** The timeline entry that came with the change (assigned, accepted, closed, …). */
  timelineKind: z.string(),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

/** The headers of a webhook request. */
export const webhookHeaders = {
  event: 'X-F2F-Event',
  delivery: 'X-F2F-Delivery',
  timestamp: 'X-F2F-Timestamp',
  signature: 'X-F2F-Signature',
} as const;
