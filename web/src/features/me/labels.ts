/**
 * Words for the codes the API answers with, where the API gives a code and no label of its own. They
 * name what the server decided; nothing here decides anything.
 */
import type { operations } from '../../api/schema.ts';
import type { Tone } from './StatusTag.tsx';

/** The JSON body of an operation's 200 answer. */
type Ok<O extends keyof operations> = operations[O]['responses'] extends {
  200: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type MyRecord = Ok<'getMeRecords'>['records'][number];
export type MySubject = Ok<'getMeSubject'>;
export type Objection = Ok<'getMeObjectionsById'>;
export type Repair = Ok<'getMeRepairsById'>;
export type Eligibility = Ok<'getMeRepairsEligibility'>;
export type Consent = Ok<'getMeConsents'>['consents'][number];
export type ReceivedConsent = Ok<'listReceivedConsents'>['consents'][number];
export type ConsentedRecord = Ok<'readConsentedRecords'>['records'][number];
export type ConsentRead = Ok<'listMyConsentReads'>['reads'][number];
export type Notice = Ok<'getMeInbox'>['notices'][number];
export type CatalogItem = Ok<'getCatalog'>['items'][number];
export type Department = Ok<'getDepartments'>['departments'][number];
export type FilingRules = Ok<'getProceduresFilingRules'>;
export type EvidenceFile = Objection['evidence'][number];
export type Standing = Objection['steps'][number]['standing'];

export type SubjectKind = MySubject['kind'];

/**
 * B18: who may read a record of this item besides its subject — for the subject's kind: the portal
 * publishes an organization's public items to anyone, but a person's only as a black-list entry while
 * it lasts, name and ID number masked (A7); a counterparty reads a person only the items a consent of
 * theirs names (decision 0042).
 */
export const SCOPE_LABELS: Record<
  MyRecord['usageScope'],
  { label: string; explain: Record<SubjectKind, string> }
> = {
  public: {
    label: '公开',
    explain: {
      organization: '社会公开：任何人可在本网站查询',
      person:
        '社会公开类：本网站只在列入黑名单期间公示名单信息，姓名和身份号码部分隐去；交易对方须经您授权、只能查询授权列明的信息',
    },
  },
  government: {
    label: '政务共享',
    explain: {
      organization: '政务共享：政府部门依职责查询，不向社会公开',
      person: '政务共享：政府部门依职责查询，不向社会公开',
    },
  },
  authorized: {
    label: '授权查询',
    explain: {
      organization: '授权查询：只有经您授权的部门或交易对方可以查询',
      person: '授权查询：只有经您授权的部门或交易对方可以查询',
    },
  },
};

/**
 * Under the grant form: what a consent opens, for the granter's kind (B21, B24; A7 for a person).
 */
export const CONSENT_SCOPE_HELP: Record<SubjectKind, string> = {
  organization:
    '“授权查询”类信息只有经您授权才能被查询，对方只能查询授权列明的信息；社会公开信息任何人都可在本网站查询；政务共享信息不向交易对方提供。',
  person:
    '您的信用信息不向社会公开：本网站只在列入黑名单期间公示名单信息，且姓名和身份号码部分隐去。经您授权，对方只能在授权期限内、为授权的用途查询授权列明的信息；政务共享信息不向交易对方提供。',
};

/** The record's state as the API gives it (records/record-currency.ts), in words. */
export const STATE_LABELS: Record<MyRecord['state'], { label: string; color: Tone }> = {
  current: { label: '有效', color: 'green' },
  expired: { label: '已过有效期', color: 'gray' },
  removed: { label: '已移出名单', color: 'gray' },
  usage_ended: { label: '使用期限已满', color: 'gray' },
  withdrawn: { label: '已撤销', color: 'gray' },
  repaired: { label: '已修复（转为档案）', color: 'purple' },
};

/** A record under a procedure: the procedure is what the subject sees first. */
export const PROCEDURE_LABELS: Record<'objection' | 'repair', { label: string; color: Tone }> = {
  objection: { label: '异议处理中', color: 'orange' },
  repair: { label: '信用修复中', color: 'blue' },
};

/** Why the record is shown to the reader (access/scope.ts's bases). */
export const READ_BASIS_LABELS: Record<string, string> = {
  own_subject: '本人查询（B20：信息主体有权查询本人的全部信用信息）',
  public: '社会公开信息',
  government_duty: '政府部门依职责查询',
  own_provider: '报送单位查询本单位报送的信息',
  consent: '依您的授权查询',
};

/** Why a record is shown to a counterparty reading under a consent it was given (B21, B24). */
export const GRANTEE_READ_BASIS_LABELS: Record<string, string> = {
  public: '社会公开信息',
  consent: '依对方给您的授权查询（B21、B24）',
};

/** B9–B13: the catalog's categories, as the report groups them. */
export const CATEGORY_LABELS: Record<CatalogItem['category'], string> = {
  basic: '基础信息',
  positive: '守信（正面）信息',
  negative: '失信（负面）信息',
  other: '其他信息',
};

export const CONSENT_STATUS_LABELS: Record<Consent['status'], { label: string; color: Tone }> = {
  active: { label: '有效', color: 'green' },
  expired: { label: '已到期', color: 'gray' },
  revoked: { label: '已撤回', color: 'gray' },
};

export const READER_VIA_LABELS: Record<ConsentRead['reader']['via'], string> = {
  staff: '部门工作人员',
  system: '部门业务系统',
  account: '被授权方本人账号',
};

export const PARTY_LABELS: Record<string, string> = {
  center: '市公共信用信息中心',
  provider: '信息提供单位',
  credit_office: '市信用办',
  subject: '本人',
};

export const OBJECTION_STEP_LABELS: Record<Objection['steps'][number]['step'], string> = {
  review: '信用中心审核',
  verification: '提供单位核实',
  correction: '提供单位更正',
  appeal: '信用办处理申诉',
};

export const REPAIR_STEP_LABELS: Record<Repair['steps'][number]['step'], string> = {
  opinion: '提供单位出具修复意见',
  notice_verification: '核实公示期间的异议',
  adoption: '信用中心作出采纳决定',
};

/** A step's standing as the API states it; the colour only follows the state. */
export const STANDING_COLORS: Record<Standing['state'], Tone> = {
  on_time: 'blue',
  due_today: 'orange',
  overdue: 'red',
  closed_on_time: 'green',
  closed_late: 'volcano',
  no_deadline: 'gray',
};

export const VERDICT_LABELS: Record<
  Eligibility['verdict'],
  { label: string; type: 'success' | 'info' | 'warning' | 'error' }
> = {
  eligible: { label: '可以申请', type: 'success' },
  needs_judgement: { label: '可以申请，部分条件由提供单位判断', type: 'info' },
  not_yet: { label: '暂不满足条件', type: 'warning' },
  excluded: { label: '不得申请修复', type: 'error' },
};

export const CONDITION_STATUS_LABELS: Record<Eligibility['conditions'][number]['status'], string> = {
  met: '已满足',
  not_met: '尚未满足',
  judgement: '待提供单位判断',
};
