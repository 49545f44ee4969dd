/** What filing an objection, and adding evidence to an objection or a repair, takes (issue 17). */
import { z } from 'zod';
import { EVIDENCE_TYPE_NAMES } from './evidence-files.ts';
import { OBJECTION_GROUNDS } from './objection-procedure.ts';

const Deadline = z.object({ workdays: z.number().int(), basis: z.string() });

export const FilingRulesView = z.object({
  objection: z.object({
    grounds: z
      .array(
        z.object({
          code: z.enum(OBJECTION_GROUNDS).describe('提出异议时的 ground'),
          label: z.string(),
          labelEn: z.string(),
          article: z.string(),
          hint: z.string().describe('何时选择此理由 / when this ground applies'),
          hintEn: z.string(),
        }),
      )
      .describe('异议理由（A15、B14、B27、A4、B28）/ the grounds an objection may rest on'),
    review: Deadline.describe('信用中心审核期限（工作日，A16、B29）/ the center’s review'),
    providerVerification: Deadline.describe('提供单位核实期限（工作日）/ the provider’s verification'),
    correction: Deadline.describe('确有错误时的更正期限（工作日）/ the correction of a confirmed error'),
  }),
  evidence: z
    .object({
      types: z.array(
        z.object({
          type: z.enum(EVIDENCE_TYPE_NAMES),
          label: z.string(),
          mediaType: z.string(),
          extensions: z.array(z.string()),
        }),
      ),
      maxBytes: z.number().int().describe('每个文件的最大字节数 / the largest file taken, in bytes'),
      maxFiles: z
        .number()
        .int()
        .describe(
          '每项异议或信用修复申请最多的文件数（含被替换的）/ files per procedure, superseded ones included',
        ),
      nameMaxLength: z.number().int().describe('文件名最长字符数 / the longest file name kept'),
      summary: z.string().describe('向申请人说明的限制 / the limits in words'),
      summaryEn: z.string(),
    })
    .describe('证据材料和证明材料文件（A15、B28、A19、B32；类型按文件内容判断）/ evidence files'),
});
