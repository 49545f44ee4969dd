/** The procedure statistics API (A21, B35): the period asked for and the figures returned. */
import { z } from 'zod';

export const ProcedureStatsQuery = z
  .object({
    quarter: z.string().max(7).optional().describe('季度，如 2026Q4（或 2026-Q4）；与 from/to 二者择一'),
    from: z.string().max(10).optional().describe('起始日期（中国日期，YYYY-MM-DD）'),
    to: z.string().max(10).optional().describe('截止日期（含当日）'),
  })
  .strict();

const StepCounts = z.object({
  closed: z.number().int().describe('本期办结的步骤'),
  closedOnTime: z.number().int().describe('按期办结'),
  closedLate: z.number().int().describe('超期办结'),
  closedNoDeadline: z.number().int().describe('规定未设办理期限的步骤（申诉决定，A17），不计入按期率'),
  shareOnTime: z
    .number()
    .nullable()
    .describe('按期率：按期办结 ÷（按期办结 + 超期办结），保留 4 位小数；无设有期限的办结步骤时为 null'),
  openOverdue: z.number().int().describe('统计日（asOf）尚未办结且已超期的步骤'),
});

const Figures = z.object({
  objections: z
    .object({
      filed: z.number().int().describe('本期提出的异议'),
      undecided: z.number().int().describe('统计日尚未作出审核决定'),
      upheld: z.number().int().describe('异议成立（A16）'),
      rejected: z.number().int().describe('异议不成立（含已申诉的）'),
      appealed: z.number().int().describe('不成立后申诉（A17、B30）'),
      appealUpheld: z.number().int(),
      appealRejected: z.number().int(),
      appealOpen: z.number().int().describe('统计日申诉尚在处理'),
      corrected: z.number().int().describe('提供单位已更正'),
    })
    .describe('本期提出的异议，按统计日的结果'),
  repairs: z
    .object({
      applied: z.number().int().describe('本期申请的信用修复'),
      repaired: z.number().int().describe('已修复（A19、B32）'),
      lapsed: z.number().int().describe('记录已撤销，申请终止（A20）'),
      refused: z.object({
        total: z.number().int(),
        byProvider: z.number().int().describe('提供单位意见不同意'),
        byNoticeObjection: z.number().int().describe('公示期间异议经核实成立'),
        byCenter: z.number().int().describe('信用中心不予采纳'),
      }),
      open: z.number().int().describe('统计日尚在办理'),
    })
    .describe('本期申请的信用修复，按统计日的结果'),
  steps: z
    .object({ provider: StepCounts, center: StepCounts, creditOffice: StepCounts })
    .describe('异议和信用修复的办理步骤，按应办理的一方：提供单位（本部门）、信用中心、信用办'),
});

export const ProcedureStatsResponse = z.object({
  quarter: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  asOf: z.string().describe('统计日：期间最后一日，期间未结束时为今日；各程序按当日已办结的步骤回放'),
  departments: z.array(Figures.extend({ department: z.string(), departmentName: z.string() })),
  city: Figures.describe('全市合计'),
});
