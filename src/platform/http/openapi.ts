/**
 * The OpenAPI document, completed in one place (issue 17, decision 0037). fastify-swagger builds it
 * from the routes' zod schemas; what a schema cannot say is derived here from what each route
 * declares anyway — its access rule (`config.access`, decision 0006), its rate limit, its inputs:
 * - how a caller may present itself (security schemes, from the names the access hook reads) and,
 *   per operation, which of those ways the route accepts;
 * - an `operationId` from the method and URL (a route may give its own), unique across the API;
 * - the error answers it can give, each with the platform's one error body; a route's own declared
 *   responses win, and a route names what only its own logic answers (`config.errors`, e.g. 409).
 * Nothing here is hand-kept per route, so a new route is documented like the others.
 */
import type { RouteAccess } from './route-access.ts';

/** How callers present credentials, as the access hook reads them (names from the access module). */
export type Credentials = {
  /** the session cookie's name */
  sessionCookie: string;
  /** the header a cookie session must send with every unsafe method (the CSRF token) */
  csrfHeader: string;
  /** the header an API key may be sent in, besides `Authorization: Bearer` */
  apiKeyHeader: string;
  /** the permissions an API key may carry: a route requiring another one is for sessions only */
  apiKeyPermissions: readonly string[];
};

/** Error answers a route can name beyond those derived from its declaration (`config.errors`). */
export const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422, 429] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

/** What the document needs to know about one operation that its schema does not say. */
export type OperationFacts = {
  /** lower case, as OpenAPI spells it */
  method: string;
  /** the OpenAPI path (`/api/v1/subjects/{code}`) */
  path: string;
  operationId: string;
  access: RouteAccess;
  rateLimited: boolean;
  /** what only the route's own logic answers, e.g. 409 when a procedure's state forbids the step */
  errors: readonly ErrorStatus[];
};

/** Methods that change state: a cookie session must send the CSRF token with them. */
const UNSAFE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** `/api/v1/subjects/:code` → `/api/v1/subjects/{code}` (fastify's parameters, OpenAPI's spelling). */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}');
}

/**
 * A readable, stable id from the method and URL: the `/api` and version prefix dropped, each segment
 * in camel case, a path parameter as `By` + its name — `GET /api/v1/me/records` → `getMeRecords`,
 * `GET /api/v1/subjects/:code/records` → `getSubjectsByCodeRecords`.
 */
export function operationIdFor(method: string, url: string): string {
  const segments = url.split('/').filter((s) => s !== '');
  let start = 0;
  if (segments[start] === 'api') start++;
  if (/^v\d+$/.test(segments[start] ?? '')) start++;
  const words = segments.slice(start).flatMap((segment) => {
    if (segment === '*') return ['any'];
    const param = /^:([A-Za-z0-9_]+)/.exec(segment);
    return param ? ['by', ...wordsOf(param[1]!)] : wordsOf(segment);
  });
  return method.toLowerCase() + (words.length === 0 ? ['root'] : words).map(capitalized).join('');
}

