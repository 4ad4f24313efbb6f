import { webhookHeaders } from '@f2f/contract';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/database.ts';
import { signIntake } from '../integrations/signature.ts';

/** What a driver needs to log (the server's pino logger satisfies it). */
export interface DeliveryLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
}

export const silentLog: DeliveryLog = { info: () => undefined, warn: () => undefined };

/** One claimed outbox row, as the drivers see it. */
export interface OutgoingMessage {
  id: string;
  channel: string;
  recipient: string;
  kind: string;
  subject: string;
  body: string;
  payloadJson: string | null;
  apiKeyId: string | null;
}

/** A failure that retrying cannot cure (a revoked API key): the message is marked failed at once. */
export class PermanentDeliveryError extends Error {}

/** How long one HTTP call (gateway or webhook) may take. */
const HTTP_TIMEOUT_MS = 15_000;

/** What an SMS or WeCom gateway is given: one text to one person. */
export interface GatewayMessage {
  messageId: string;
  to: string;
  kind: string;
  subject: string;
  text: string;
}

/** A gateway for short messages (SMS, WeCom): the logging driver, or an HTTP one. */
export interface MessageGateway {
  send(message: GatewayMessage): Promise<void>;
}

/** Without a gateway configured: the message is written to the server log and counts as sent. */
export class LoggingGateway implements MessageGateway {
  constructor(
    private readonly channel: string,
    private readonly log: DeliveryLog,
  ) {}
  async send(message: GatewayMessage): Promise<void> {
    this.log.info(
      { channel: this.channel, ...message },
      `${this.channel} message (no gateway configured: logged)`,
    );
  }
}

async function postJson(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    redirect: 'error',
  });
  // Read (and drop) the answer so that the connection is released.
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new Error(`HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
}

/**
 * An HTTP gateway: POST {messageId, to, kind, subject, text} as JSON, with `Authorization: Bearer
 * <token>` when a token is configured; any 2xx answer means accepted.
 */
export class HttpGateway implements MessageGateway {
  constructor(
    private readonly url: string,
    private readonly token: string | null,
  ) {}
  async send(message: GatewayMessage): Promise<void> {
    await postJson(
      this.url,
      JSON.stringify(message),
      this.token ? { authorization: `Bearer ${this.token}` } : {},
    );
  }
}

function link(message: OutgoingMessage): string | null {
  if (!message.payloadJson) return null;
  const payload = JSON.parse(message.payloadJson) as { link?: string | null };
  return payload.link ?? null;
}

/** The text of an e-mail, SMS or WeCom message: the notice, and where to find it in the system. */
export function messageText(message: OutgoingMessage): string {
  const where = link(message);
  return where
    ? `${message.body}\n\n请登录面对面政企交流平台查看（${where}）。`
    : `${message.body}\n\n请登录面对面政企交流平台查看。`;
}

export interface Drivers {
  deliver(db: Executor, message: OutgoingMessage, now: Date): Promise<void>;
}

const transports = new Map<string, Transporter>();

function smtpTransport(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/**
 * The webhook request: the stored JSON body, signed like the intake API — lower-case hex of
 * HMAC-SHA256 keyed with the API key's secret over `${timestamp}\n${body}` — with the delivery id.
 */
export function webhookRequest(secret: string, message: OutgoingMessage, now: Date) {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    body: message.body,
    headers: {
      [webhookHeaders.event]: 'appeal.statusChanged',
      [webhookHeaders.delivery]: message.id,
      [webhookHeaders.timestamp]: timestamp,
      [webhookHeaders.signature]: signIntake(secret, timestamp, message.body),
    },
  };
}

/** The drivers of one configuration: SMTP or the log for e-mail, a gateway or the log for SMS and WeCom. */
export function driversFor(config: Config, log: DeliveryLog): Drivers {
  const sms: MessageGateway = config.smsGatewayUrl
    ? new HttpGateway(config.smsGatewayUrl, config.smsGatewayToken)
    : new LoggingGateway('sms', log);
  const wecom: MessageGateway = config.wecomGatewayUrl
    ? new HttpGateway(config.wecomGatewayUrl, config.wecomGatewayToken)
    : new LoggingGateway('wecom', log);
  return {
    async deliver(db, message, now) {
      const gatewayMessage = (): GatewayMessage => ({
        messageId: message.id,
        to: message.recipient,
        kind: message.kind,
        subject: message.subject,
        text: messageText(message),
      });
      switch (message.channel) {
        case 'email': {
          if (!config.smtpUrl) {
            log.info(
              { channel: 'email', messageId: message.id, to: message.recipient, subject: message.subject },
              'e-mail (SMTP_URL not set: logged, not sent)',
            );
            return;
          }
          await smtpTransport(config.smtpUrl).sendMail({
            from: config.mailFrom,
            to: message.recipient,
            subject: message.subject,
            text: messageText(message),
            headers: { 'X-F2F-Message-Id': message.id },
          });
          return;
        }
        case 'sms':
          return sms.send(gatewayMessage());
        case 'wecom':
          return wecom.send(gatewayMessage());
        case 'webhook': {
          const key = message.apiKeyId
            ? await db
                .selectFrom('apiKeys')
                .select(['secret', 'active'])
                .where('id', '=', message.apiKeyId)
                .executeTakeFirst()
            : undefined;
          if (key?.active !== 1) throw new PermanentDeliveryError('API key revoked');
          const request = webhookRequest(key.secret, message, now);
          await postJson(message.recipient, request.body, request.headers);
          return;
        }
        default:
          throw new PermanentDeliveryError(`unknown channel ${message.channel}`);
      }
    },
  };
}
