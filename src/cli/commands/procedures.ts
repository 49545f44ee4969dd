import { createAppContext } from '../../app/context.ts';
import { loadConfig } from '../../platform/config.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const USAGE = '用法 / usage: xinyong procedures tick';

const KIND: Record<string, string> = { due_soon: '到期提醒', overdue: '超期督办' };

/**
 * `xinyong procedures tick`: one tick of the procedures scheduler (decision 0031), for deployments that
 * run it from cron rather than in `serve` (XINYONG_PROCEDURES_TICK_EVERY=0). What it sent, what was
 * already sent, and what no department is registered to receive. Exit 0, or 1 when something could
 * not be addressed.
 */
export async function proceduresCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  const [sub, ...extra] = positionals;
  if (sub !== 'tick' || extra.length > 0) throw new UsageError(USAGE);
  const ctx = await createAppContext(loadConfig());
  try {
    const report = await ctx.scheduler.tick();
    console.log(
      `${report.today}：有期限的未办步骤 ${report.openSteps} 个，本次发出 ${report.fired.length} 项，此前已发 ${report.alreadyFired} 项` +
        ` / ${report.openSteps} open steps with a deadline; ${report.fired.length} sent now, ${report.alreadyFired} sent before`,
    );
    for (const f of report.fired) {
      console.log(
        `  ${KIND[f.kind] ?? f.kind} / ${f.kind}  ${f.procedure} ${f.procedureId} ${f.step}` +
          `  ${f.party} ${f.partyDepartment}  due ${f.due}${f.kind === 'overdue' ? `, ${f.workdays} working days late` : ''}` +
          `  → ${f.recipients.join(', ')}`,
      );
    }
    for (const u of report.unaddressed) {
      console.error(
        `  ⚠ 无接收部门 / no department to receive: ${u.procedure} ${u.procedureId} ${u.step} (${u.party})；` +
          '请登记市信用中心和市信用办 / register the city credit center and credit office (xinyong init)',
      );
    }
    return report.unaddressed.length > 0 ? 1 : 0;
  } finally {
    await ctx.close();
  }
}
