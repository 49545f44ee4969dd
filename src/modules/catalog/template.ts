/**
 * The xlsx template of a catalog item version (B16: providers without an interface report by file).
 * Sheet 1 has the item's columns (`columnsOf`: Chinese headers, `*` on required ones) and one example
 * row of valid, obviously fake values; sheet 2 (填写说明) explains every column and states the item's
 * usage scope and basis; a hidden sheet (选项) holds the drop-down lists. Every column is formatted as text so an 18-digit ID number is not turned into
 * a rounded number and dates stay as typed.
 */

import ExcelJS from 'exceljs';
import { chinaDayOf } from '../../platform/clock.ts';
import { citizenIdCheckChar, organizationCodeCheckChar, usccCheckChar } from '../identity-codes/index.ts';
import { SEVERITIES } from '../policy/index.ts';
import {
  CATEGORY_LABELS,
  type CatalogField,
  type CatalogItemVersion,
  FIELD_TYPE_LABELS,
  LIST_TYPE_LABELS,
  periodLabel,
  UPDATE_CYCLE_LABELS,
  USAGE_SCOPE_LABELS,
} from './catalog.ts';
import { columnsOf, type TemplateColumn } from './columns.ts';

export {
  columnsOf,
  headerLabel,
  mapHeaders,
  plainCellValue,
  rowInputOf,
  type TemplateColumn,
} from './columns.ts';

export const INSTRUCTIONS_SHEET = '填写说明';
export const CHOICES_SHEET = '选项';
/** Rows of the data sheet that get drop-down lists. */
const TEMPLATE_ROWS = 500;
const EXAMPLE_DATE = '2024-03-15';

/**
 * The example row's record ID. It is valid (the example must pass validation), so an upload should
 * refuse a row carrying it: a clerk who forgot to delete the example would otherwise report 张三.
 */
export const EXAMPLE_PROVIDER_RECORD_ID = '示例-请删除本行';

