/**
 * Row errors that intake adds to the catalog's validation (STYLE §5: stable code, the field, what to
 * do, in Chinese and English). Like the catalog's, no message repeats a submitted value.
 */
import type { RowError } from '../catalog/index.ts';
import type { Weakening, WeakeningKind } from './record-change.ts';

const rowError = (code: string, field: string, message: string, messageEn: string): RowError => ({
  code,
  field,
  message,
  messageEn,
});

/** B14, A15(2): the field is named, the value never. */
export const forbiddenData = (field: string): RowError =>
  rowError(
    'FORBIDDEN_DATA',
    field,
    `“${field}”含有依法禁止采集的信息（宗教信仰、基因、血型、疾病和病史等，B14），整行拒收，请删除后重新报送。`,
    `"${field}" holds data the platform may never collect (religion, genes, blood type, illness or medical history, B14); the row is refused: remove it and push again.`,
  );

export const rowNotObject = (): RowError =>
  rowError(
    'RECORD_ROW_INVALID',
    '(row)',
    '每一行应为一个对象（item、providerRecordId、subject、identifiedOn、fields 等）。',
    'Each row should be an object (item, providerRecordId, subject, identifiedOn, fields, …).',
  );

export const itemUnknown = (): RowError =>
  rowError(
    'RECORD_ITEM_UNKNOWN',
    'item',
    '目录中没有这个目录项，请按公共信用信息目录填写目录项代码（B8）。',
    'No such catalog item; give the code of an item in the public credit information catalog (B8).',
  );

export const providerNotAllowed = (department: string): RowError =>
  rowError(
    'RECORD_PROVIDER_NOT_ALLOWED',
    'item',
    `目录未将本单位（${department}）列为该目录项的数据来源，不能报送此类信息（B8，谁提供谁负责 B4）。`,
    `The catalog does not list your department (${department}) as a source of this item, so it cannot push it (B8; B4).`,
  );

export const reasonRequired = (): RowError =>
  rowError(
    'RECORD_REASON_REQUIRED',
    'reason',
    '该记录已报送过且内容有变化：修改须形成新版本并说明原因，请填写“变更原因”（A20、B33）。',
    'This record was pushed before with other content: a change is a new version and needs a reason; fill in reason (A20, B33).',
  );

export const itemChanged = (): RowError =>
  rowError(
    'RECORD_ITEM_CHANGED',
    'item',
    '该报送编号已用于另一目录项的记录，记录的目录项不能更改；请使用新的报送编号。',
    'This provider record id belongs to a record of another catalog item, which cannot change; use a new id.',
  );

export const duplicateInBatch = (firstIndex: number): RowError =>
  rowError(
    'RECORD_DUPLICATE_IN_BATCH',
    'providerRecordId',
    `本批第 ${firstIndex + 1} 行已使用同一报送编号；同一记录在一批中只能出现一次，修改请另批报送。`,
    `Row ${firstIndex + 1} of this batch has the same provider record id; a record may appear once per batch (send a change in a later batch).`,
  );

/** B26 records are the platform's (derived-records.ts): their ids are never a provider's. */
export const recordIdReserved = (prefix: string): RowError =>
  rowError(
    'RECORD_ID_RESERVED',
    'providerRecordId',
    `以“${prefix}”开头的编号留给平台记入责任人信用记录的记录（B26），请使用其他报送编号。`,
    `Ids starting with "${prefix}" are reserved for the records the platform writes to responsible persons (B26); use another provider record id.`,
  );

export const batchAborted = (): RowError =>
  rowError(
    'RECORD_BATCH_ABORTED',
    'item',
    '本行无误，但本批为“全部成功或全部不写入”方式且有其他行被拒收，因此未写入；请更正被拒收的行后整批重报。',
    'This row is valid but was not written: the batch is all-or-nothing and another row was refused; fix that row and push the batch again.',
  );

export const nameConflict = (): RowError =>
  rowError(
    'SUBJECT_NAME_CONFLICT',
    'subject.name',
    '平台已登记该代码的信息主体，但名称不同：记录已接收，名称差异已提交人工核查，登记名称未被覆盖。',
    'The platform knows this code under another name: the record was received, the difference is flagged for review and the registered name was not overwritten.',
  );

/**
 * Issue 15 W13, A9: a list decision received later than the policy's limit. A warning, not a refusal:
 * the record is written and counted late in the department's timeliness figures (A22).
 */
export const pushLate = (push: { workdays: number; provisional: boolean }, limit: number): RowError => ({
  ...rowError(
    'PUSH_LATE',
    'identifiedOn',
    `认定日至接收日已过 ${push.workdays} 个工作日，超过名单 ${limit} 个工作日的报送时限（A9）：记录已接收，` +
      `计入本单位报送及时性统计（A22）${push.provisional ? '；所涉年份的节假日安排尚未公布，工作日按暂定日历计算' : ''}。`,
    `${push.workdays} working days passed between identification and receipt, beyond the ${limit}-working-day limit for list decisions (A9): ` +
      `the record was received and counts as late in this department's timeliness figures (A22)` +
      `${push.provisional ? "; a year's holiday schedule is not yet published, so the count is provisional" : ''}.`,
  ),
  actual: String(push.workdays),
  expected: `<= ${limit}`,
});

