import type { HttpApp } from '../../platform/http/server.ts';
import type { CodesService } from './codes.service.ts';
import { CheckCodesBody, CheckCodesResponse, CodeCheckResponse, CodeParams } from './identity-codes.api.ts';
import type { CodeCheck } from './index.ts';

/**
 * Form validation for integrators: an invalid code is an answer (200, valid: false, with what is wrong),
 * not a failed request. Only a request that names no code at all, or an absurdly long one, is a 400.
 */
export type CodesRoutesDeps = { codes: Pick<CodesService, 'check' | 'checkMany'>; today: () => string };

export function codesRoutes(ctx: CodesRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/codes/:code',
      {
        schema: {
          tags: ['codes'],
          summary: '校验身份代码 / check an identity code',
          description:
            '识别并校验公民身份号码（GB 11643，含 15 位旧号升位）、统一社会信用代码（GB 32100，含内嵌组织机构代码）、组织机构代码（GB 11714）。\n' +
            'Detects and validates citizen ID numbers, unified social credit codes and organization codes; on failure says which character is wrong.',
          params: CodeParams,
          response: { 200: CodeCheckResponse },
        },
        config: { access: { kind: 'public', reason: 'pure computation on the caller’s own input' } },
      },
      async (request) =>
        toResponse(request.params.code, await ctx.codes.check(request.params.code, ctx.today())),
    );

    app.post(
      '/api/v1/codes/check',
      {
        schema: {
          tags: ['codes'],
          summary: '批量校验身份代码 / check up to 1,000 codes at once',
          description:
            '用于表格导入前的预校验：每个代码单独给出结果，顺序与请求一致。\nPre-validation of a spreadsheet column: one result per code, in request order.',
          body: CheckCodesBody,
          response: { 200: CheckCodesResponse },
        },
        config: { access: { kind: 'public', reason: 'pure computation on the caller’s own input' } },
      },
      async (request) => {
        const checks = await ctx.codes.checkMany(request.body.codes, ctx.today());
        const results = request.body.codes.map((code, i) => toResponse(code, checks[i]!));
        const valid = results.filter((r) => r.valid).length;
        return { results, valid, invalid: results.length - valid };
      },
    );
  };
}

function toResponse(code: string, result: CodeCheck): CodeCheckResponse {
  return {
    code,
    normalized: result.normalized,
    valid: result.valid,
    kind: result.kind,
    region: result.region,
    birthDate: result.birthDate,
    gender: result.gender,
    upgraded: result.upgraded,
    organizationCode: result.organizationCode,
    error: result.error && {
      code: result.error.code,
      message: result.error.message,
      message_en: result.error.messageEn,
      position: result.error.position,
      expected: result.error.expected,
      actual: result.error.actual,
    },
    warnings: result.warnings.map((w) => ({ code: w.code, message: w.message, message_en: w.messageEn })),
  };
}
