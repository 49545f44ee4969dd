import { closeSync, createReadStream, openSync, type ReadStream, readSync, statSync } from 'node:fs';
import { AppError, badRequest, notFound } from '../../platform/errors.ts';
import type { Actor } from '../access/actor.ts';
import type { CatalogItemVersion, CatalogRepository } from '../catalog/index.ts';
import type { DepartmentsRepository } from '../departments/departments.repository.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import type { CodeException, CodeKind } from '../identity-codes/index.ts';
import type { IntakeService } from '../records/intake.service.ts';
import type { IntakeMode } from '../records/intake.types.ts';
import { errorsFile } from './errors-csv.file.ts';
import * as CP from './import-checkpoint.file.ts';
import { type PrevalidationOptions, prevalidator } from './import-prevalidate.ts';
import type { ProgressReporter } from './progress.ts';
import { submitSheetBatch } from './sheet-batch.service.ts';
import { type SheetLimits, STREAMED_LIMITS } from './sheet-limits.ts';
import type { UploadRowResult } from './upload-result.ts';
import { detectFormat, type FileFormat, fileRows, openSheet, submissionOf } from './uploaded-sheet.ts';
import { fileArchive } from './xlsx-archive.file.ts';

/**
 * `xinyong import FILE` (intake issue item 4): a provider's history, millions of rows, streamed from
 * an xlsx or CSV file through the same intake as the API (channel `cli`) in batches, with progress,
 * resumable after a kill (see import-checkpoint.file.ts), refused rows listed in `FILE.errors.csv`.
 */
export type ImportOptions = {
  file: string;
  itemCode: string;
  provider: string;
  mode: IntakeMode;
  batchSize: number;
  /** ignore an existing checkpoint and start from the first row (rows already in are `unchanged`) */
  restart: boolean;
  actor: Actor;
  /** what the file may hold (default STREAMED_LIMITS: one row's limits and the inflate ratio) */
  limits?: SheetLimits;
};

export type ImportReport = {
  item: { code: string; version: number };
  format: FileFormat;
  /** data rows handled, over all runs */
  rows: number;
  batches: number;
  totals: CP.ImportTotals;
  /** the last row committed before this run (0: a fresh start) */
  resumedAfterRow: number;
  alreadyComplete: boolean;
  /** all-or-nothing: refused by the check before writing, or by a batch at commit */
  stopped?: { kind: 'prevalidation' | 'batch_refused'; row: number };
  errorsPath: string;
  checkpointPath: string;
  elapsedMs: number;
};

export type ImportDeps = {
  intake: Pick<IntakeService, 'submit'>;
  catalog: Pick<CatalogRepository, 'current' | 'list'>;
  codes: Pick<CodesService, 'listExceptions'>;
  departments: Pick<DepartmentsRepository, 'findByCode'>;
  today: () => string;
};

