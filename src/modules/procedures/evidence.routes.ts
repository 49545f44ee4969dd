/**
 * Evidence files over HTTP (decision 0033), for objections and repairs alike: uploads take the file
 * itself as the request body in a scope of their own (the rest of the API parses JSON only), and
 * downloads send it as an attachment a browser will neither sniff, run nor cache.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import type { Actor } from '../access/actor.ts';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, EVIDENCE_TYPES } from './evidence-files.ts';
import {
  type AddEvidenceInput,
  type EvidenceDownload,
  type EvidenceView as EvidenceViewType,
  evidenceTooLarge,
} from './procedure-evidence.service.ts';
import { EvidenceParams, EvidenceQuery, EvidenceView } from './procedures.api.ts';

/** A procedure's evidence routes: where they are, who may call them, and the service behind them. */
export type EvidenceRoutesSpec = {
  /** the subject's path and the staff's, e.g. `/api/v1/me/objections`, `/api/v1/objections` */
  ownPath: string;
  staffPath: string;
  noun: { zh: string; en: string };
  /** the OpenAPI summaries: the subject's upload, the window's, the subject's download, the staff's */
  summaries: { addOwn: string; addWindow: string; readOwn: string; readStaff: string };
  /** the permissions: the subject's own, the center's at a window, the staff's reads (purpose stated) */
  permissions: { own: string; window: string; read: string };
  add(
    actor: Actor,
    id: string,
    input: AddEvidenceInput,
    options: { purpose?: string | undefined; requestId?: string | undefined },
  ): Promise<EvidenceViewType>;
  read(actor: Actor, id: string, evidenceId: string): Promise<EvidenceDownload>;
  /** registers a staff read with its purpose (B33) */
  registerRead(
    request: { actor: Actor; purpose?: string | undefined; id: string },
    fileId: string,
  ): Promise<unknown>;
};

const OwnerParam = z.object({ id: z.uuid() });

/** What an evidence upload's body may be labelled: the kinds taken, or plain bytes. */
const EVIDENCE_MEDIA_TYPES = [
  ...Object.values(EVIDENCE_TYPES).map((t) => t.mediaType),
  'application/octet-stream',
];

/**
 * The four evidence routes of a procedure (decision 0033): the subject's upload and download under
 * its own path, the center's upload at a window (purpose stated, no system keys) and the staff's
 * download (purpose stated, read registered).
 */
export function evidenceRoutes(app: HttpApp, spec: EvidenceRoutesSpec) {
  const { permissions, summaries } = spec;
  evidenceUploads(app, spec.noun, (scope, description) => {
    const upload = (path: string, summary: string, access: Record<string, unknown>, window: boolean) =>
      scope.post(
        `${path}/:id/evidence`,
        {
          bodyLimit: EVIDENCE_MAX_BYTES,
          schema: {
            tags: ['procedures'],
            summary,
            description,
            params: OwnerParam,
            querystring: EvidenceQuery,
            // the raw file, documented as such (openapi.ts); the type is still read from the bytes
            consumes: EVIDENCE_MEDIA_TYPES,
            response: { 201: EvidenceView },
          },
          // EVIDENCE_TOO_MANY, EVIDENCE_ALREADY_SUPERSEDED
          config: { access: access as never, errors: [409] },
        },
        async (request, reply) => {
          const added = await spec.add(
            request.actor,
            request.params.id,
            { bytes: fileBody(request), ...request.query },
            { ...(window ? { purpose: request.purpose } : {}), requestId: request.id },
          );
          return reply.code(201).send(added);
        },
      );
    upload(spec.ownPath, summaries.addOwn, { kind: 'permission', permission: permissions.own }, false);
    upload(
      spec.staffPath,
      summaries.addWindow,
      { kind: 'permission', permission: permissions.window, purpose: true, systems: false },
      true,
    );
  });

  app.get(
    `${spec.ownPath}/:id/evidence/:evidenceId`,
    {
      schema: { tags: ['procedures'], summary: summaries.readOwn, params: EvidenceParams },
      config: { access: { kind: 'permission', permission: permissions.own } },
    },
    async (request, reply) =>
      sendEvidence(reply, await spec.read(request.actor, request.params.id, request.params.evidenceId)),
  );

  app.get(
    `${spec.staffPath}/:id/evidence/:evidenceId`,
    {
      schema: { tags: ['procedures'], summary: summaries.readStaff, params: EvidenceParams },
      config: { access: { kind: 'permission', permission: permissions.read, purpose: true } },
    },
    async (request, reply) => {
      const found = await spec.read(request.actor, request.params.id, request.params.evidenceId);
      await spec.registerRead(request, found.file.id);
      return sendEvidence(reply, found);
    },
  );
}

/**
 * Registers upload routes in a scope whose body is the raw file, up to EVIDENCE_MAX_BYTES; `routes`
 * receives the scope and the OpenAPI description of the body (`noun`: the procedure, e.g. 异议).
 */
function evidenceUploads(
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
function fileBody(request: FastifyRequest): Buffer {
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
function sendEvidence(reply: FastifyReply, found: EvidenceDownload) {
  for (const [name, value] of Object.entries(found.headers)) reply.header(name, value);
  // A Buffer is sent as it is (no serializer runs on it).
  return reply.send(found.bytes);
}
