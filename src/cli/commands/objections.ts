import { createAppContext } from '../../app/context.ts';
import { loadConfig } from '../../platform/config.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const USAGE = '用法 / usage: xinyong objections overdue [--department CODE]';

const PARTY: Record<string, string> = { center: '信用中心', provider: '提供单位', credit_office: '信用办' };
const STEP: Record<string, string> = {
  review: '审核',
  verification: '核实',
  correction: '更正',
  appeal: '申诉',
};

/**
 * `xinyong objections overdue`: open objections whose current step is past its working-day deadline
 * (A16, B29), oldest first — who must act, since when, by how many working days. Exit 0 either way.
 */
export async function objectionsCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, { department: { type: 'string' } });
  const [sub, ...extra] = positionals;
  if (sub !== 'overdue' || extra.length > 0) throw new UsageError(USAGE);
  const ctx = await createAppContext(loadConfig());
  try {
    const steps = await ctx.objections.overdue({ department: values.department });
    if (steps.length === 0) {
      console.log('没有超期的异议处理步骤 / no objection step is overdue');
      return 0;
    }
    console.log(`超期的异议处理步骤 / overdue objection steps (${steps.length}):`);
    for (const s of steps) {
      console.log(
        `  ${s.objectionId}  ${STEP[s.step] ?? s.step}（${PARTY[s.party] ?? s.party}${s.party === 'provider' ? ` ${s.providerDepartment}` : ''}）` +
          `  ${s.due} 到期，超期 ${s.workdaysOverdue} 个工作日${s.provisional ? '（暂定日历）' : ''}` +
          ` / ${s.step} by ${s.party}, due ${s.due}, ${s.workdaysOverdue} working days late`,
      );
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
