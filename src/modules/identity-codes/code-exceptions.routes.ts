import type { Sealer } from '../../platform/crypto/sealing.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { actorId } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { CodesService } from './codes.service.ts';
import {
  ExceptionsResponse,
  RegisterExceptionBody,
  RegisterExceptionResponse,
} from './identity-codes.api.ts';

const manage = { kind: 'permission', permission: 'codes.exceptions.manage', systems: false } as const;

/** Registry of real codes that fail only their check character (credit center and administrators). */
export type CodeExceptionsRoutesDeps = {
  codes: Pick<CodesService, 'listExceptions' | 'registerException'>;
  audit: Pick<AuditTrail, 'record'>;
  sealer: Pick<Sealer, 'blindIndex'>;
  now: () => string;
};

export function codeExceptionsRoutes(ctx: CodeExceptionsRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/admin/code-exceptions',
      {
        schema: {
          tags: ['codes'],
          summary: '校验位例外 / registered code exceptions',
          response: { 200: ExceptionsResponse },
        },
        config: { access: manage },
      },
      async () => ({ exceptions: await ctx.codes.listExceptions() }),
    );

    app.post(
      '/api/v1/admin/code-exceptions',
      {
        schema: {
          tags: ['codes'],
          summary: '登记校验位例外 / register a real code that fails only its check character',
          body: RegisterExceptionBody,
          response: { 201: RegisterExceptionResponse },
        },
        config: { access: manage, errors: [409] },
      },
      async (request, reply) => {
        const added = await ctx.codes.registerException({
          code: request.body.code,
          reason: request.body.reason,
          registeredBy: actorId(request.actor) ?? 'unknown',
          now: ctx.now(),
        });
        await ctx.audit.record({
          actor: request.actor,
          action: 'code_exception.register',
          targetType: 'code_exception',
          targetId: ctx.sealer.blindIndex(added.code),
          result: 'ok',
          detail: { kind: added.kind, reason: added.reason },
          requestId: request.id,
        });
        return reply.status(201).send(added);
      },
    );
  };
}
