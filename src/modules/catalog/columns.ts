/**
 * The columns of an item's spreadsheet (template, upload, error report) and how a header maps back to
 * a path of a submitted row. One definition serves writing and reading, so headers round-trip.
 */
import type { CatalogField, CatalogItemDraft, SubjectKind } from './catalog.ts';
import { isBlank } from './field-values.ts';
import { isForbiddenFieldName } from './forbidden.ts';

export type TemplateColumn = {
  /** the header as written in the template: the label, with `*` when required */
  header: string;
  label: string;
  labelEn: string;
  /** where the cell goes in a submitted row: `subject.code`, `identifiedOn`, `fields.amount`, … */
  target: string;
  required: boolean;
  note: string;
  field?: CatalogField;
};

const SUBJECT_LABELS: Record<
  'person' | 'organization' | 'both',
  { code: [string, string]; name: [string, string] }
> = {
  person: { code: ['公民身份号码', 'citizen ID number'], name: ['姓名', 'name'] },
  organization: { code: ['统一社会信用代码', 'unified social credit code'], name: ['名称', 'name'] },
  both: { code: ['信息主体代码', 'subject code'], name: ['信息主体名称', 'subject name'] },
};

function subjectLabels(kinds: readonly SubjectKind[]) {
  return SUBJECT_LABELS[kinds.length === 1 ? kinds[0]! : 'both'];
}

const header = (label: string, required: boolean) => (required ? `${label}*` : label);

/** The columns every item has, before and after its own fields (B15: severity on negative items only). */
export function columnsOf(version: CatalogItemDraft): TemplateColumn[] {
  const subject = subjectLabels(version.subjectKinds);
  const base = (label: string, labelEn: string, target: string, required: boolean, note: string) => ({
    header: header(label, required),
    label,
    labelEn,
    target,
    required,
    note,
  });
  const columns: TemplateColumn[] = [
    base(
      subject.code[0],
      subject.code[1],
      'subject.code',
      true,
      '18 位公民身份号码或统一社会信用代码（C §3(1)）；旧数据可填 9 位组织机构代码（A8(2)）。',
    ),
    base(subject.name[0], subject.name[1], 'subject.name', true, '与证件一致的全称。'),
    base(
      '本单位记录编号',
      "provider's record ID",
      'providerRecordId',
      true,
      '这条信息在本单位系统中的编号；重复报送同一编号视为同一条信息，不会重复归集（B16）。',
    ),
  ];
  if (version.category === 'negative') {
    columns.push(
      base(
        '失信程度',
        'severity',
        'severity',
        version.severityRequired,
        '一般、较重或严重（B15）；决定有效期（B27）。',
      ),
    );
  }
  columns.push(
    base(
      version.identifiedOnLabel ?? '认定日期',
      'identification date',
      'identifiedOn',
      true,
      '认定（决定）之日，YYYY-MM-DD；不能晚于今天。有效期自此日起算（B27）。',
    ),
  );
  for (const field of version.fields) {
    columns.push({
      ...base(field.label, field.labelEn, `fields.${field.key}`, field.required, field.note ?? ''),
      field,
    });
  }
  if (version.subjectKinds.includes('person')) {
    columns.push(
      base(
        '以自己劳动收入为主要生活来源',
        'self-supporting by own labour (B2)',
        'subject.selfSupporting',
        false,
        '信息主体在认定日期为16或17周岁、以自己的劳动收入为主要生活来源的，填“是”（B2：视为完全民事行为能力人）；其他情况留空。未满16周岁的，信息不予归集。',
      ),
    );
  }
  columns.push(
    base('变更原因', 'reason for the change', 'reason', false, '修改已报送的信息时填写原因；首次报送留空。'),
    base(
      '变更依据编号',
      'change basis',
      'changeBasis',
      false,
      '修改依据信用办登记的外部决定（行政复议决定、判决、原决定机关撤销或变更决定）进行时，填写平台给出的决定编号。降低失信程度、提前认定或移出日期、删去事实等减轻失信信息的修改必须填写（A20、B33）；其他情况留空。',
    ),
    base(
      '撤销本记录',
      'withdraw the record',
      'withdrawn',
      false,
      '依据成立的异议或外部决定（如判决撤销原处罚决定）撤销已报送的记录时填“是”，并填写变更原因和变更依据编号；撤销后该记录不再公开和使用，也不能再修改（A20）。其他情况留空。',
    ),
  );
  return columns;
}

