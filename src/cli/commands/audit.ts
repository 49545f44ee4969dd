import { createAppContext } from '../../app/context.ts';
import type { Anchor, AuditReport } from '../../modules/audit/index.ts';
import { loadConfig } from '../../platform/config.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const USAGE =
  '用法 / usage: xinyong audit verify [--anchor DAY:SEQ:HASH]… [--anchor-log FILE] | xinyong audit anchor [--day YYYY-MM-DD]';

export async function auditCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    day: { type: 'string' },
    anchor: { type: 'string', multiple: true },
    'anchor-log': { type: 'string' },
  });
  const [sub, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(USAGE);
  if (sub === 'verify' && values.day === undefined) {
    return verify((values.anchor ?? []).map(parseAnchor), values['anchor-log']);
  }
  if (sub === 'anchor' && values.anchor === undefined && values['anchor-log'] === undefined) {
    return anchor(values.day);
  }
  throw new UsageError(USAGE);
}

/** A published anchor as `anchor --day` prints it: DAY:SEQ:HASH. */
function parseAnchor(text: string): Anchor {
  const m = /^(\d{4}-\d{2}-\d{2}):(\d+):([0-9a-f]{64})$/.exec(text);
  if (!m) throw new UsageError(`--anchor 应为 DAY:SEQ:HASH / --anchor must be DAY:SEQ:HASH, got "${text}"`);
  return { day: m[1]!, seq: Number(m[2]), hash: m[3]! };
}

async function verify(published: Anchor[], anchorLog: string | undefined): Promise<number> {
  const ctx = await createAppContext(loadConfig());
  try {
    const report = await ctx.audit.verify({ published, ...(anchorLog ? { anchorLog } : {}) });
    printAnchors(report);
    if (report.ok) {
      console.log(
        `✔ 审计链完整 / audit trail intact: ${report.entries} 条记录 / entries, ${report.rowsChecked} 行 / rows checked\n  head sm3 ${report.headHash}`,
      );
      return 0;
    }
    if (report.breakCount > 0) {
      const first = report.firstBroken!;
      console.error(
        `✘ 审计链断裂 / audit chain broken at seq ${first.seq}: ${first.reason} — ${report.breakCount} 处 / break(s) in all`,
      );
      for (const b of report.breaks) console.error(`  - seq ${b.seq} ${b.reason}: ${b.detail}`);
      if (report.breakCount > report.breaks.length) {
        console.error(
          `  … ${report.breakCount - report.breaks.length} more / 另有 ${report.breakCount - report.breaks.length} 处`,
        );
      }
      if (report.anchorsChecked.external > 0 && report.breaks.some((b) => b.reason === 'anchor_mismatch')) {
        console.error(
          '  外部锚点与链不符：链被截短或改写；若数据库是有意重建的，请另起锚点日志 / an external anchor misses the chain: it was cut short or rewritten (a database deliberately recreated needs a new anchor log)',
        );
      }
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

function printAnchors(report: AuditReport): void {
  const { stored, published, external } = report.anchorsChecked;
  const log = report.anchorLog ? ` (${report.anchorLog.file})` : ' (未配置 / none kept)';
  console.log(
    `  锚点 / anchors: ${stored} 日锚点 / stored day, ${published} 公布 / published, ${external} 外部日志 / external log${log}`,
  );
  if (report.anchorLog && report.anchorLog.unreadableLines.length > 0) {
    console.log(
      `  ⚠ 锚点日志中无法读取的行 / unreadable lines in the anchor log: ${report.anchorLog.unreadableLines.join(', ')}`,
    );
  }
}

/**
 * Without --day: the chain head now, appended to the external anchor log (issue 14 §2). With --day:
 * the head at the end of that China day, stored, logged and printed for publication.
 */
async function anchor(day: string | undefined): Promise<number> {
  const ctx = await createAppContext(loadConfig());
  try {
    if (day === undefined) {
      const result = await ctx.audit.anchorHead();
      console.log(
        `✔ 已锚定链头 / head anchored at ${result.at}: seq ${result.seq}, sm3 ${result.hash}\n  → ${ctx.audit.anchorLog}`,
      );
      return 0;
    }
    const result = await ctx.audit.anchorDay(day);
    console.log(
      `✔ 已锚定 / anchored ${result.day}: seq ${result.seq}, sm3 ${result.hash}\n  publish: ${result.day}:${result.seq}:${result.hash}`,
    );
    return 0;
  } finally {
    await ctx.close();
  }
}
