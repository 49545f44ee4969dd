/** The identity codes API: checking one code or a batch, and the registry of check-character exceptions. */
import { z } from 'zod';

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
export type CodeCheckResponse = z.infer<typeof CodeCheckResponse>;

export const CodeParams = z.object({ code: z.string().min(1).max(64) });

const MAX_BATCH = 1000;

export const CheckCodesBody = z.object({ codes: z.array(z.string().max(64)).min(1).max(MAX_BATCH) }).strict();
export const CheckCodesResponse = z.object({
  results: z.array(CodeCheckResponse),
  valid: z.number().int(),
  invalid: z.number().int(),
});

export const ExceptionView = z.object({
  code: z.string(),
  kind: z.string(),
  reason: z.string(),
  registeredBy: z.string(),
  createdAt: z.string(),
});
export const ExceptionsResponse = z.object({ exceptions: z.array(ExceptionView) });

export const RegisterExceptionBody = z
  .object({ code: z.string().min(1).max(64), reason: z.string().min(1).max(500) })
  .strict();
export const RegisterExceptionResponse = z.object({ code: z.string(), kind: z.string(), reason: z.string() });
