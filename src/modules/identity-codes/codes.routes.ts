import { z } from 'zod';
import type { HttpApp } from '../../platform/http/server.ts';
import type { CodesService } from './codes.service.ts';
import type { CodeCheck } from './index.ts';

const CodeErrorBody = z.object({
  code: z.string().describe('稳定错误码 / stable error code, e.g. CODE_CHECKSUM'),
  message: z.string(),
  message_en: z.string(),
  position: z.number().int().optional().describe('1-based position of the offending character'),
  expected: z.string().optional(),
  actual: z.string().optional(),
});

export const CodeCheckResponse = z.object({
  code: z.string().describe('the code as given'),
  normalized: z.string().describe('spaces removed, full-width to half-width, upper case'),
  valid: z.boolean(),
  kind: z.enum(['citizen_id', 'citizen_id_15', 'uscc', 'organization_code']).optional(),
  region: z
    .object({ code: z.string(), name: z.string(), fullName: z.string(), abolished: z.boolean().optional() })
    .optional(),
  birthDate: z.string().optional(),
  gender: z.enum(['male', 'female']).optional(),
  upgraded: z.string().optional().describe('18-character form of a 15-digit citizen ID'),
  organizationCode: z.string().optional().describe('GB 11714 code embedded in a USCC'),
  error: CodeErrorBody.optional(),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), message_en: z.string() })),
});

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
          params: z.object({ code: z.string().min(1).max(64) }),
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
          body: z.object({ codes: z.array(z.string().max(64)).min(1).max(MAX_BATCH) }).strict(),
          response: {
            200: z.object({
              results: z.array(CodeCheckResponse),
              valid: z.number().int(),
              invalid: z.number().int(),
            }),
          },
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

const MAX_BATCH = 1000;

function toResponse(code: string, result: CodeCheck): z.infer<typeof CodeCheckResponse> {
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
