/**
 * Evidence files over HTTP (decision 0033), for objections and repairs alike: uploads take the file
 * itself as the request body in a scope of their own (the rest of the API parses JSON only), and
 * downloads send it as an attachment a browser will neither sniff, run nor cache.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from './evidence-files.ts';
import { type EvidenceDownload, evidenceTooLarge } from './procedure-evidence.service.ts';

/**
 * Registers upload routes in a scope whose body is the raw file, up to EVIDENCE_MAX_BYTES; `routes`
 * receives the scope and the OpenAPI description of the body (`noun`: the procedure, e.g. 异议).
 */
export function evidenceUploads(
  app: HttpApp,
  noun: { zh: string; en: string },
  routes: (scope: HttpApp, description: string) => void,
) {
  app.register(async (plugin) => {
    const scope = plugin as unknown as HttpApp;
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: EVIDENCE_MAX_BYTES }, (_r, body, done) =>
      done(null, body),
    );
    // over the limit while reading: the evidence's own code, not the generic PAYLOAD_TOO_LARGE
    scope.setErrorHandler((error: { code?: string }) => {
      throw error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? evidenceTooLarge() : error;
    });
    routes(
      scope,
      '请求体即文件本身（不用 multipart；Content-Type 可为任意值，类型按内容判断）：PDF、JPEG、PNG 或 OFD，' +
        `每个不超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB，每项${noun.zh}最多 ${EVIDENCE_MAX_FILES} 个。文件名放在查询参数 name 中。\n\n` +
        'The request body is the file itself (not multipart; any Content-Type — the type is read from the bytes): ' +
        `PDF, JPEG, PNG or OFD, at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB each, ${EVIDENCE_MAX_FILES} per ${noun.en}; its name in the query parameter \`name\`.`,
    );
  });
}

/** Bodies that are a form or a document describing the file rather than the file itself. */
const NOT_A_FILE = /^(multipart\/|application\/x-www-form-urlencoded|application\/json)/i;

/** The uploaded file: the raw body (decision 0033). */
export function fileBody(request: FastifyRequest): Buffer {
  const type = request.headers['content-type'] ?? '';
  if (NOT_A_FILE.test(type)) {
    throw new AppError(
      'EVIDENCE_BODY_NOT_A_FILE',
      415,
      '请以文件本身作为请求体提交证据材料（不用表单或 JSON），文件名放在查询参数 name 中',
      'Send the evidence file itself as the request body (not a form or JSON), its name in the query parameter `name`',
      { contentType: type.split(';')[0] },
    );
  }
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/** A download: the file's bytes with headers that keep a browser from running or showing it inline. */
export function sendEvidence(reply: FastifyReply, found: EvidenceDownload) {
  for (const [name, value] of Object.entries(found.headers)) reply.header(name, value);
  // A Buffer is sent as it is (no serializer runs on it).
  return reply.send(found.bytes);
}
