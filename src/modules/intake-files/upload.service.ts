import { inChunks } from '../../platform/chunks.ts';
import { AppError, badRequest, notFound } from '../../platform/errors.ts';
import type { Actor } from '../access/actor.ts';
import type { CatalogRepository } from '../catalog/index.ts';
import type { IntakeService } from '../records/intake.service.ts';
import { type IntakeMode, MAX_ROWS_PER_CALL } from '../records/intake.types.ts';
import { buildErrorReport } from './error-report.ts';
import { submitSheetBatch } from './sheet-batch.service.ts';
import { DEFAULT_UPLOAD_LIMITS, type SheetLimits } from './sheet-limits.ts';
import { addSummary, emptySummary, type UploadResult, type UploadRowResult } from './upload-result.ts';
import { detectFormat, fileRows, openSheet, type SheetSubmission, submissionOf } from './uploaded-sheet.ts';

export type UploadRequest = {
  actor: Actor;
  providerDepartment: string;
  itemCode: string;
  mode: IntakeMode;
  body: Buffer;
  requestId?: string | undefined;
};

export type UploadOutcome = { result: UploadResult; report(): Promise<Buffer> };

/**
 * Spreadsheet and CSV upload (B16: providers without an interface report by file). The file is read
 * against the item's template, its rows go through the same intake as the API in batches of 10,000
 * (channel `spreadsheet`), and the outcome comes back per spreadsheet row, or as the error report.
 *
 * All-or-nothing covers one intake batch, so an all-or-nothing upload may hold at most 10,000 rows;
 * a larger file is refused before anything is written (UPLOAD_TOO_LARGE_FOR_ALL_OR_NOTHING): the
 * provider splits it or uses accept_valid (or the CLI import, which checks a whole file first).
 */
export function uploadService(deps: {
  intake: Pick<IntakeService, 'submit'>;
  catalog: CatalogRepository;
  /** what an uploaded file may hold (issue 14 §6); DEFAULT_UPLOAD_LIMITS unless configured */
  limits?: SheetLimits;
}) {
  const limits = deps.limits ?? DEFAULT_UPLOAD_LIMITS;
  async function upload(request: UploadRequest): Promise<UploadOutcome> {
    const version = await deps.catalog.current(request.itemCode);
    if (!version) {
      throw notFound(
        'CATALOG_ITEM_NOT_FOUND',
        `目录中没有 ${request.itemCode}`,
        `No catalog item ${request.itemCode}`,
        { code: request.itemCode },
      );
    }
    if (!version.providerDepartments.includes(request.providerDepartment)) {
      throw new AppError(
        'UPLOAD_PROVIDER_NOT_ALLOWED',
        403,
        `目录未将本单位（${request.providerDepartment}）列为“${version.name}”的数据来源，不能报送（B8，谁提供谁负责 B4）`,
        `The catalog does not list your department (${request.providerDepartment}) as a source of ${version.code} (B8; B4)`,
        { item: version.code, department: request.providerDepartment },
      );
    }
    const format = detectFormat(request.body);
    const sheet = await openSheet(version, fileRows(format, request.body, limits), await deps.catalog.list());
    const submissions: SheetSubmission[] = [];
    for await (const row of sheet.rows) submissions.push(submissionOf(version, sheet, row));
    if (submissions.length === 0) {
      throw badRequest(
        'UPLOAD_NO_ROWS',
        '文件只有列名，没有数据行',
        'The file has a header row but no data rows',
      );
    }
    if (request.mode === 'all_or_nothing' && submissions.length > MAX_ROWS_PER_CALL) {
      throw badRequest(
        'UPLOAD_TOO_LARGE_FOR_ALL_OR_NOTHING',
        `“全部成功或全部不写入”方式一次最多 ${MAX_ROWS_PER_CALL} 行，文件有 ${submissions.length} 行：请拆分文件，或改用“接收有效行”方式（mode=accept_valid），或用命令行导入`,
        `All-or-nothing uploads hold at most ${MAX_ROWS_PER_CALL} rows; this file has ${submissions.length}: split it, use mode=accept_valid, or the CLI import`,
        { max: MAX_ROWS_PER_CALL, actual: submissions.length },
      );
    }

    const summary = emptySummary();
    const results: UploadRowResult[] = [];
    const batchIds: string[] = [];
    for (const part of inChunks(submissions, MAX_ROWS_PER_CALL)) {
      const batch = await submitSheetBatch(
        deps.intake,
        {
          actor: request.actor,
          providerDepartment: request.providerDepartment,
          channel: 'spreadsheet',
          mode: request.mode,
          requestId: request.requestId,
        },
        part,
      );
      batchIds.push(batch.batchId);
      addSummary(summary, batch.summary);
      results.push(...batch.results);
    }

    const result: UploadResult = {
      item: { code: version.code, version: version.version },
      format,
      mode: request.mode,
      batchIds,
      summary,
      results,
    };
    return {
      result,
      report: () =>
        buildErrorReport({
          version,
          headers: sheet.headers,
          headerRowNumber: sheet.headerRowNumber,
          columnOfTarget: sheet.columnOfTarget,
          rows: submissions.map((s, i) => ({ rowNumber: s.rowNumber, cells: s.cells, result: results[i]! })),
        }),
    };
  }

  return { upload };
}

export type UploadService = ReturnType<typeof uploadService>;