function wordsOf(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The operations of one server, as its routes register: an operationId given twice refuses the second
 * route (like a route without an access rule), naming both, so ids stay unique without a list to keep.
 */
export function openApiOperations() {
  const byKey = new Map<string, OperationFacts>();
  const keyOfId = new Map<string, string>();
  return {
    add(facts: OperationFacts): void {
      const key = `${facts.method.toUpperCase()} ${facts.path}`;
      const taken = keyOfId.get(facts.operationId);
      if (taken !== undefined && taken !== key) {
        throw new Error(
          `Route ${key} has the operationId "${facts.operationId}" of ${taken}; give one of them its own (schema.operationId)`,
        );
      }
      keyOfId.set(facts.operationId, key);
      byKey.set(key, facts);
    },
    get(method: string, path: string): OperationFacts | undefined {
      return byKey.get(`${method.toUpperCase()} ${path}`);
    },
  };
}
export type OpenApiOperations = ReturnType<typeof openApiOperations>;

/** Whether API keys may call the route: a permission a key may carry, and systems not refused. */
function apiKeysAccepted(access: RouteAccess, credentials: Credentials): boolean {
  return (
    access.kind === 'permission' &&
    access.systems !== false &&
    credentials.apiKeyPermissions.includes(access.permission)
  );
}

type SecurityRequirement = Record<string, string[]>;

/**
 * The ways in a route accepts, as OpenAPI alternatives: none for a public route; an API key (as a
 * bearer token or in its header) where a system may call it; a cookie session everywhere else, with
 * the CSRF header on unsafe methods (the access hook refuses them without it).
 */
export function securityFor(facts: OperationFacts, credentials: Credentials): SecurityRequirement[] {
  if (facts.access.kind === 'public') return [];
  const session: SecurityRequirement = UNSAFE_METHODS.has(facts.method)
    ? { session: [], csrf: [] }
    : { session: [] };
  return apiKeysAccepted(facts.access, credentials)
    ? [{ apiKey: [] }, { apiKeyHeader: [] }, session]
    : [session];
}

/** What the generated operation already shows about its inputs. */
type OperationShape = { pathParameters: boolean; body: boolean };

/**
 * The error answers an operation can give, from what it declares:
 * 400 on every one (its inputs are validated, and on every request the URL is checked for well-formed
 * text and the X-Purpose header is decoded and bounded, public routes included), 401 and 403 where it
 * is not public, 403 also on a public unsafe method (a cookie session sent along must carry the CSRF
 * token), 404 where the path names something, 413 and 415 where it takes a body, 429 where it is
 * rate-limited, and what the route names itself (`config.errors`).
 */
export function errorStatusesFor(facts: OperationFacts, shape: OperationShape): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>([...facts.errors, 400]);
  const isPublic = facts.access.kind === 'public';
  if (!isPublic) statuses.add(401);
  if (!isPublic || UNSAFE_METHODS.has(facts.method)) statuses.add(403);
  if (shape.pathParameters) statuses.add(404);
  if (shape.body) {
    statuses.add(413);
    statuses.add(415);
  }
  if (facts.rateLimited) statuses.add(429);
  return ERROR_STATUSES.filter((s) => statuses.has(s));
}

const ERROR_SCHEMA = {
  type: 'object',
  description:
    '平台统一的错误体：code 稳定不变，可据此分支；message 为中文，message_en 为英文，都说明如何修正。\n' +
    'The platform’s one error body: `code` is stable (branch on it); `message` (Chinese) and `message_en` say what to fix.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          description: 'stable UPPER_SNAKE code, e.g. REQUEST_INVALID',
          example: 'REQUEST_INVALID',
        },
        message: { type: 'string', description: '中文说明 / the message in Chinese' },
        message_en: { type: 'string', description: 'the message in English' },
        details: {
          type: 'object',
          additionalProperties: true,
          description: '哪一行、哪个字段、期望值与实际值等 / which row or field, expected and actual values…',
        },
      },
    },
  },
};

