import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import scalarApiReference from '@scalar/fastify-api-reference';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { installErrorHandling } from './error-handler.ts';
import {
  type Credentials,
  completeDocument,
  type ErrorStatus,
  openApiOperations,
  openApiPath,
  operationIdFor,
  securitySchemes,
  withRawBody,
} from './openapi.ts';
import { installPublicCache } from './public-cache.ts';
import { type LogDigest, withRequestLog } from './request-log.ts';
import type { RouteAccess } from './route-access.ts';
import { frameworkError, installWellFormedText } from './well-formed-text.ts';

/**
 * Who may call a route is declared next to the route (`config: { access }`, decision 0006); a route
 * without a declaration, or naming a permission the application does not know, refuses to register,
 * so none can be added unprotected by accident.
 */
export type { Credentials, ErrorStatus, RouteAccess };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * error answers only the route's own logic gives (e.g. 409 when a procedure's step forbids it), for
     * the OpenAPI document; those that follow from its access rule, inputs and rate limit are derived
     * (openapi.ts)
     */
    errors?: readonly ErrorStatus[];
  }
}

export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type RouteModule = (app: HttpApp) => void;

export type HttpServerOptions = {
  version: string;
  logger: FastifyServerOptions['logger'];
  /**
   * Whom to believe about the client's address (X-Forwarded-For): false (the socket's peer), true, or
   * the proxies' addresses (fastify's `trustProxy`). `request.ip`, on which rate limits and lockout
   * key, follows it.
   */
  trustProxy?: boolean | string[] | undefined;
  /** default request body limit in bytes; bulk routes raise their own */
  bodyLimit?: number;
  routes: RouteModule[];
  /** hooks and plugins that must be in place before any route (access control) */
  before?: ((app: HttpApp) => void | Promise<void>)[];
  /** the permission names routes may require; a route naming another refuses to register */
  permissions: readonly string[];
  /**
   * a keyed digest for route parameters and query values in request log lines, which name the route's
   * pattern and never the URL as sent (request-log.ts); without it those values are left out
   */
  logDigest?: LogDigest;
  /**
   * how callers present credentials, as the access hook reads them: the OpenAPI document's security
   * schemes and each operation's security are derived from these (openapi.ts); without them the
   * document names no security
   */
  credentials?: Credentials;
  /** the OpenAPI document's tags beyond the platform's own, with what each groups */
  tags?: readonly { name: string; description: string }[];
};

/** Routes served by the documentation plugin are public by nature. */
const DOCS_PREFIX = '/api/docs';
/** The API reference page's CSP: everything from this origin; inline script and styles (Scalar bootstraps inline). */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const declaredAccess = new Map<string, RouteAccess>();

export async function createHttpServer(options: HttpServerOptions): Promise<HttpApp> {
  const app = Fastify({
    logger: withRequestLog(options.logger, options.logDigest),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // IDs and codes are case-sensitive; trailing slashes are tolerated for hand-typed URLs.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    genReqId: () => crypto.randomUUID(),
    trustProxy: options.trustProxy ?? false,
    // a path that is not valid percent-encoded UTF-8, before routing: the platform's error body
    frameworkErrors: frameworkError as never,
  }).withTypeProvider<ZodTypeProvider>() as unknown as HttpApp;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // Text that is not well-formed Unicode is refused before any other hook or route sees it.
  installWellFormedText(app);
  // ETag, 304 and Cache-Control for the routes that declare `config.publicCache` (the public API).
  installPublicCache(app);

  // What the OpenAPI document says of each operation beyond its schema (openapi.ts, decision 0037).
  const operations = openApiOperations();
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(DOCS_PREFIX) || route.method === 'HEAD') {
      route.config = {
        ...route.config,
        access: route.config?.access ?? { kind: 'public', reason: 'API documentation' },
      };
    }
    const access = route.config?.access;
    if (!access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
    if (access.kind === 'permission' && !options.permissions.includes(access.permission)) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} requires an unknown permission "${access.permission}"`,
      );
    }
    for (const method of [route.method].flat()) declaredAccess.set(`${method} ${route.url}`, access);
    if (route.schema?.hide || route.url.startsWith(DOCS_PREFIX)) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      operations.add({
        method: method.toLowerCase(),
        path: openApiPath(route.url),
        operationId: route.schema?.operationId ?? operationIdFor(method, route.url),
        access,
        rateLimited: Boolean(route.config?.rateLimit),
        errors: route.config?.errors ?? [],
      });
    }
  });

  await app.register(fastifyCookie);
  // Security headers (HSTS, nosniff, frame denial, referrer policy…). The CSP is left to the pages
  // themselves: the API reference page needs inline scripts; JSON responses need none.
  await app.register(fastifyHelmet, { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  // Only routes that declare `config.rateLimit` are limited (public search, login): a department
  // system's batch checks must not be throttled by a per-address limit meant for the public.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        429,
        `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
        `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`,
        { limit: context.max, retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      ),
  });
  for (const install of options.before ?? []) await install(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'xinyong 公共信用信息平台 API',
        description:
          '公共信用信息平台接口。错误统一为 `{ error: { code, message, message_en, details } }`，`code` 稳定不变。\n\n' +
          'Public credit information platform API. Errors are `{ error: { code, message, message_en, details } }` with stable codes.',
        version: options.version,
        license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      },
      // relative: the API is where this document is served from
      servers: [{ url: '/', description: '本平台 / this platform (where this document is served)' }],
      ...(options.credentials
        ? { components: { securitySchemes: securitySchemes(options.credentials) as never } }
        : {}),
      tags: [{ name: 'platform', description: '平台状态 / platform status' }, ...(options.tags ?? [])],
    },
    transform: (document) => withRawBody(jsonSchemaTransform(document)),
    transformObject: (document) =>
      completeDocument(
        (document as { openapiObject: Parameters<typeof completeDocument>[0] }).openapiObject,
        operations,
        options.credentials,
      ) as never,
  });
  // The API reference page (Scalar) loads nothing from elsewhere: no web fonts from fonts.scalar.com
  // (a privacy leak, and offline installations have no network), and a CSP of its own says so — its
  // script and styles from this origin (the page is inline-bootstrapped), the document from here.
  await app.register(scalarApiReference, {
    routePrefix: DOCS_PREFIX,
    configuration: { url: '/api/openapi.json', title: 'xinyong API', withDefaultFonts: false } as never,
    hooks: {
      onRequest: async (_request, reply) => {
        reply.header('Content-Security-Policy', DOCS_CSP);
      },
    },
  });

  app.get(
    '/api/openapi.json',
    { schema: { hide: true }, config: { access: { kind: 'public', reason: 'API documentation' } } },
    async () => app.swagger(),
  );

  for (const register of options.routes) register(app);
  return app;
}
