import path from 'node:path';
import { createAppContext } from '../../app/context.ts';
import { cliOperator } from '../../modules/access/actor.ts';
import { type ImportReport, importFile } from '../../modules/intake-files/file-import.service.ts';
import { formatDuration, progressReporter } from '../../modules/intake-files/progress.ts';
import { INTAKE_MODES, type IntakeMode, MAX_ROWS_PER_CALL } from '../../modules/records/intake.types.ts';
import { loadConfig } from '../../platform/config.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const DEFAULT_BATCH = 5000;

/**
 * `xinyong import FILE --item CODE --provider DEPT [--mode accept_valid|all_or_nothing]
 * [--batch-size N] [--restart]`: bulk intake of an xlsx or CSV file (see intake-files/file-import.service.ts). Exit 0 when
 * every row is in, 1 when rows were refused (listed in FILE.errors.csv), 2 when it could not run.
 */
export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    item: { type: 'string' },
    provider: { type: 'string' },
    mode: { type: 'string', default: 'accept_valid' },
    'batch-size': { type: 'string', default: String(DEFAULT_BATCH) },
    restart: { type: 'boolean', default: false },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('import: 需要一个文件 / expects one FILE');
  if (!values.item) throw new UsageError('import: 缺少 --item / --item CODE is required');
  if (!values.provider) throw new UsageError('import: 缺少 --provider / --provider DEPT is required');
  if (!(INTAKE_MODES as readonly string[]).includes(values.mode)) {
    throw new UsageError(`import: --mode 应为 / must be ${INTAKE_MODES.join(' | ')}`);
  }
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_ROWS_PER_CALL) {
    throw new UsageError(`import: --batch-size 应为 1–${MAX_ROWS_PER_CALL} / must be 1–${MAX_ROWS_PER_CALL}`);
  }

  const ctx = await createAppContext(loadConfig());
  try {
    const report = await importFile(
      ctx,
      {
        file: path.resolve(file),
        itemCode: values.item,
        provider: values.provider,
        mode: values.mode as IntakeMode,
        batchSize,
        restart: values.restart,
        actor: cliOperator(),
      },
      progressReporter(),
    );
    console.log(summaryText(file, values.provider, values.mode, report));
    return report.totals.refused > 0 || report.stopped ? 1 : 0;
  } finally {
    await ctx.close();
  }
}

function summaryText(file: string, provider: string, mode: string, r: ImportReport): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const t = r.totals;
  const lines = [
    `${r.stopped ? '✘' : '✔'} 导入 / import ${file} → ${r.item.code} 第${r.item.version}版, ${provider}, ${mode}`,
  ];
  if (r.alreadyComplete)
    lines.push('  此文件已全部导入，未做任何事（--restart 可重新导入）/ already imported; nothing done');
  if (r.resumedAfterRow > 0 && !r.alreadyComplete) {
    lines.push(`  从第 ${n(r.resumedAfterRow)} 行之后继续 / resumed after row ${n(r.resumedAfterRow)}`);
  }
  lines.push(
    `  ${n(r.rows)} 行 / rows: 新增 created ${n(t.created)} · 未变化 unchanged ${n(t.unchanged)} · ` +
      `新版本 new version ${n(t.newVersion)} · 拒收 refused ${n(t.refused)}` +
      (t.aborted > 0 ? `（其中整批未写入 / of which withheld ${n(t.aborted)}）` : ''),
  );
  if (r.stopped?.kind === 'prevalidation') {
    lines.push(
      '  全部成功或全部不写入：文件中有被拒收的行，未写入任何数据 / all-or-nothing: nothing written',
    );
  } else if (r.stopped) {
    lines.push(
      `  全部成功或全部不写入：第 ${n(r.stopped.row)} 行所在批次被拒收，已停止；之前的批次已写入，改正后用 --restart 重新导入` +
        ` / all-or-nothing: the batch ending at row ${n(r.stopped.row)} was refused; earlier batches are in`,
    );
  }
  if (t.refused > 0) lines.push(`  拒收明细 / refused rows: ${r.errorsPath}`);
  const warned = Object.entries(t.warnings ?? {});
  if (warned.length > 0) {
    lines.push(
      `  已写入但有提示 / written with a warning: ${warned.map(([code, rows]) => `${code} ${n(rows)}`).join(' · ')}` +
        '（PUSH_LATE 报送超过时限 A9；ALREADY_EXPIRED 有效期或移出日期已过，不公开、不用于核查）',
    );
  }
  if (!r.alreadyComplete) lines.push(`  用时 / took ${formatDuration(r.elapsedMs)}`);
  return lines.join('\n');
}
