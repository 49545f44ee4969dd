/**
 * What a request log line says about the request (issue 14 §5). A URL may carry an ID number, an
 * organization code or a name (`/subjects/:code`, `?q=…`), so no log line holds it as sent: the line
 * names the route's pattern (`/api/v1/subjects/:code`), and each route parameter and query value as a
 * keyed digest the application supplies — equal values give equal digests, so an operator holding the
 * key can still follow one subject's requests, and a reader of the logs alone learns nothing. Without a
 * digest the values are left out. The platform knows no domain: it treats every value alike.
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

export type LogDigest = (value: string) => string;

/** Query keys kept as written: the API's own parameter names. Any other key is digested like a value. */
const PLAIN_KEY = /^[A-Za-z_]{1,40}$/;

function digestValues(values: unknown, digest: LogDigest | undefined, digestKeys: boolean) {
  if (values === null || typeof values !== 'object') return undefined;
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(values)) {
    const name = !digestKeys || PLAIN_KEY.test(key) ? key : digest ? `#${digest(key)}` : '#';
    const one = (v: unknown) => (digest ? digest(String(v)) : '…');
    out[name] = Array.isArray(value) ? value.map(one) : one(value);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The `req` serializer: method, route pattern, digested parameters and query, where from. */
export function requestLogSerializer(digest: LogDigest | undefined) {
  return (request: FastifyRequest) => {
    const route = request.routeOptions?.url;
    const path = request.raw?.url?.split('?')[0] ?? '';
    return {
      method: request.method,
      // No route matched (404): the path itself is the value, digested.
      route: route ?? null,
      ...(route === undefined && path !== '' ? { path: digest ? digest(path) : '…' } : {}),
      params: digestValues(request.params, digest, false),
      query: digestValues(request.query, digest, true),
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  };
}

/** The server's logger options with the request serializer in place (nothing when logging is off). */
export function withRequestLog(
  logger: FastifyServerOptions['logger'],
  digest: LogDigest | undefined,
): FastifyServerOptions['logger'] {
  if (!logger) return logger;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, req: requestLogSerializer(digest) } };
}