/**
 * Issue 15 W13: a record that is no longer current on the day it arrives, by the one currency rule
 * (record-currency.ts): its removal date (A12), its B27 validity, or its item's usage period (B8).
 * Written and kept, but neither published nor used in checks. A submitted removal date is in `actual`
 * only, never in the message (no message repeats a submitted value); a B27 or B8 end is the
 * platform's own count and is said.
 */
export const alreadyExpired = (basis: 'A12' | 'B27' | 'B8', lastDay: string): RowError => ({
  ...rowError(
    'ALREADY_EXPIRED',
    basis === 'A12' ? 'fields.validUntil' : 'identifiedOn',
    basis === 'A12'
      ? '移出日期已过（A12）：记录已接收留档，但不列入名单、不用于核查；日期有误的，请更正后重报。'
      : basis === 'B27'
        ? `按认定日期和失信程度，有效期已于 ${lastDay} 届满（B27）：记录已接收留档，但不公开、不用于核查；认定日期或失信程度有误的，请更正后重报。`
        : `按目录规定的使用期限，该信息已于 ${lastDay} 到期（B8）：记录已接收留档，但不再提供使用；认定日期有误的，请更正后重报。`,
    basis === 'A12'
      ? 'Its removal date has passed (A12): the record is kept but lists no one and is not used in checks; if the date is wrong, correct it and push again.'
      : basis === 'B27'
        ? `Counted from identification by severity, its validity ended on ${lastDay} (B27): the record is kept but neither published nor used in checks; if the identification date or severity is wrong, correct it and push again.`
        : `Its catalog item's usage period ended on ${lastDay} (B8): the record is kept but no longer served for use; if the identification date is wrong, correct it and push again.`,
  ),
  actual: lastDay,
  expected: basis,
});

/** Issue 15 W3: what each weakening is called in the refusal. */
const WEAKENING_LABELS: Record<WeakeningKind, { zh: string; en: string }> = {
  withdrawal: { zh: '撤销整条记录', en: 'withdraws the whole record' },
  severity: { zh: '降低失信程度', en: 'lowers the severity' },
  identifiedOn: { zh: '提前认定日期', en: 'moves the identification date earlier' },
  validity: { zh: '缩短有效期（B27）', en: 'shortens the validity (B27)' },
  validUntil: { zh: '提前移出日期（A12）', en: 'brings the removal date forward (A12)' },
  ground: { zh: '变更列入依据（A5、A6）', en: 'changes the listing ground (A5, A6)' },
  fact: { zh: '删去已报送的事实', en: 'drops a fact pushed before' },
  amount: { zh: '调低金额', en: 'lowers an amount' },
};

const CHANGE_BASIS_HINT_ZH =
  '请在“变更依据编号”（changeBasis）中填写成立的异议编号，或信用办登记的外部决定（行政复议决定、判决、原决定机关撤销或变更决定）的编号';
const CHANGE_BASIS_HINT_EN =
  'give in changeBasis the id of the upheld objection, or of the external decision the credit office recorded (administrative review, judgment, revocation by the deciding body)';

/** `weakenings` described; fields named by their column label where the item gives one. */
function describeWeakenings(
  weakenings: readonly Weakening[],
  labelOf: (field: string) => string | undefined,
) {
  const kinds = [...new Set(weakenings.map((w) => w.kind))];
  const detailed = weakenings.filter((w) => w.kind === 'fact' || w.kind === 'amount');
  const names = detailed.map((w) => labelOf(w.field) ?? w.field);
  return {
    zh:
      kinds.map((k) => WEAKENING_LABELS[k].zh).join('、') +
      (names.length > 0 ? `（${names.join('、')}）` : ''),
    en:
      kinds.map((k) => WEAKENING_LABELS[k].en).join(', ') +
      (names.length > 0 ? ` (${detailed.map((w) => w.field).join(', ')})` : ''),
    fields: [...new Set(weakenings.map((w) => w.field))].join(','),
  };
}

export const weakeningNeedsBasis = (
  weakenings: readonly Weakening[],
  labelOf: (field: string) => string | undefined = () => undefined,
): RowError => {
  const d = describeWeakenings(weakenings, labelOf);
  return {
    ...rowError(
      'RECORD_WEAKENING_NEEDS_BASIS',
      weakenings[0]!.field,
      `本次修改减轻了失信信息：${d.zh}。失信信息只能依法定程序变更（A20、B33）：依据成立的异议，` +
        `或行政复议、诉讼等外部决定。${CHANGE_BASIS_HINT_ZH}；笔误更正、补充事实等不减轻的修改，只需填写变更原因。`,
      `This change weakens negative credit information: it ${d.en}. Negative information changes only through ` +
        `a legal procedure (A20, B33): an upheld objection, or an administrative review or court decision; ` +
        `${CHANGE_BASIS_HINT_EN}. A change that weakens nothing (a typo, an added fact) needs only its reason.`,
    ),
    actual: d.fields,
  };
};

