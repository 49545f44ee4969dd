/**
 * Caching of the public disclosure API (issue 17: "documented, rate-limited, ETag-cached"), one hook
 * keyed on the route's config: a route that declares `config: { publicCache: … }` answers a GET with a
 * strong ETag of the exact bytes it sends, a 304 without a body when the caller's `If-None-Match` names
 * it, and a `Cache-Control` header. Routes whose answer names a person say `personal: true`: they are
 * revalidated every time and never stored by a shared cache (`no-store`), since a masked entry that
 * ends (A12, repair) must leave every copy at once. A route may set its own `Cache-Control` on the reply
 * (e.g. only when an answer holds persons); the hook then leaves it.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from './server.ts';

export type PublicCache = {
  /** seconds a shared cache may serve the answer without asking again (default 60) */
  maxAge?: number;
  /** the answer names or describes a person (masked): `no-store`, still with an ETag */
  personal?: boolean;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    publicCache?: PublicCache;
  }
}

export const DEFAULT_PUBLIC_MAX_AGE = 60;
export const NO_STORE = 'no-store';

/** A strong validator of the bytes sent: the SHA-256 of the body, base64url, quoted (RFC 9110 §8.8.3). */
export function strongEtag(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/** Whether an If-None-Match header names this ETag (a list, `*`, or a weak form of it; RFC 9110 §13.1.2). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function cacheControlOf(config: PublicCache): string {
  return config.personal ? NO_STORE : `public, max-age=${config.maxAge ?? DEFAULT_PUBLIC_MAX_AGE}`;
}

/**
 * Gives the routes that declare `publicCache` an onSend hook of their own (when they register); other
 * routes — the departments' checks among them — run no extra hook at all.
 */
export function installPublicCache(app: HttpApp): void {
  app.addHook('onRoute', (route) => {
    if (!route.config?.publicCache) return;
    const own = route.onSend ? [route.onSend].flat() : [];
    route.onSend = [...own, publicCacheOnSend] as typeof route.onSend;
  });
}

async function publicCacheOnSend(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  const config = request.routeOptions.config?.publicCache;
  if (!config || (request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) {
    return payload;
  }
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) return payload; // streams
  const etag = strongEtag(payload);
  reply.header('ETag', etag);
  if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', cacheControlOf(config));
  reply.header('Vary', 'Accept-Encoding');
  if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
    reply.code(304);
    reply.removeHeader('Content-Length');
    reply.removeHeader('Content-Type');
    return '';
  }
  return payload;
}
