import { createAppContext } from '../../app/context.ts';
import type {
  ProcedureFigures,
  ProcedureStats,
  StepCounts,
} from '../../modules/procedures/procedure-stats.ts';
import { loadConfig } from '../../platform/config.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const USAGE =
  '用法 / usage: xinyong procedures stats (--quarter 2026Q4|--from YYYY-MM-DD --to YYYY-MM-DD) [--json] | xinyong procedures tick';

const KIND: Record<string, string> = { due_soon: '到期提醒', overdue: '超期督办' };

/** Steps closed on time of those with a deadline, the share, and those open past their deadline. */
function stepsCell(s: StepCounts): string {
  const withDeadline = s.closedOnTime + s.closedLate;
  const share = s.shareOnTime === null ? '—' : `${(s.shareOnTime * 100).toFixed(1)}%`;
  return `${s.closedOnTime}/${withDeadline} ${share} 超期${s.openOverdue}`;
}

const COLUMNS = [
  ['部门', 'department'],
  ['异议', 'objections'],
  ['成立', 'upheld'],
  ['不成立', 'rejected'],
  ['申诉 成立/不成立/未决', 'appeals up/rej/open'],
  ['修复', 'repairs'],
  ['已修复', 'repaired'],
  ['不予修复', 'refused'],
  ['办理中', 'open'],
  ['提供单位按期', 'provider on time'],
  ['信用中心按期', 'center on time'],
  ['信用办按期', 'office on time'],
] as const;

function cells(code: string, f: ProcedureFigures): string[] {
  const o = f.objections;
  const r = f.repairs;
  return [
    code,
    String(o.filed),
    String(o.upheld),
    String(o.rejected),
    `${o.appealed} (${o.appealUpheld}/${o.appealRejected}/${o.appealOpen})`,
    String(r.applied),
    String(r.repaired),
    String(r.refused.total),
    String(r.open),
    stepsCell(f.steps.provider),
    stepsCell(f.steps.center),
    stepsCell(f.steps.creditOffice),
  ];
}

/** Display width: CJK characters take two columns in a terminal. */
const width = (text: string) => [...text].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
const pad = (text: string, to: number) => text + ' '.repeat(Math.max(0, to - width(text)));

/** The report as a table for a terminal: one line per department, then the city's totals. */
export function procedureStatsTable(report: ProcedureStats): string {
  const head = [
    `异议和信用修复统计（A21、B35）/ objections and repairs (A21, B35): ${report.quarter ?? ''}${report.quarter ? ' ' : ''}${report.from} 至 / to ${report.to}，统计日 / as of ${report.asOf}`,
    '按期：按期办结/设有期限的办结步骤 按期率，超期：统计日超期未办 / on time: closed on time/closed with a deadline, share; 超期: open and overdue',
  ];
  const rows = [
    COLUMNS.map(([zh]) => zh),
    COLUMNS.map(([, en]) => en),
    ...report.departments.map((d) => cells(d.department, d)),
    cells('全市 / city', report.city),
  ];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => width(r[i]!))));
  const lines = rows.map((r) =>
    r
      .map((c, i) => pad(c, widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  const names = report.departments.map((d) => `  ${d.department}  ${d.departmentName}`);
  return [...head, '', ...lines, ...(names.length > 0 ? ['', ...names] : [])].join('\n');
}

/**
 * `xinyong procedures stats`: objections and repairs per provider department for a quarter or a date
 * range — outcomes and the share of steps closed on time — as a table, or the API's JSON with --json.
 * `xinyong procedures tick`: one tick of the procedures scheduler (decision 0031), for deployments that
 * run it from cron rather than in `serve` (XINYONG_PROCEDURES_TICK_EVERY=0): what it sent, what was
 * already sent, and what no department is registered to receive; exit 1 when something could not be
 * addressed.
 */
export async function proceduresCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    quarter: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [sub, ...extra] = positionals;
  if ((sub !== 'stats' && sub !== 'tick') || extra.length > 0) throw new UsageError(USAGE);
  const ctx = await createAppContext(loadConfig());
  try {
    if (sub === 'tick') return await tick(ctx);
    const report = await ctx.procedureStats.report({
      quarter: values.quarter,
      from: values.from,
      to: values.to,
    });
    console.log(values.json ? JSON.stringify(report, null, 2) : procedureStatsTable(report));
    return 0;
  } finally {
    await ctx.close();
  }
}

/** One tick of the scheduler; prints what it sent. */
async function tick(ctx: Awaited<ReturnType<typeof createAppContext>>): Promise<number> {
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
}
