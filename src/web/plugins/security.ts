import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Per-request CSP nonce for the few inline scripts a page may carry. */
    nonce: string;
  }
}

export interface SecurityOptions {
  https: boolean;
  /** Extra origins allowed for scripts, frames and connections (payment checkouts). */
  extraScriptSrc?: string[];
  extraFrameSrc?: string[];
  extraConnectSrc?: string[];
}

/** A CSP nonce: 128 random bits. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Security headers on every response, and a Content-Security-Policy with a fresh nonce per request. */
export function securityHeaders(app: FastifyInstance, opts: SecurityOptions): void {
  app.decorateRequest('nonce', '');
  app.addHook('onRequest', async (req) => {
    req.nonce = newNonce();
    // A NUL byte has no use in an address, and PostgreSQL refuses it in text (a 500 on a slug lookup):
    // refuse it here, before any route looks anything up.
    if (req.url.includes('%00')) throw new AppError('BAD_REQUEST', 'The address contains a NUL byte.');
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${req.nonce}' ${(opts.extraScriptSrc ?? []).join(' ')}`.trim(),
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src 'self' ${(opts.extraConnectSrc ?? []).join(' ')}`.trim(),
      `frame-src 'self' ${(opts.extraFrameSrc ?? []).join(' ')}`.trim(),
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; ');
    reply.header('Content-Security-Policy', csp);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (opts.https) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
}
