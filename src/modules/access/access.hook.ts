import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { Credentials, HttpApp } from '../../platform/http/server.ts';
import { boundedPurpose } from '../departments/purposes.ts';
import type { Actor } from './actor.ts';
import { ANONYMOUS, actorDepartment } from './actor.ts';
import type { AuthService } from './auth.service.ts';
import { authorize } from './authorize.ts';
import { SYSTEM_PERMISSIONS } from './roles.ts';

export const SESSION_COOKIE = 'xinyong_session';
/** the header a cookie session sends its CSRF token in (unsafe methods) */
const CSRF_HEADER = 'X-CSRF-Token';
/** an API key is sent as `Authorization: Bearer <key>` or in this header */
const API_KEY_HEADER = 'X-API-Key';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** B33: the official purpose the caller stated for this request (X-Purpose header) */
    purpose: string | undefined;
    /** the raw session token when the caller authenticated with the session cookie */
    sessionToken: string | undefined;
    /** performance.now() when the request reached the first hook: "as of" for checks (decision 0011) */
    arrivedAt: number;
  }
}

/**
 * X-Purpose carries the stated purpose of a query (B33). Headers are Latin-1, so Chinese text is sent
 * percent-encoded (encodeURIComponent); plain ASCII is taken as it is. At most 200 characters
 * (PURPOSE_TOO_LONG; issue 14 §6).
 */
export function decodePurpose(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value).trim();
  } catch {
    throw new AppError(
      'PURPOSE_ENCODING_INVALID',
      400,
      'X-Purpose 请求头应为 UTF-8 百分号编码（encodeURIComponent）',
      'The X-Purpose header must be UTF-8 percent-encoded (encodeURIComponent)',
    );
  }
  return decoded === '' ? undefined : boundedPurpose(decoded);
}

/**
 * How callers present themselves, exactly as this hook reads them: the OpenAPI document's security
 * schemes are derived from it (platform/http/openapi.ts), so the two cannot drift apart.
 */
export const CREDENTIALS: Credentials = {
  sessionCookie: SESSION_COOKIE,
  csrfHeader: CSRF_HEADER,
  apiKeyHeader: API_KEY_HEADER,
  apiKeyPermissions: SYSTEM_PERMISSIONS,
};

function apiKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const key = request.headers[API_KEY_HEADER.toLowerCase()];
  return Array.isArray(key) ? key[0] : key;
}

/**
 * Resolves who is calling (API key, else session cookie, else the public), then enforces the route's
 * declared access rule and, for cookie sessions, the CSRF token on state-changing requests.
 * Runs on every request before the body is even parsed. `checkPurpose` holds a stated purpose to the
 * caller's department's registered purposes (事项), where it has some (decision 0025).
 */
export function installAccessControl(
  app: HttpApp,
  auth: AuthService,
  onDenied?: (request: FastifyRequest, code: string) => Promise<void>,
  checkPurpose?: (department: string, purpose: string) => Promise<void>,
) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('purpose', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('arrivedAt', 0);

  app.addHook('onRequest', async (request) => {
    request.arrivedAt = performance.now();
    request.actor = ANONYMOUS;
    request.purpose = undefined;
    const key = apiKeyOf(request);
    if (key) {
      request.actor = await auth.actorForApiKey(key);
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const actor = await auth.actorForSession(token);
        if (actor) {
          request.actor = actor;
          request.sessionToken = token;
        }
      }
    }
    request.purpose = decodePurpose(request.headers['x-purpose']);

    const access = request.routeOptions.config.access;
    if (!access) return; // no such route: the not-found handler answers
    const decision = authorize(request.actor, access, request.purpose);
    if (!decision.allowed) {
      await onDenied?.(request, decision.code);
      throw new AppError(decision.code, decision.status, decision.message, decision.messageEn);
    }
    const department = actorDepartment(request.actor);
    if (checkPurpose && request.purpose !== undefined && department) {
      try {
        await checkPurpose(department, request.purpose);
      } catch (error) {
        if (error instanceof AppError) await onDenied?.(request, error.code);
        throw error;
      }
    }
    if (request.sessionToken && UNSAFE_METHODS.has(request.method)) {
      const csrf = request.headers[CSRF_HEADER.toLowerCase()];
      const given = Array.isArray(csrf) ? csrf[0] : csrf;
      if (!given || !auth.verifyCsrf(request.sessionToken, given)) {
        await onDenied?.(request, 'CSRF_INVALID');
        throw new AppError(
          'CSRF_INVALID',
          403,
          '缺少或错误的 X-CSRF-Token 请求头（登录响应和 /api/v1/auth/me 会给出）',
          'Missing or wrong X-CSRF-Token header (given by the login response and /api/v1/auth/me)',
        );
      }
    }
  });
}