/** Fake but valid codes: 淮安市清河区, born 1985-01-01, male; an enterprise registered in 清江浦区. */
const EXAMPLE_PERSON_CODE = ((first17) => first17 + citizenIdCheckChar(first17))('32080219850101123');
const EXAMPLE_ORGANIZATION_CODE = ((body) => {
  const first17 = `91320812${body}${organizationCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
})('MA1WXY12');

/** The example row as a submitted row: what the template shows, and what `validateRecordRow` accepts. */
export function exampleRow(version: CatalogItemVersion): Record<string, unknown> {
  const person = version.subjectKinds[0] === 'person';
  const fields: Record<string, unknown> = {};
  for (const field of version.fields) fields[field.key] = exampleValue(field);
  return {
    item: version.code,
    providerRecordId: EXAMPLE_PROVIDER_RECORD_ID,
    subject: person
      ? { code: EXAMPLE_PERSON_CODE, name: '张三' }
      : { code: EXAMPLE_ORGANIZATION_CODE, name: '淮安示例科技有限公司' },
    ...(version.category === 'negative' ? { severity: '一般' } : {}),
    identifiedOn: EXAMPLE_DATE,
    fields,
  };
}

function exampleValue(field: CatalogField): string | number | boolean {
  if (field.example !== undefined) return field.example;
  switch (field.type) {
    case 'enum':
      return field.values?.[0] ?? '';
    case 'date':
      return field.notBeforeIdentified ? '2027-03-15' : EXAMPLE_DATE;
    case 'integer':
    case 'decimal':
      return field.min ?? 1;
    case 'boolean':
      return '否';
    case 'code':
      return field.codeOf === 'organization' ? EXAMPLE_ORGANIZATION_CODE : EXAMPLE_PERSON_CODE;
    case 'text':
      return `示例${field.label}`.slice(0, field.maxLength ?? 100);
  }
}

/** The cell text of a row value at a column's target (`subject.code`, `fields.amount`, …). */
function cellText(row: Record<string, unknown>, target: string): string {
  const [head, tail] = target.split('.', 2) as [string, string | undefined];
  const value = tail === undefined ? row[head] : (row[head] as Record<string, unknown> | undefined)?.[tail];
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(version: CatalogItemVersion): string {
  return version.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

export type TemplateOptions = {
  /** department code → name, for the instructions (codes are shown where a name is unknown) */
  departmentName?: (code: string) => string | undefined;
};

export async function buildTemplate(
  version: CatalogItemVersion,
  options: TemplateOptions = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'xinyong';
  workbook.title = `${version.name}（${version.code} 第${version.version}版）`;
  const columns = columnsOf(version);
  const data = workbook.addWorksheet(sheetName(version), { views: [{ state: 'frozen', ySplit: 1 }] });
  writeInstructions(workbook.addWorksheet(INSTRUCTIONS_SHEET), version, columns, options);
  writeDataSheet(data, workbook.addWorksheet(CHOICES_SHEET, { state: 'hidden' }), version, columns);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Values a column may take, offered as a drop-down list (typed values are still checked on upload). */
function choicesOf(column: TemplateColumn): readonly string[] | undefined {
  if (column.target === 'severity') return SEVERITIES;
  if (column.field?.type === 'boolean') return ['是', '否'];
  return column.field?.values;
}

function writeDataSheet(
  sheet: ExcelJS.Worksheet,
  choices: ExcelJS.Worksheet,
  version: CatalogItemVersion,
  columns: TemplateColumn[],
) {
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: Math.max(12, Math.min(40, c.label.length * 2 + 4)),
    style: { numFmt: '@' },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    if (column.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.note = [column.labelEn, column.note].filter(Boolean).join('\n');
  });
  const example = exampleRow(version);
  sheet.addRow(columns.map((c) => cellText(example, c.target)));
  // The lists live on a hidden sheet: an inline list is limited to 255 characters (A6's twelve grounds
  // are longer) and may not contain commas.
  columns.forEach((column, index) => {
    const values = choicesOf(column);
    if (!values) return;
    const letter = choices.getColumn(index + 1).letter;
    values.forEach((value, row) => {
      choices.getCell(row + 1, index + 1).value = value;
    });
    for (let row = 2; row <= TEMPLATE_ROWS; row++) {
      sheet.getCell(row, index + 1).dataValidation = {
        type: 'list',
        allowBlank: !column.required,
        formulae: [`'${CHOICES_SHEET}'!$${letter}$1:$${letter}$${values.length}`],
        showErrorMessage: true,
        error: '请从下拉列表中选择 / choose from the list',
      };
    }
  });
}

function writeInstructions(
  sheet: ExcelJS.Worksheet,
  version: CatalogItemVersion,
  columns: TemplateColumn[],
  options: TemplateOptions,
) {
  const department = (code: string) => options.departmentName?.(code) ?? code;
  const about: [string, string][] = [
    ['目录项', `${version.name}（${version.nameEn}）`],
    ['代码 / 版本', `${version.code} / 第${version.version}版（${chinaDayOf(version.publishedAt)} 发布）`],
    ['内容', version.description],
    [
      '类别',
      `${CATEGORY_LABELS[version.category].zh}${version.listType ? ` · ${LIST_TYPE_LABELS[version.listType]?.zh ?? version.listType}` : ''}`,
    ],
    ['信息主体', version.subjectKinds.map((k) => (k === 'person' ? '自然人' : '法人和其他组织')).join('、')],
    ['使用范围（B18）', USAGE_SCOPE_LABELS[version.usageScope].zh],
    ['更新周期', UPDATE_CYCLE_LABELS[version.updateCycle].zh],
    ['数据来源（提供单位）', version.providerDepartments.map(department).join('、')],
    ['使用期限', periodLabel(version.usagePeriod, version.category)],
    ['公示期限', periodLabel(version.publicationPeriod, version.category)],
    ['失信程度', version.severityRequired ? '必须标明：一般、较重或严重（B15）' : '不适用'],
    ['依据', version.basis.join('、')],
    ['注意', '不得填写宗教信仰、基因、血型、疾病和病史等禁止归集的信息（B14），含有此类信息的行整行拒收。'],
    ['填写', '第一张表第 2 行为示例，报送前请删除；带 * 的列为必填；日期写作 YYYY-MM-DD。'],
  ];
  for (const [key, value] of about) sheet.addRow([key, value]).getCell(1).font = { bold: true };
  sheet.addRow([]);
  const header = sheet.addRow(['列名', '字段键', '类型', '必填', '格式与取值', '说明']);
  header.font = { bold: true };
  for (const column of columns) {
    const field = column.field;
    sheet.addRow([
      column.header,
      column.target,
      field ? FIELD_TYPE_LABELS[field.type].zh : column.target === 'identifiedOn' ? '日期' : '文本',
      column.required ? '是' : '否',
      formatOf(column),
      column.note,
    ]);
  }
  sheet.columns = [{ width: 22 }, { width: 28 }, { width: 10 }, { width: 6 }, { width: 48 }, { width: 60 }];
}

function formatOf(column: TemplateColumn): string {
  const field = column.field;
  if (!field) {
    if (column.target === 'severity') return '一般、较重、严重';
    if (column.target === 'identifiedOn') return FIELD_TYPE_LABELS.date.format;
    if (column.target === 'subject.code') return FIELD_TYPE_LABELS.code.format;
    return '';
  }
  const parts = [
    field.type === 'enum' ? `取值：${(field.values ?? []).join('、')}` : FIELD_TYPE_LABELS[field.type].format,
  ];
  if (field.maxLength !== undefined) parts.push(`最多 ${field.maxLength} 字`);
  if (field.min !== undefined) parts.push(`不小于 ${field.min}`);
  if (field.max !== undefined) parts.push(`不大于 ${field.max}`);
  if (field.notBeforeIdentified) parts.push('不早于认定日期');
  if (field.codeOf) parts.push(field.codeOf === 'person' ? '公民身份号码' : '统一社会信用代码');
  return parts.join('；');
}
