import type ExcelJS from 'exceljs';
import { streamedWorkbook } from '../../platform/xlsx-writer.ts';
import { type CatalogItemVersion, columnsOf } from '../catalog/index.ts';
import { REPORT_COLUMNS } from './sheet-header.ts';
import { isWithheld, type RowOutcome, type UploadRowResult } from './upload-result.ts';

/**
 * The error report of a spreadsheet upload (intake issue item 4): the uploaded sheet as it came, row
 * for row at the same row numbers, with two columns added — 结果 (outcome) and 原因 (each error's column
 * and what to fix). Refused rows are highlighted; the clerk corrects them in this file and uploads it
 * again (the two added columns are ignored on upload, accepted rows come back `unchanged`).
 *
 * B14: a row refused with FORBIDDEN_DATA has the offending cell blanked — the value appears nowhere in
 * the report, and the reason names the column only. Where the cell cannot be located, the whole row is
 * blanked rather than risk it.
 */
export const OUTCOME_LABELS: Record<RowOutcome | 'withheld', string> = {
  created: '新增',
  unchanged: '未变化（已报送过）',
  new_version: '已更新（新版本）',
  refused: '拒收',
  withheld: '未写入（整批未写入）',
};

const REFUSED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const WITHHELD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
const XLSX_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export { XLSX_CONTENT };

export type ReportInput = {
  version: CatalogItemVersion;
  /** the uploaded header row as written */
  headers: readonly string[];
  /** target path (`fields.facts`) → 0-based column index in the uploaded sheet */
  columnOfTarget: ReadonlyMap<string, number>;
  rows: readonly { rowNumber: number; cells: readonly string[]; result: UploadRowResult }[];
  headerRowNumber: number;
};

export async function buildErrorReport(input: ReportInput): Promise<Buffer> {
  const labels = new Map(columnsOf(input.version).map((c) => [c.target, c.label]));
  const width = Math.max(input.headers.length, ...input.rows.map((r) => r.cells.length));
  // Streaming writer, inline strings (platform/xlsx-writer.ts)
  const { workbook, bytes } = streamedWorkbook({ useStyles: true });
  const sheet = workbook.addWorksheet('报送结果', {
    views: [{ state: 'frozen', ySplit: input.headerRowNumber }],
  });
  sheet.columns = [...Array.from({ length: width }, () => ({ width: 18 })), { width: 16 }, { width: 80 }];

  const header = sheet.getRow(input.headerRowNumber);
  header.values = [...padded(input.headers, width), REPORT_COLUMNS.outcome, REPORT_COLUMNS.reason];
  header.font = { bold: true };
  header.commit();

  for (const { rowNumber, cells, result } of input.rows) {
    const shown = [...padded(cells, width)];
    for (const error of result.errors ?? []) {
      if (error.code !== 'FORBIDDEN_DATA') continue;
      const column = input.columnOfTarget.get(error.field);
      if (column === undefined) shown.fill('');
      else shown[column] = '';
    }
    const row = sheet.getRow(rowNumber);
    const withheld = isWithheld(result);
    row.values = [
      ...shown,
      OUTCOME_LABELS[withheld ? 'withheld' : result.outcome],
      reasonText(result, labels),
    ];
    const fill = withheld ? WITHHELD_FILL : result.outcome === 'refused' ? REFUSED_FILL : undefined;
    if (fill) {
      for (let c = 1; c <= width + 2; c++) row.getCell(c).fill = fill;
      row.getCell(width + 2).alignment = { wrapText: true, vertical: 'top' };
    }
    row.commit();
  }
  sheet.commit();
  return bytes();
}

function padded(cells: readonly string[], width: number): string[] {
  const out = cells.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}

/** One line per error: the column's label, then what to fix (zh). Forbidden data: the column only. */
export function reasonText(result: UploadRowResult, labels: ReadonlyMap<string, string>): string {
  if (isWithheld(result)) {
    return '本行无误，但本批有被拒收的行，按“全部成功或全部不写入”未写入；改正被拒收的行后整批重新上传。';
  }
  const errors = (result.errors ?? []).map((error) => {
    const label = labels.get(error.field) ?? error.field;
    if (error.code === 'FORBIDDEN_DATA') {
      return `【${label}】含有禁止归集的个人信息（宗教信仰、基因、血型、疾病和病史等，B14），整行已拒收、未保存，该单元格已清空。请删除该内容后重新报送。`;
    }
    return error.message.includes(label) ? error.message : `【${label}】${error.message}`;
  });
  // Accepted rows may carry notes (a name that differs from the registered one, flagged for review).
  const notes = (result.warnings ?? []).map((w) => `提示：${w.message}`);
  return [...errors, ...notes].join('\n');
}
