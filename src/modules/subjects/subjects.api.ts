/** The subjects API: a subject as itself, as staff and systems see it, and an organization's public view. */
import { z } from 'zod';

export const SubjectView = z.object({
  id: z.string(),
  kind: z.enum(['person', 'organization']),
  code: z.string(),
  codeKind: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
});

/** The subject as itself (B20): its whole record, and its code as shown on a screen others may see. */
export const OwnSubjectView = SubjectView.extend({
  codeMasked: z
    .string()
    .describe(
      '页面显示用：个人的身份证号按 A7 遮蔽（本人可选择显示完整号码），单位的统一社会信用代码照常 / for display: a person’s ID number masked as A7 masks it, an organization’s code as it is',
    ),
});

export const PublicOrganizationView = z.object({
  kind: z.literal('organization'),
  code: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
  legalForm: z.string().optional(),
  legalRepresentative: z.string().optional().describe('masked per policy disclosure.masking.personName (A7)'),
});

export const CodeParam = z.object({ code: z.string().min(1).max(64) });