/** One shared response per error status, named as `components.responses` keys. */
const ERROR_RESPONSES: Record<ErrorStatus, { name: string; description: string; headers?: object }> = {
  400: {
    name: 'BadRequest',
    description:
      '请求不正确：参数、请求体或请求头（如 X-Purpose）不符合要求，error.code 说明原因（REQUEST_INVALID 时 details.issues 逐项列出）。\n' +
      'The request is invalid: a parameter, the body or a header (such as X-Purpose); `error.code` says why (for REQUEST_INVALID, `details.issues` lists each field).',
  },
  401: {
    name: 'Unauthorized',
    description:
      '未认证：未登录、会话已失效，或 API 密钥无效（AUTH_REQUIRED、API_KEY_INVALID）。\n' +
      'Not authenticated: not signed in, the session has ended, or the API key is invalid (AUTH_REQUIRED, API_KEY_INVALID).',
  },
  403: {
    name: 'Forbidden',
    description:
      '无权执行：当前角色或密钥不具备所需权限（ACCESS_DENIED）、未说明履职用途（PURPOSE_REQUIRED，B33），或以会话 Cookie 调用写操作时缺少或错误的 X-CSRF-Token（CSRF_INVALID）。\n' +
      'Not allowed: the role or key lacks the permission (ACCESS_DENIED), no official purpose was stated (PURPOSE_REQUIRED, B33), or a write with the session cookie lacks the right X-CSRF-Token (CSRF_INVALID).',
  },
  404: {
    name: 'NotFound',
    description:
      '路径所指的对象不存在，或不在调用方可见的范围内。\n' +
      'What the path names does not exist, or is outside what the caller may see.',
  },
  409: {
    name: 'Conflict',
    description:
      '与当前状态冲突：如已存在同名对象，或程序当前所处的步骤不允许此操作；error.code 说明原因。\n' +
      'Conflicts with the current state: e.g. the thing already exists, or the procedure’s current step does not allow this; `error.code` says why.',
  },
  413: {
    name: 'PayloadTooLarge',
    description:
      '请求体超过大小限制，请分批或缩小后提交。\nThe request body exceeds the size limit; send it in smaller parts.',
  },
  415: {
    name: 'UnsupportedMediaType',
    description:
      '不支持请求体的 Content-Type（见本接口的请求体说明）。\nThe body’s Content-Type is not accepted (see the request body of this operation).',
  },
  422: {
    name: 'UnprocessableContent',
    description:
      '请求格式正确，但所提交的内容未被接收；details 逐项列出错误。\nThe request is well formed but what it submits was refused; `details` lists each error.',
  },
  429: {
    name: 'TooManyRequests',
    description:
      '请求过于频繁（RATE_LIMITED），或登录因连续失败暂时锁定（AUTH_LOCKED）；请在 Retry-After 秒后重试。\n' +
      'Too many requests (RATE_LIMITED), or sign-in is locked after repeated failures (AUTH_LOCKED); retry after Retry-After seconds.',
    headers: {
      'Retry-After': {
        description: '多少秒后可以重试 / seconds until a retry may succeed',
        schema: { type: 'integer', minimum: 0 },
      },
    },
  },
};

const PURPOSE_PARAMETER = {
  name: 'X-Purpose',
  in: 'header',
  required: true,
  description:
    '履职用途（B33：非履职需要，不得查询）：至少 4 个字、最多 200 个字；中文以 UTF-8 百分号编码（encodeURIComponent）发送。' +
    '本单位登记了事项的，须为其中之一，可在其后加“：”和具体案件。\n' +
    'The official purpose of the query (B33), 4–200 characters, percent-encoded UTF-8 (encodeURIComponent); where the department registered its purposes (事项), one of them, optionally followed by ":" and the case.',
  schema: { type: 'string', minLength: 4 },
  example: encodeURIComponent('公租房资格审核：2026-118号'),
};

/**
 * The ways in, as the access hook reads them (`components.securitySchemes`); fastify-swagger needs
 * them before the routes are documented, so they are given with the document's base.
 */