/** A version that rests on a decision is not undone by a plain correction (A20, B33). */
export const decisionUndone = (
  undone: readonly Weakening[],
  labelOf: (field: string) => string | undefined = () => undefined,
): RowError => {
  const d = describeWeakenings(undone, labelOf);
  return {
    ...rowError(
      'RECORD_DECISION_UNDONE',
      undone[0]!.field,
      `当前版本是依据异议或外部决定作出的更正，本次修改会撤回其中的变更（${d.fields}）。` +
        `依据决定作出的变更同样只能依法定程序改回：${CHANGE_BASIS_HINT_ZH}。`,
      `The current version is a correction resting on an objection or external decision; this change would take back what it changed (${d.fields}). ` +
        `A change made on a decision is undone only through a legal procedure too: ${CHANGE_BASIS_HINT_EN}.`,
    ),
    actual: d.fields,
  };
};

/** A record is about one subject: another subject is another record (like RECORD_ITEM_CHANGED). */
export const subjectChanged = (): RowError =>
  rowError(
    'RECORD_SUBJECT_CHANGED',
    'subject.code',
    '该报送编号的记录属于另一信息主体，记录的信息主体不能更改。认定对象有误的，请依据成立的异议或外部决定结束原记录（如提前移出日期），再以新的报送编号为正确的主体报送。',
    "This provider record id belongs to a record about another subject, and a record's subject cannot change. Where the wrong subject was identified, end the record on an upheld objection or external decision (e.g. bring its removal date forward) and push a new record, with a new id, for the right subject.",
  );

export const changeBasisUnknown = (): RowError =>
  rowError(
    'CHANGE_BASIS_UNKNOWN',
    'changeBasis',
    `平台上没有这个变更依据编号。${CHANGE_BASIS_HINT_ZH}（信用办登记后通知本单位）。`,
    `The platform has no change basis with this id; ${CHANGE_BASIS_HINT_EN} (the office's recording tells your department).`,
  );

export const changeBasisNotForNew = (): RowError =>
  rowError(
    'CHANGE_BASIS_NOT_FOR_NEW',
    'changeBasis',
    '变更依据只用于修改已报送的记录；首次报送的记录请将“变更依据编号”留空。',
    'A change basis applies to a change of a record pushed before; leave changeBasis blank on a first push.',
  );

export const changeBasisOtherRecord = (): RowError =>
  rowError(
    'CHANGE_BASIS_OTHER_RECORD',
    'changeBasis',
    '该变更依据登记在另一条记录上，不能用于本记录；请核对编号，或请信用办为本记录登记决定。',
    'This change basis was recorded for another record and cannot be used for this one; check the id, or ask the credit office to record the decision for this record.',
  );

export const changeBasisUsed = (version: number | null): RowError =>
  rowError(
    'CHANGE_BASIS_USED',
    'changeBasis',
    `该变更依据已用于${version === null ? '另一条记录' : `本记录第 ${version} 版`}；一项决定只支持一次变更，需再次变更的，请信用办登记新的决定。`,
    `This change basis already allowed ${version === null ? 'a version of another record' : `version ${version} of this record`}; a decision allows one change: for another, the credit office records a new decision.`,
  );

export const changeBasisNotReady = (): RowError =>
  rowError(
    'CHANGE_BASIS_NOT_READY',
    'changeBasis',
    '该异议尚未被认定成立（或已据以更正），不能作为更正依据；请待信用中心作出异议成立的决定后再报送更正（A16、B29）。',
    'This objection has not been upheld (or its correction was already made), so it cannot be the basis of a change; push the correction once the credit center upholds it (A16, B29).',
  );

/** Issue 15 W3: a withdrawn record is ended for good (A20). */
export const recordWithdrawn = (): RowError =>
  rowError(
    'RECORD_WITHDRAWN',
    'providerRecordId',
    '该记录已依据决定撤销，不能再修改；需要重新记载的，请以新的报送编号报送（A20）。',
    'This record was withdrawn on a decision and takes no further version; to record it again, push a new record with a new id (A20).',
  );

export const withdrawalNotForNew = (): RowError =>
  rowError(
    'RECORD_WITHDRAWAL_NOT_FOR_NEW',
    'withdrawn',
    '“撤销本记录”只用于撤销已报送的记录；首次报送请留空。',
    'withdrawn applies to a record pushed before; leave it blank on a first push.',
  );