export async function importFile(deps: ImportDeps, options: ImportOptions, progress: ProgressReporter) {
  const started = performance.now();
  const { file } = options;
  const size = fileSize(file);
  const version = await itemFor(deps, options);
  const current = {
    file: CP.fingerprint(file),
    item: version.code,
    provider: options.provider,
    mode: options.mode,
  };
  const checkpoint = options.restart ? undefined : CP.readCheckpoint(file);
  if (checkpoint) refuseConflict(file, checkpoint, current);

  const format = detectFormat(readHead(file));
  const report: ImportReport = {
    item: { code: version.code, version: version.version },
    format,
    rows: checkpoint?.rows ?? 0,
    batches: checkpoint?.batches ?? 0,
    totals: checkpoint?.totals ?? CP.emptyTotals(),
    resumedAfterRow: checkpoint?.committedRow ?? 0,
    alreadyComplete: checkpoint?.complete === true,
    errorsPath: CP.errorsPath(file),
    checkpointPath: CP.checkpointPath(file),
    elapsedMs: 0,
  };
  if (report.alreadyComplete) return report;

  const errors = errorsFile(report.errorsPath, version);
  const streams: ReadStream[] = [];
  try {
    errors.reset(checkpoint && errors.size() >= checkpoint.errorsBytes ? checkpoint.errorsBytes : 0);
    const otherItems = await deps.catalog.list();
    const open = async () => {
      let stream: ReadStream | undefined;
      let xlsxRead = 0;
      const source = {
        archive: () => fileArchive(file),
        stream: () => {
          stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
          streams.push(stream);
          return stream;
        },
        progress: (fraction: number) => {
          xlsxRead = fraction;
        },
      };
      const sheet = await openSheet(
        version,
        fileRows(format, source, options.limits ?? STREAMED_LIMITS),
        otherItems,
      );
      // CSV: bytes of the file read; xlsx: the share of the data sheet read (its size unpacked).
      const fraction = () => (stream ? Math.min(1, stream.bytesRead / Math.max(1, size)) : xlsxRead);
      return { sheet, fraction };
    };

    if (options.mode === 'all_or_nothing' && !checkpoint) {
      const { sheet, fraction } = await open();
      const check = prevalidator(version, await prevalidationOptions(deps));
      const pending: UploadRowResult[] = [];
      let rows = 0;
      let refusedRows = 0;
      for await (const row of sheet.rows) {
        rows++;
        const refusal = check.check(submissionOf(version, sheet, row));
        if (refusal) {
          refusedRows++;
          pending.push(refusal);
          if (pending.length >= 1000) errors.append(pending.splice(0));
        }
        if (rows % 5000 === 0)
          progress.update({ rows, elapsedMs: performance.now() - started, fraction: fraction() });
      }
      errors.append(pending);
      if (refusedRows > 0) {
        // Nothing was written and no checkpoint exists: the next run checks the corrected file again.
        report.rows = rows;
        report.totals.refused = refusedRows;
        report.stopped = { kind: 'prevalidation', row: 0 };
        report.elapsedMs = performance.now() - started;
        progress.done({ rows, elapsedMs: report.elapsedMs });
        return report;
      }
    }

    const { sheet, fraction } = await open();
    let batch: ReturnType<typeof submissionOf>[] = [];
    const commit = async (): Promise<boolean> => {
      const outcome = await submitSheetBatch(
        deps.intake,
        { actor: options.actor, providerDepartment: options.provider, channel: 'cli', mode: options.mode },
        batch,
      );
      errors.append(outcome.results);
      const lastRow = batch.at(-1)!.rowNumber;
      const rejected = options.mode === 'all_or_nothing' && outcome.summary.refused > 0;
      batch = [];
      if (rejected) {
        report.stopped = { kind: 'batch_refused', row: lastRow };
        report.totals.refused += outcome.summary.refused;
        report.totals.aborted += outcome.summary.aborted;
        return false;
      }
      const t = report.totals;
      t.created += outcome.summary.created;
      t.unchanged += outcome.summary.unchanged;
      t.newVersion += outcome.summary.newVersion;
      t.refused += outcome.summary.refused;
      t.aborted += outcome.summary.aborted;
      t.warnings = countWarnings(outcome.results, t.warnings ?? {});
      report.rows += outcome.summary.total;
      report.batches++;
      CP.writeCheckpoint(file, {
        format: 1,
        ...current,
        committedRow: lastRow,
        rows: report.rows,
        batches: report.batches,
        totals: t,
        errorsBytes: errors.size(),
        complete: false,
        updatedAt: new Date().toISOString(),
      });
      progress.update({
        rows: report.rows,
        baseRows: checkpoint?.rows ?? 0,
        elapsedMs: performance.now() - started,
        fraction: fraction(),
      });
      return true;
    };

    for await (const row of sheet.rows) {
      if (row.rowNumber <= report.resumedAfterRow) continue;
      batch.push(submissionOf(version, sheet, row));
      if (batch.length >= options.batchSize && !(await commit())) break;
    }
    if (batch.length > 0 && !report.stopped) await commit();
    if (!report.stopped) {
      const last = CP.readCheckpoint(file);
      CP.writeCheckpoint(file, {
        format: 1,
        ...current,
        committedRow: last?.committedRow ?? 0,
        rows: report.rows,
        batches: report.batches,
        totals: report.totals,
        errorsBytes: errors.size(),
        complete: true,
        updatedAt: new Date().toISOString(),
      });
    }
    report.elapsedMs = performance.now() - started;
    progress.done({ rows: report.rows, baseRows: checkpoint?.rows ?? 0, elapsedMs: report.elapsedMs });
    return report;
  } finally {
    errors.close();
    // A stopped import leaves its reader mid-file.
    for (const stream of streams) stream.destroy();
  }
}

