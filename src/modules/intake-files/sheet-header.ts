import { badRequest } from '../../platform/errors.ts';
import {
  type CatalogItemVersion,
  columnsOf,
  type HeaderMapping,
  headerLabel,
  mapHeaders,
} from '../catalog/index.ts';

/**
 * The header row of an uploaded sheet, read against the item's template columns (the catalog's
 * `mapHeaders`). People retype headers: a `*` required-marker, spaces and full-width/half-width
 * variants (（万元） vs (万元), ＡＢ vs AB) are tolerated by comparing NFKC forms. The error report's own
 * columns (结果, 原因) are ignored, so a corrected report can be uploaded again as it is.
 *
 * Any header problem refuses the whole file (400) before a row is read: a misplaced column would
 * otherwise put every value in the wrong field.
 */
export const REPORT_COLUMNS = { outcome: '结果', reason: '原因' } as const;

const fold = (text: string) => headerLabel(text.normalize('NFKC'));

export type SheetHeader = { mapping: HeaderMapping; headers: string[] };

export function readHeader(
  version: CatalogItemVersion,
  headerCells: readonly string[],
  otherItems: readonly CatalogItemVersion[] = [],
): SheetHeader {
  const mapping = mapHeaders(version, canonicalHeaders(version, headerCells));
  if (mapping.missing.length === 0 && mapping.unknown.length === 0) {
    return { mapping, headers: [...headerCells] };
  }
  // Another item's template fits where this one does not: the clerk picked the wrong file or item.
  const fitting = otherItems.find((other) => {
    if (other.code === version.code) return false;
    const m = mapHeaders(other, canonicalHeaders(other, headerCells));
    return m.missing.length === 0 && m.unknown.length === 0;
  });
  if (fitting) {
    throw badRequest(
      'UPLOAD_WRONG_TEMPLATE',
      `文件是“${fitting.name}”（${fitting.code}）的模板，不是“${version.name}”（${version.code}）的：请核对目录项或换用正确的模板`,
      `The file is the template of ${fitting.code} (${fitting.nameEn}), not of ${version.code} (${version.nameEn}): check the item or use the right template`,
      { item: version.code, fileItem: fitting.code },
    );
  }
  const forbidden = mapping.unknown.filter((u) => u.forbidden);
  if (forbidden.length > 0) {
    const names = forbidden.map((u) => u.header);
    throw badRequest(
      'UPLOAD_COLUMN_FORBIDDEN',
      `列“${names.join('”“')}”属于禁止归集的信息（宗教信仰、基因、血型、疾病和病史等，B14），请删除该列后重新上传；文件未被处理`,
      `Column(s) ${names.join(', ')} hold data the platform may not collect (B14): delete the column and upload again; nothing was processed`,
      { columns: names },
    );
  }
  const labels = new Set(columnsOf(version).map((c) => c.label));
  const duplicates = mapping.unknown.filter((u) => labels.has(u.header)).map((u) => u.header);
  if (duplicates.length > 0) {
    throw badRequest(
      'UPLOAD_COLUMN_DUPLICATE',
      `列“${duplicates.join('”“')}”出现了不止一次，请只保留一列`,
      `Column(s) ${duplicates.join(', ')} appear more than once; keep one`,
      { columns: duplicates },
    );
  }
  if (mapping.missing.length > 0) {
    const names = mapping.missing.map((c) => c.label);
    throw badRequest(
      'UPLOAD_COLUMN_MISSING',
      `缺少必填列“${names.join('”“')}”：请使用目录项“${version.name}”的模板，保留第一行列名`,
      `Required column(s) missing: ${names.join(', ')}. Use the template of ${version.code} and keep its header row`,
      { item: version.code, columns: names },
    );
  }
  const names = mapping.unknown.map((u) => u.header);
  throw badRequest(
    'UPLOAD_COLUMN_UNKNOWN',
    `目录项“${version.name}”没有列“${names.join('”“')}”：请删除这些列或核对列名（可用的列见模板的填写说明）`,
    `Catalog item ${version.code} has no column(s) ${names.join(', ')}: delete them or check the names (see the template's instructions)`,
    { item: version.code, columns: names, known: columnsOf(version).map((c) => c.label) },
  );
}

/** Headers as the catalog spells them where their NFKC forms agree; report columns blanked. */
function canonicalHeaders(version: CatalogItemVersion, cells: readonly string[]): string[] {
  const canonical = new Map<string, string>();
  for (const c of columnsOf(version)) {
    for (const name of [c.label, c.target, c.field?.key]) if (name) canonical.set(fold(name), c.label);
  }
  const ignored = new Set(Object.values(REPORT_COLUMNS).map(fold));
  return cells.map((cell) => {
    const key = fold(cell);
    if (ignored.has(key)) return '';
    return canonical.get(key) ?? headerLabel(cell);
  });
}
