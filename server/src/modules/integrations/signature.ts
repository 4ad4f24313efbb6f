import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { INTAKE_TIMESTAMP_WINDOW_SECONDS } from '@f2f/contract';

/**
 * The signature of an intake request: lower-case hex of HMAC-SHA256 keyed with the secret
 * (its UTF-8 text, exactly as shown at creation) over `${timestamp}\n${rawBody}`.
 */
export function signIntake(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${rawBody}`, 'utf8').digest('hex');
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** Compares in constant time; anything that is not 64 hex digits never matches. */
export function signatureMatches(secret: string, timestamp: string, rawBody: string, sent: string): boolean {
  if (!HEX_SHA256.test(sent)) return false;
  const expected = Buffer.from(signIntake(secret, timestamp, rawBody), 'hex');
  const given = Buffer.from(sent, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether X-Timestamp (unix seconds, digits only) is within the window around `now`. */
export function timestampInWindow(timestamp: string, now: Date): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  return skew <= INTAKE_TIMESTAMP_WINDOW_SECONDS;
}

/**
 * How long accepted signatures are kept. A signature seen at `s` carries a timestamp no older than
 * `s - window`, so it stops passing the timestamp check by `s + 2 × window`; keeping it that long
 * refuses every replay, and older rows can go.
 */
export const SIGNATURE_RETENTION_MS = 2 * INTAKE_TIMESTAMP_WINDOW_SECONDS * 1000;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A public key id (sent as X-Api-Key) and its secret (32 random bytes, base64url). */
export function newKeyPair(): { keyId: string; secret: string } {
  return {
    keyId: `f2f_${randomBytes(12).toString('base64url')}`,
    secret: randomBytes(32).toString('base64url'),
  };
}
