import { createAppContext } from '../../app/context.ts';
import type { Anchor } from '../../modules/audit/index.ts';
import { previousChinaDay } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const USAGE =
  '用法 / usage: xinyong audit verify [--anchor DAY:SEQ:HASH]… | xinyong audit anchor [--day YYYY-MM-DD]';

export async function auditCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    day: { type: 'string' },
    anchor: { type: 'string', multiple: true },
  });
  const [sub, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(USAGE);
  if (sub === 'verify' && values.day === undefined) return verify((values.anchor ?? []).map(parseAnchor));
  if (sub === 'anchor' && values.anchor === undefined) return anchor(values.day);
  throw new UsageError(USAGE);
}

/** A published anchor as `anchor` prints it: DAY:SEQ:HASH. */
function parseAnchor(text: string): Anchor {
  const m = /^(\d{4}-\d{2}-\d{2}):(\d+):([0-9a-f]{64})$/.exec(text);
  if (!m) throw new UsageError(`--anchor 应为 DAY:SEQ:HASH / --anchor must be DAY:SEQ:HASH, got "${text}"`);
  return { day: m[1]!, seq: Number(m[2]), hash: m[3]! };
}

async function verify(published: Anchor[]): Promise<number> {
  const ctx = await createAppContext(loadConfig());
  try {
    const report = await ctx.audit.verify({ published });
    if (report.ok) {
      console.log(
        `✔ 审计链完整 / audit trail intact: ${report.entries} 条记录 / entries, ${report.rowsChecked} 行 / rows checked\n  head sm3 ${report.headHash}`,
      );
      return 0;
    }
    if (report.firstBroken) {
      const { seq, reason, detail } = report.firstBroken;
      console.error(`✘ 审计链断裂 / audit chain broken at seq ${seq}: ${reason}\n  ${detail}`);
    } else {
      console.error(
        `✔ 审计链完整 / audit chain intact: ${report.entries} entries, head sm3 ${report.headHash}`,
      );
    }
    if (report.rowProblemCount > 0) {
      console.error(`✘ 行摘要问题 / row problems: ${report.rowProblemCount}`);
      for (const p of report.rowProblems)
        console.error(`  - ${p.table} ${p.id ?? '-'} ${p.reason}: ${p.detail}`);
      if (report.rowProblemCount > report.rowProblems.length) {
        console.error(`  … ${report.rowProblemCount - report.rowProblems.length} more`);
      }
    }
    return 1;
  } finally {
    await ctx.close();
  }
}

async function anchor(day: string | undefined): Promise<number> {
  const ctx = await createAppContext(loadConfig());
  try {
    const result = await ctx.audit.anchorDay(day ?? previousChinaDay(ctx.now()));
    console.log(
      `✔ 已锚定 / anchored ${result.day}: seq ${result.seq}, sm3 ${result.hash}\n  publish: ${result.day}:${result.seq}:${result.hash}`,
    );
    return 0;
  } finally {
    await ctx.close();
  }
}