async function itemFor(deps: ImportDeps, options: ImportOptions): Promise<CatalogItemVersion> {
  const version = await deps.catalog.current(options.itemCode);
  if (!version) {
    throw notFound(
      'CATALOG_ITEM_NOT_FOUND',
      `目录中没有 ${options.itemCode}`,
      `No catalog item ${options.itemCode}`,
    );
  }
  if (!(await deps.departments.findByCode(options.provider))) {
    throw badRequest(
      'IMPORT_PROVIDER_UNKNOWN',
      `部门未登记：${options.provider}`,
      `Unknown department: ${options.provider}`,
    );
  }
  if (!version.providerDepartments.includes(options.provider)) {
    throw new AppError(
      'IMPORT_PROVIDER_NOT_ALLOWED',
      403,
      `目录未将 ${options.provider} 列为“${version.name}”的数据来源（B8，谁提供谁负责 B4）；可报送的单位：${version.providerDepartments.join('、')}`,
      `The catalog does not list ${options.provider} as a source of ${version.code} (B8; B4); sources: ${version.providerDepartments.join(', ')}`,
    );
  }
  return version;
}

function refuseConflict(
  file: string,
  checkpoint: CP.ImportCheckpoint,
  current: Parameters<typeof CP.resumeConflict>[1],
): void {
  const what = CP.resumeConflict(checkpoint, current);
  if (!what) return;
  const zh = { file: '文件内容已改变', item: '目录项不同', provider: '报送单位不同', mode: '报送方式不同' }[
    what
  ]!;
  throw new AppError(
    'IMPORT_CHECKPOINT_MISMATCH',
    409,
    `断点文件 ${CP.checkpointPath(file)} 与本次导入不符（${zh}）：确认后用 --restart 从头导入（已导入的行会显示为“未变化”，不会重复）`,
    `The checkpoint does not match this import (${what} differs): use --restart to start over (rows already in come back unchanged, never duplicated)`,
    { differs: what, committedRow: checkpoint.committedRow },
  );
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    throw notFound('IMPORT_FILE_NOT_FOUND', `找不到文件 ${file}`, `File not found: ${file}`);
  }
}

function readHead(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const n = readSync(fd, head, 0, 8, 0);
    return head.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** What the check before an all-or-nothing import needs: today, and the registry of code exceptions. */
async function prevalidationOptions(ctx: {
  codes: Pick<CodesService, 'listExceptions'>;
  today: () => string;
}): Promise<PrevalidationOptions> {
  const registered = await ctx.codes.listExceptions();
  const byCode = new Map<string, CodeException>(
    registered.map((e) => [e.code, { code: e.code, kind: e.kind as CodeKind, reason: e.reason }]),
  );
  return {
    today: ctx.today(),
    ...(byCode.size === 0 ? {} : { codeException: (code: string) => byCode.get(code) }),
  };
}

/**
 * Rows written with a warning, counted by the warning's code (issue 15 W13): a history import where
 * most rows arrive late or already expired is told so in its summary. The errors file keeps to the
 * rows not written.
 */
function countWarnings(
  results: readonly { outcome: string; warnings?: readonly { code: string }[] }[],
  into: Record<string, number>,
): Record<string, number> {
  for (const r of results) {
    if (r.outcome !== 'created' && r.outcome !== 'new_version') continue;
    for (const code of new Set((r.warnings ?? []).map((w) => w.code))) into[code] = (into[code] ?? 0) + 1;
  }
  return into;
}
