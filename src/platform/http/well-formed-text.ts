/**
 * The HTTP edge refuses text that is not well-formed Unicode (issue 14 §2), before any route, access
 * rule or audit entry sees it: a lone UTF-16 surrogate (`"\ud800"` in JSON) would be hashed as sent
 * and stored as U+FFFD, and the audit chain would no longer verify. Every request passes through:
 * - JSON bodies are decoded as strict UTF-8 (invalid bytes are refused, not silently replaced), then
 *   parsed by fastify's own parser (prototype-poisoning checks kept);
 * - the query string is refused when a component is not valid percent-encoded UTF-8 (fastify's parser
 *   would keep such a component raw, e.g. `%ED%A0%80` as those nine characters);
 * - body, query and path parameters as parsed are searched for a string that is not well-formed;
 * - a path that is not valid percent-encoded UTF-8 is answered here too (`frameworkErrors`).
 * Headers need nothing: Node reads them as Latin-1, one character per byte, always well-formed (the
 * X-Purpose header is percent-decoded strictly by the access hook). Raw bodies (spreadsheet uploads,
 * NDJSON and CSV streams) are read by their routes; see those modules for what they make of bytes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { nextTurn } from '../concurrency/loop-turns.ts';
import { AppError } from '../errors.ts';
import { findMalformedText } from '../well-formed.ts';
import type { HttpApp } from './server.ts';

export type TextPart = 'body' | 'querystring' | 'params';

/** TEXT_NOT_WELL_FORMED: which part of the request and which field. */
export function textNotWellFormed(part: TextPart, field: string): AppError {
  const where = field === '' ? part : `${part} ${field}`;
  return new AppError(
    'TEXT_NOT_WELL_FORMED',
    400,
    `请求中的文本不是合法的 Unicode 文本（孤立的代理码元或无效的 UTF-8 字节）：${where}；请以 UTF-8 编码发送文字`,
    `Text in the request is not well-formed Unicode (a lone surrogate or invalid UTF-8 bytes): ${where}; send text encoded as UTF-8`,
    { in: part, field },
  );
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A JSON body this large (a 10,000-subject check is about half a megabyte) is decoded and parsed in a
 * turn of the event loop of its own (issue 14 §6, decision 0026): decoding, parsing and validating
 * one takes tens of milliseconds, and eight arriving together were all handled in one turn, holding
 * every other request for a third of a second.
 */
export const LARGE_JSON_BODY = 64 * 1024;

export function installWellFormedText(app: HttpApp): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const parse = () => {
      let text: string;
      try {
        text = strictUtf8.decode(body as Buffer);
      } catch {
        done(textNotWellFormed('body', ''), undefined);
        return;
      }
      parseJson(request, text, done);
    };
    if ((body as Buffer).length >= LARGE_JSON_BODY) void nextTurn().then(parse);
    else parse();
  });

  // First of the onRequest hooks (installed before access control), so a refused query reaches no one.
  app.addHook('onRequest', async (request) => {
    const q = request.url.indexOf('?');
    if (q < 0) return;
    const field = malformedQueryComponent(request.url.slice(q + 1));
    if (field !== undefined) throw textNotWellFormed('querystring', field);
  });

  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const field = findMalformedText(value);
      if (field !== undefined) throw textNotWellFormed(part, field);
    }
  });
}

/**
 * The name of the first query parameter whose name or value is not valid percent-encoded UTF-8 (as
 * `decodeURIComponent` decodes it, `+` for a space), or undefined. Only components with a `%` are
 * decoded: the rest are plain characters of the URL.
 */
export function malformedQueryComponent(query: string): string | undefined {
  if (!query.includes('%')) return undefined;
  for (const pair of query.split('&')) {
    if (!pair.includes('%')) continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const name = decodeOrUndefined(rawName);
    if (name === undefined) return rawName;
    if (eq >= 0 && decodeOrUndefined(pair.slice(eq + 1)) === undefined) return name;
  }
  return undefined;
}

function decodeOrUndefined(component: string): string | undefined {
  if (!component.includes('%')) return component;
  try {
    return decodeURIComponent(component.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

/**
 * Fastify's own refusals before routing (`frameworkErrors`): a path that is not valid percent-encoded
 * UTF-8 is TEXT_NOT_WELL_FORMED; anything else keeps fastify's status with the platform's error body.
 */
export function frameworkError(
  error: Error & { code?: string; statusCode?: number },
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  // The path is not repeated in the answer: it may carry a code or a name.
  const refusal =
    error.code === 'FST_ERR_BAD_URL'
      ? textNotWellFormed('params', '')
      : new AppError(
          'REQUEST_REJECTED',
          error.statusCode ?? 400,
          `请求被拒绝（${error.code ?? '未知原因'}）`,
          `Request rejected (${error.code ?? 'unknown reason'})`,
        );
  void reply.status(refusal.status).send({ error: refusal.toJSON() });
}
