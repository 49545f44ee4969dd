/**
 * Row errors that intake adds to the catalog's validation (STYLE §5: stable code, the field, what to
 * do, in Chinese and English). Like the catalog's, no message repeats a submitted value.
 */
import type { RowError } from '../catalog/index.ts';

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
 * Issue 15 W13, B27, A12: the record's validity (or a list entry's removal date) ended before it
 * arrived. Written and kept, but neither published nor used in checks. A submitted removal date is
 * in `actual` only, never in the message (no message repeats a submitted value); a B27 end is the
 * platform's own count and is said.
 */
export const alreadyExpired = (field: 'identifiedOn' | 'fields.validUntil', lastDay: string): RowError => ({
  ...rowError(
    'ALREADY_EXPIRED',
    field,
    field === 'identifiedOn'
      ? `按认定日期和失信程度，有效期已于 ${lastDay} 届满（B27）：记录已接收留档，但不公开、不用于核查；认定日期或失信程度有误的，请更正后重报。`
      : '移出日期已过（A12）：记录已接收留档，但不列入名单、不用于核查；日期有误的，请更正后重报。',
    field === 'identifiedOn'
      ? `Counted from identification by severity, its validity ended on ${lastDay} (B27): the record is kept but neither published nor used in checks; if the identification date or severity is wrong, correct it and push again.`
      : 'Its removal date has passed (A12): the record is kept but lists no one and is not used in checks; if the date is wrong, correct it and push again.',
  ),
  actual: lastDay,
});
