/**
 * Every problem a submitted row can have, with its stable code, the field (dotted path) and what to fix
 * in Chinese and English (STYLE §5). Messages never repeat a submitted free-text value: an error report
 * is written to files and logs, and a value may be personal data.
 */
import type { CodeError } from '../identity-codes/index.ts';
import { CATEGORY_LABELS, type CatalogItemVersion, FIELD_TYPE_LABELS, type FieldType } from './catalog.ts';

export type RowError = {
  code: string;
  /** dotted path: `fields.amount`, `subject.code`, `identifiedOn` */
  field: string;
  message: string;
  messageEn: string;
  /** identity codes: 1-based position of the wrong character */
  position?: number;
  expected?: string;
  actual?: string;
  /** identity codes: the code checker's own error code (CODE_CHECKSUM, …) */
  cause?: string;
};

/** A label for a path, in both languages: `“罚款金额”（fields.fineAmount）`. */
export type Where = { field: string; zh: string; en: string };

const at = (w: Where) => ({ zh: `“${w.zh}”（${w.field}）`, en: `"${w.en}" (${w.field})` });

export function rowError(code: string, where: Where, zh: string, en: string, extra?: Partial<RowError>) {
  const { zh: z, en: e } = at(where);
  return { code, field: where.field, message: `${z}${zh}`, messageEn: `${e} ${en}`, ...extra };
}

export const missing = (w: Where, noneValue?: string): RowError =>
  noneValue === undefined
    ? rowError('CATALOG_FIELD_MISSING', w, '为必填项，请填写。', 'is required; fill it in.')
    : rowError(
        'CATALOG_FIELD_MISSING',
        w,
        `为必填项；没有的，请填写“${noneValue}”。`,
        `is required; where there is none, write "${noneValue}".`,
      );

const TYPE_ZH: Record<FieldType | 'object', string> = {
  text: '应为文本',
  date: '应为日期 YYYY-MM-DD，例如 2024-03-15',
  integer: '应为整数，例如 12',
  decimal: '应为数字（可带小数点），例如 1500.50',
  enum: '应为文本选项',
  code: '应为身份代码文本',
  boolean: '应为“是”或“否”',
  object: '应为对象（字段键 → 值）',
};
const TYPE_EN: Record<FieldType | 'object', string> = {
  text: 'should be text',
  date: 'should be a date YYYY-MM-DD, e.g. 2024-03-15',
  integer: 'should be a whole number, e.g. 12',
  decimal: 'should be a number (decimals allowed), e.g. 1500.50',
  enum: 'should be one of the listed values, as text',
  code: 'should be an identity code, as text',
  boolean: 'should be 是 (yes) or 否 (no)',
  object: 'should be an object (field key → value)',
};

export const wrongType = (w: Where, type: FieldType | 'object'): RowError =>
  rowError('CATALOG_FIELD_TYPE', w, `${TYPE_ZH[type]}。`, `${TYPE_EN[type]}.`, {
    expected: type === 'object' ? 'object' : FIELD_TYPE_LABELS[type].en,
  });

export const tooLong = (w: Where, max: number, actual: number): RowError =>
  rowError(
    'CATALOG_FIELD_TOO_LONG',
    w,
    `最多 ${max} 个字符，现有 ${actual} 个，请精简。`,
    `may have at most ${max} characters but has ${actual}; shorten it.`,
    { expected: String(max), actual: String(actual) },
  );

export const notInEnum = (w: Where, values: readonly string[]): RowError =>
  rowError(
    'CATALOG_ENUM_VALUE',
    w,
    `应为以下之一：${values.join('、')}。`,
    `should be one of: ${values.join(', ')}.`,
    { expected: values.join('|') },
  );

export const badFormat = (w: Where, note: string | undefined): RowError =>
  rowError(
    'CATALOG_FIELD_FORMAT',
    w,
    `格式不符${note ? `：${note}` : '，请按填写说明填写'}。`,
    `does not have the required format${note ? ` (${note})` : '; see the instructions'}.`,
  );

export const outOfRange = (w: Where, min: number | undefined, max: number | undefined): RowError => {
  const zh =
    min !== undefined && max !== undefined
      ? `${min} 到 ${max} 之间`
      : min !== undefined
        ? `不小于 ${min}`
        : `不大于 ${max}`;
  const en =
    min !== undefined && max !== undefined
      ? `between ${min} and ${max}`
      : min !== undefined
        ? `at least ${min}`
        : `at most ${max}`;
  return rowError('CATALOG_FIELD_RANGE', w, `应${zh}。`, `should be ${en}.`);
};

export const beforeIdentified = (w: Where, identifiedOn: string): RowError =>
  rowError(
    'CATALOG_FIELD_RANGE',
    w,
    `不得早于认定日期 ${identifiedOn}，请核对。`,
    `may not be earlier than the identification date ${identifiedOn}; check it.`,
  );

export const unknownField = (
  item: CatalogItemVersion,
  field: string,
  known: readonly string[],
): RowError => ({
  code: 'CATALOG_FIELD_UNKNOWN',
  field,
  message: `目录项“${item.name}”（${item.code} 第${item.version}版）没有 ${field}，请删除或核对名称；可填写的有：${known.join('、')}。`,
  messageEn: `Catalog item ${item.code} (version ${item.version}) has no ${field}; remove it or check the name. Allowed: ${known.join(', ')}.`,
});

export const codeError = (errorCode: string, w: Where, error: CodeError): RowError => ({
  code: errorCode,
  field: w.field,
  message: `${at(w).zh}有误：${error.message}`,
  messageEn: `${at(w).en} is invalid: ${error.messageEn}`,
  cause: error.code,
  ...(error.position === undefined ? {} : { position: error.position }),
  ...(error.expected === undefined ? {} : { expected: error.expected }),
  ...(error.actual === undefined ? {} : { actual: error.actual }),
});

