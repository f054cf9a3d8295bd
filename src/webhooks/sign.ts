import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: HMAC-SHA256 over `${timestamp}.${body}` with the webhook's secret, sent as
 * `Samachar-Signature: t=<unix seconds>,v1=<hex>`. The timestamp inside the signed text lets a
 * receiver refuse replays of an old delivery.
 */
export const SIGNATURE_HEADER = 'Samachar-Signature';

export function signatureFor(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureFor(secret, timestamp, body)}`;
}

/** What a receiver does (and what the tests do): true when the header signs this body recently enough. */
export function verifySignature(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) return false;
  const want = Buffer.from(signatureFor(secret, t, body), 'hex');
  const got = Buffer.from(parts.v1, 'hex');
  return want.length === got.length && timingSafeEqual(want, got);
}