export function securitySchemes(credentials: Credentials) {
  const apiKeyUse =
    '部门业务系统的 API 密钥（由平台管理员签发，带有所授权限）。\n' +
    'A department system’s API key (issued by the platform administrator, carrying the permissions granted to it).';
  return {
    apiKey: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'API key',
      description: `${apiKeyUse}\n\`Authorization: Bearer <key>\``,
    },
    apiKeyHeader: {
      type: 'apiKey',
      in: 'header',
      name: credentials.apiKeyHeader,
      description: `${apiKeyUse}\n同一密钥也可放在 ${credentials.apiKeyHeader} 请求头中 / the same key, in the ${credentials.apiKeyHeader} header.`,
    },
    session: {
      type: 'apiKey',
      in: 'cookie',
      name: credentials.sessionCookie,
      description:
        '登录（POST /api/v1/auth/login）后浏览器保存的会话 Cookie（HttpOnly、SameSite=Strict）。\n' +
        'The session cookie set by signing in (POST /api/v1/auth/login); HttpOnly, SameSite=Strict.',
    },
    csrf: {
      type: 'apiKey',
      in: 'header',
      name: credentials.csrfHeader,
      description:
        '以会话 Cookie 调用 POST、PUT、PATCH、DELETE 时必须携带的 CSRF 令牌，取自登录响应或 GET /api/v1/auth/me 的 csrfToken。\n' +
        'The CSRF token every POST, PUT, PATCH and DELETE made with the session cookie must carry: `csrfToken` of the sign-in response or of GET /api/v1/auth/me.',
    },
  };
}

/**
 * A route that reads its body raw (a file, an NDJSON or CSV stream) declares no body schema, which
 * would leave the document without a request body; it names the media types it takes in
 * `schema.consumes` instead, and the body is documented as those bytes.
 */
export function withRawBody<T extends { schema?: unknown; url: string }>(result: T): T {
  const schema = result.schema as { consumes?: readonly string[]; body?: unknown } | undefined;
  if (!schema?.consumes || schema.body !== undefined) return result;
  return { ...result, schema: { ...schema, body: { type: 'string', format: 'binary' } } };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Operation = {
  operationId?: string;
  security?: SecurityRequirement[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};

/**
 * Completes fastify-swagger's document in place: every operation gets its id, its security and its
 * error answers, from the facts its route registered. A documented operation without facts is a
 * route the server did not see register, which cannot be documented honestly: refused.
 */
export function completeDocument<
  Doc extends { paths?: Record<string, Record<string, unknown>>; components?: Record<string, unknown> },
>(doc: Doc, operations: OpenApiOperations, credentials: Credentials | undefined): Doc {
  const answered = new Set<ErrorStatus>();
  let purposeAsked = false;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const facts = operations.get(method, path);
      if (!facts)
        throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} was documented but never registered`);
      operation.operationId = facts.operationId;
      if (credentials && operation.security === undefined)
        operation.security = securityFor(facts, credentials);
      const parameters = operation.parameters ?? [];
      if (facts.access.kind === 'permission' && facts.access.purpose) {
        operation.parameters = [...parameters, { $ref: '#/components/parameters/Purpose' } as never];
        purposeAsked = true;
      }
      const responses = operation.responses ?? {};
      const shape = {
        pathParameters: parameters.some((p) => p.in === 'path'),
        body: operation.requestBody !== undefined,
      };
      for (const status of errorStatusesFor(facts, shape)) {
        // a route's own declared answer wins
        if (responses[status] !== undefined) continue;
        responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
        answered.add(status);
      }
      operation.responses = responses;
    }
  }
  // The shared parts, only those some operation refers to: a component nobody uses is noise.
  const components = (doc.components ?? {}) as { schemas?: object; responses?: object; parameters?: object };
  doc.components = {
    ...components,
    schemas: { ...components.schemas, Error: ERROR_SCHEMA },
    responses: { ...components.responses, ...errorResponses(answered) },
    ...(purposeAsked ? { parameters: { ...components.parameters, Purpose: PURPOSE_PARAMETER } } : {}),
  };
  return doc;
}

/** `components.responses`: one per error status answered, each with the platform's error body. */
function errorResponses(statuses: ReadonlySet<ErrorStatus>) {
  return Object.fromEntries(
    ERROR_STATUSES.filter((status) => statuses.has(status)).map((status) => {
      const { name, description, headers } = ERROR_RESPONSES[status];
      return [
        name,
        {
          description,
          ...(headers ? { headers } : {}),
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      ];
    }),
  );
}