const KIND_ZH = {
  person: '自然人（公民身份号码）',
  organization: '法人和其他组织（统一社会信用代码或组织机构代码）',
};
const KIND_EN = {
  person: 'natural persons (citizen ID number)',
  organization: 'organizations (USCC or organization code)',
};

export const wrongSubjectKind = (
  code: string,
  w: Where,
  accepted: readonly ('person' | 'organization')[],
  actual: 'person' | 'organization',
): RowError =>
  rowError(
    code,
    w,
    `是${KIND_ZH[actual]}，本项只接受${accepted.map((k) => KIND_ZH[k]).join('或')}，请核对。`,
    `identifies ${KIND_EN[actual]}, but only ${accepted.map((k) => KIND_EN[k]).join(' or ')} are accepted here; check it.`,
    { expected: accepted.join('|'), actual },
  );

export const identifiedInFuture = (w: Where, date: string, today: string): RowError =>
  rowError(
    'RECORD_IDENTIFIED_IN_FUTURE',
    w,
    `${date} 晚于今天（${today}），认定日期不能在将来，请核对。`,
    `${date} is after today (${today}); an identification date cannot be in the future. Check it.`,
    { expected: `<= ${today}`, actual: date },
  );

export const severityRequired = (w: Where): RowError =>
  rowError(
    'RECORD_SEVERITY_REQUIRED',
    w,
    '负面信息须标明失信程度：一般、较重或严重（B15）。',
    'negative information must be marked 一般 (ordinary), 较重 (more serious) or 严重 (severe) (B15).',
    { expected: '一般|较重|严重' },
  );

export const severityNotAllowed = (w: Where, item: CatalogItemVersion): RowError =>
  rowError(
    'RECORD_SEVERITY_NOT_ALLOWED',
    w,
    `只用于失信行为信息（B15），本项是${CATEGORY_LABELS[item.category].zh}，请留空。`,
    `applies to dishonest conduct only (B15); this item is ${CATEGORY_LABELS[item.category].en}. Leave it empty.`,
  );

export const providerIdInvalid = (w: Where): RowError =>
  rowError(
    'RECORD_PROVIDER_ID_INVALID',
    w,
    '应为本单位系统中这条信息的编号：1–100 个字符，不含换行等控制字符；同一编号重复报送视为同一条信息。',
    "should be this record's ID in your own system: 1–100 characters, no line breaks or control characters; resending an ID means the same record.",
  );

export const itemMismatch = (w: Where, item: CatalogItemVersion): RowError =>
  rowError(
    'RECORD_ITEM_MISMATCH',
    w,
    `应为“${item.code}”（${item.name}），该行按此目录项校验。`,
    `should be "${item.code}" (${item.nameEn}); the row is checked against that item.`,
    { expected: item.code },
  );

export const rowNotObject = (): RowError => ({
  code: 'RECORD_ROW_INVALID',
  field: '(row)',
  message: '每行应为一个对象：item、providerRecordId、subject、identifiedOn、fields 等。',
  messageEn: 'Each row should be an object with item, providerRecordId, subject, identifiedOn, fields, ….',
});

/** B14: names the field, never the value, and never what kind of data it seemed to be. */
export const forbiddenData = (field: string): RowError => ({
  code: 'FORBIDDEN_DATA',
  field,
  message: `${field} 含有禁止归集的个人信息（宗教信仰、基因、血型、疾病和病史等，B14），整行已拒收、未保存。请删除该内容后重新报送；如属误判，请改写表述或联系市公共信用信息中心。`,
  messageEn: `${field} contains personal data the platform may not collect (religious belief, genes, blood type, illness or medical history, B14); the whole row was refused and nothing was stored. Remove it and resend; if this is a mistake, rephrase it or contact the credit center.`,
});

/** B2 (issue 15 W8): under 16 on the identification date, never a subject of the platform. */
export const subjectUnder16 = (w: Where, age: number): RowError =>
  rowError(
    'RECORD_SUBJECT_UNDER_16',
    w,
    `表明信息主体在认定日期为 ${age} 周岁，未满16周岁，不是完全民事行为能力人（B2），其信用信息不予归集；号码或认定日期有误的，请更正后重报。`,
    `shows the subject was ${age} on the identification date: under 16, not of full civil capacity (B2), so the information is not collected; if the number or the date is wrong, correct it and push again.`,
    { actual: String(age), expected: '>= 16' },
  );

/** B2 (issue 15 W8): 16 or 17 on the identification date, without the stated ground. */
export const subjectMinor = (w: Where, age: number): RowError =>
  rowError(
    'RECORD_SUBJECT_MINOR',
    w,
    `：信息主体在认定日期为 ${age} 周岁。未满18周岁的，只有年满16周岁、以自己的劳动收入为主要生活来源的，视为完全民事行为能力人，其信息才能归集（B2）；属于这种情况的，请在此填写“是”，否则不予报送。`,
    `: the subject was ${age} on the identification date. Under 18, only a person of 16 or more living mainly on the income of their own labour counts as of full civil capacity (B2); if that is the case, state it here (true / 是), otherwise do not push the row.`,
    { actual: String(age), expected: '>= 18' },
  );

/** Issue 15 W3: a change basis is named by the id the platform gave it. */
export const changeBasisInvalid = (w: Where): RowError =>
  rowError(
    'CHANGE_BASIS_INVALID',
    w,
    '应为平台给出的决定编号（形如 0193a5c2-…的 36 位编号）；没有依据的修改请留空。',
    'should be the id the platform gave the decision (36 characters, like 0193a5c2-…); leave it blank for a change without one.',
  );