/** A header as a person may have typed it: without `*`, spaces or the full-width asterisk. */
export function headerLabel(raw: unknown): string {
  return String(plainCellValue(raw) ?? '')
    .replace(/[\s*＊]+/gu, '')
    .trim();
}

export type HeaderMapping = {
  /** per spreadsheet column: the template column it is, or undefined */
  columns: (TemplateColumn | undefined)[];
  /** required template columns the sheet lacks */
  missing: TemplateColumn[];
  /** headers the item does not know; `forbidden` when the header itself names B14 data */
  unknown: { index: number; header: string; forbidden: boolean }[];
};

/** Other names clerks give the subject columns (a sheet made for another item, or by hand). */
const HEADER_ALIASES: Record<string, readonly string[]> = {
  'subject.code': [
    ...Object.values(SUBJECT_LABELS).map((l) => l.code[0]),
    '身份证号',
    '身份证号码',
    '公民身份证号码',
    '组织机构代码',
    '统一社会信用代码或组织机构代码',
  ],
  'subject.name': [...Object.values(SUBJECT_LABELS).map((l) => l.name[0]), '单位名称', '企业名称'],
};

/** Maps a sheet's header row to the item's columns by label, field key or target path. */
export function mapHeaders(version: CatalogItemDraft, headers: readonly unknown[]): HeaderMapping {
  const columns = columnsOf(version);
  const byName = new Map<string, TemplateColumn>();
  for (const c of columns) {
    for (const alias of HEADER_ALIASES[c.target] ?? []) byName.set(alias, c);
    byName.set(c.label, c);
    byName.set(c.target, c);
    if (c.field) byName.set(c.field.key, c);
  }
  const seen = new Set<TemplateColumn>();
  const unknown: HeaderMapping['unknown'] = [];
  const mapped = headers.map((raw, index) => {
    const label = headerLabel(raw);
    if (label === '') return undefined;
    const column = byName.get(label);
    if (!column || seen.has(column)) {
      unknown.push({ index, header: label, forbidden: isForbiddenFieldName(label) });
      return undefined;
    }
    seen.add(column);
    return column;
  });
  return { columns: mapped, missing: columns.filter((c) => c.required && !seen.has(c)), unknown };
}

/**
 * One spreadsheet row as a submitted row, ready for `validateRecordRow`. A filled cell under an unknown
 * header goes into `fields` under that header, so the row is refused with CATALOG_FIELD_UNKNOWN — or
 * FORBIDDEN_DATA when the header names B14 data — rather than silently dropped.
 */
export function rowInputOf(
  version: CatalogItemDraft,
  mapping: HeaderMapping,
  cells: readonly unknown[],
): Record<string, unknown> {
  const row: Record<string, unknown> = { item: version.code };
  const subject: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  mapping.columns.forEach((column, index) => {
    const value = plainCellValue(cells[index]);
    if (isBlank(value) || !column) return;
    if (column.target.startsWith('fields.')) fields[column.target.slice(7)] = value;
    else if (column.target.startsWith('subject.')) subject[column.target.slice(8)] = value;
    else row[column.target] = value;
  });
  for (const { index, header: name } of mapping.unknown) {
    const value = plainCellValue(cells[index]);
    if (!isBlank(value)) fields[name] = value;
  }
  row.subject = subject;
  row.fields = fields;
  return row;
}

/** A spreadsheet cell's value: rich text and hyperlinks as their text, formulas as their result. */
export function plainCellValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return plainCellValue(v.result);
  if (typeof v.text === 'string') return v.text;
  return undefined;
}
