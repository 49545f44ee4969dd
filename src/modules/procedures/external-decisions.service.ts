/**
 * External decisions (issue 15 W3; A17, B30: beyond the platform's appeal lie administrative review
 * and litigation, "outside the platform, but recorded"). The credit office records a decision taken
 * outside the platform against one record — with its kind, document number (文号), deciding body, date
 * and what it decided — and the record's provider is told in its inbox. The provider then pushes the
 * correction naming the decision (`changeBasis`); intake allows one version that weakens the record on
 * it (records/record-change.ts). Nothing here alters a record: the provider's version does, under its
 * own row digest, tied to the decision.
 */

import { toJson } from '../../platform/db/engine.ts';
import { isUniqueViolation } from '../../platform/db/unique-violation.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type Actor, actorDepartment, actorId, actorRole } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import { readDate } from '../catalog/field-values.ts';
import type { Db, Store } from '../database.ts';
import type { ChangeBasisFound } from '../records/record-change.ts';
import { type DecisionRow, externalDecisionsRepository as repo } from './external-decisions.repository.ts';
import { EXTERNAL_DECISION_KINDS, type ExternalDecisionKind } from './procedures.tables.ts';

export type ExternalDecisionsDeps = {
  store: Store;
  audit: Pick<AuditTrail, 'writer'>;
  now: () => string;
  today: () => string;
};

export type ExternalDecisionInput = {
  recordId: string;
  kind: ExternalDecisionKind;
  documentNumber: string;
  authority: string;
  decidedOn: string;
  summary: string;
};

export const KIND_LABELS: Record<ExternalDecisionKind, string> = {
  administrative_review: '行政复议决定',
  court_judgment: '人民法院判决、裁定',
  revocation: '原决定机关撤销或变更决定',
};

/** What the API shows of a decision. */
export type ExternalDecisionView = {
  id: string;
  recordId: string;
  recordKey: string;
  providerDepartment: string;
  kind: ExternalDecisionKind;
  kindLabel: string;
  documentNumber: string;
  authority: string;
  decidedOn: string;
  summary: string;
  recordedAt: string;
  /** the version of the record that rests on it; null until the provider pushed it */
  appliedBy: { recordId: string; version: number } | null;
};

const view = (r: DecisionRow): ExternalDecisionView => ({
  id: r.id,
  recordId: r.record_id,
  recordKey: r.record_key,
  providerDepartment: r.provider_department,
  kind: r.kind,
  kindLabel: KIND_LABELS[r.kind],
  documentNumber: r.document_number,
  authority: r.authority,
  decidedOn: r.decided_on,
  summary: r.summary,
  recordedAt: r.recorded_at,
  appliedBy:
    r.applied_record_id === null ? null : { recordId: r.applied_record_id, version: r.applied_version! },
});

/** Text as entered, trimmed and with inner runs of white space kept (a 文号 has none worth keeping twice). */
const clean = (text: string) => text.trim();

/** The roles that see every department's decisions; others see those about their own records. */
const CITY_WIDE = new Set(['credit_office', 'center_staff']);

export function externalDecisionsService(deps: ExternalDecisionsDeps) {
  const { store } = deps;

  async function record(
    actor: Actor,
    input: ExternalDecisionInput,
    requestId?: string,
  ): Promise<ExternalDecisionView> {
    const documentNumber = clean(input.documentNumber);
    const authority = clean(input.authority);
    const summary = clean(input.summary);
    for (const [field, value, zh] of [
      ['documentNumber', documentNumber, '文号'],
      ['authority', authority, '作出决定的机关'],
      ['summary', summary, '决定内容'],
    ] as const) {
      if (value === '') {
        throw badRequest('EXTERNAL_DECISION_FIELD_MISSING', `请填写${zh}（${field}）`, `Fill in ${field}`, {
          field,
        });
      }
    }
    const decidedOn = readDate(input.decidedOn);
    if (typeof decidedOn !== 'string') {
      throw badRequest(
        'EXTERNAL_DECISION_DATE_INVALID',
        '决定日期（decidedOn）应为 YYYY-MM-DD 格式的有效日期',
        'decidedOn should be a valid date, YYYY-MM-DD',
        { field: 'decidedOn' },
      );
    }
    const today = deps.today();
    if (decidedOn > today) {
      throw badRequest(
        'EXTERNAL_DECISION_DATE_IN_FUTURE',
        `决定日期不能晚于今天（${today}）：请登记已经作出的决定`,
        `decidedOn cannot be later than today (${today}): record a decision already taken`,
        { field: 'decidedOn', today },
      );
    }
    const concerned = await repo.recordById(store.db, input.recordId.toLowerCase());
    if (!concerned) {
      throw notFound(
        'EXTERNAL_DECISION_RECORD_NOT_FOUND',
        '平台上没有这条记录：请填写决定所涉记录的平台记录编号（recordId）',
        'No such record on the platform: give the platform id (recordId) of the record the decision concerns',
        { field: 'recordId' },
      );
    }
    const identifiedOn = concerned.identified_on;
    if (decidedOn < identifiedOn) {
      throw badRequest(
        'EXTERNAL_DECISION_BEFORE_RECORD',
        `决定日期早于该记录的认定日期（${identifiedOn}）：请核对决定日期，或是否登记在了正确的记录上`,
        `decidedOn is earlier than the record's identification date (${identifiedOn}): check the date, or whether this is the right record`,
        { field: 'decidedOn', identifiedOn },
      );
    }
    const at = deps.now();
    const id = uuidv7();
    const writer = { ...deps.audit.writer(actor, requestId), at };
    try {
      await store.db.transaction().execute(async (trx: Db) => {
        if (await repo.findByDocument(trx, concerned.record_key, documentNumber)) throw duplicate();
        await repo.insert(
          trx,
          {
            id,
            record_key: concerned.record_key,
            record_id: concerned.id,
            subject_id: concerned.subject_id,
            provider_department: concerned.provider_department,
            kind: input.kind,
            document_number: documentNumber,
            authority,
            decided_on: decidedOn,
            summary,
            recorded_by: actorId(actor) ?? 'unknown',
            recorded_role: actorRole(actor),
            recorded_at: at,
          },
          {
            id: uuidv7(),
            kind: 'external_decision.recorded',
            article: 'A20',
            recipient_department: concerned.provider_department,
            subject_id: concerned.subject_id,
            entry_id: null,
            title: `信用办登记了涉及本单位记录的${KIND_LABELS[input.kind]}（${documentNumber}）：请据此更正记录（A20、B33）`,
            body: toJson({
              decisionId: id,
              recordId: concerned.id,
              providerRecordId: concerned.provider_record_id,
              item: concerned.item_code,
              kind: input.kind,
              documentNumber,
              authority,
              decidedOn,
              summary,
              howTo:
                '按决定更正的，报送该记录的新版本，“变更原因”写明更正内容，“变更依据编号”（changeBasis）填写本决定编号；一项决定只支持一次变更。',
              howToEn:
                'To correct the record on this decision, push its next version with the correction in reason and this decision id in changeBasis; a decision allows one change.',
            }),
            created_at: at,
            status: 'pending',
            attempts: 0,
            delivered_at: null,
            read_at: null,
            read_by: null,
          },
          writer,
          {
            action: 'procedures.external_decision_recorded',
            targetType: 'record',
            targetId: concerned.record_key,
            result: 'ok',
            detail: {
              decisionId: id,
              recordId: concerned.id,
              kind: input.kind,
              providerDepartment: concerned.provider_department,
            },
          },
        );
      });
    } catch (error) {
      // Two clerks recording the same 文号 at once: the unique index decides.
      if (isUniqueViolation(error)) throw duplicate();
      throw error;
    }
    const [stored] = await repo.byIds(store.db, [id]);
    return view(stored!);
  }

  /** Decisions visible to `actor`, newest first: city-wide roles see all, a provider its records'. */
  async function list(
    actor: Actor,
    filter: { recordId?: string | undefined; limit: number },
  ): Promise<ExternalDecisionView[]> {
    const cityWide = actor.kind === 'account' && CITY_WIDE.has(actor.role);
    const department = cityWide ? undefined : (actorDepartment(actor) ?? '(none)');
    let recordKey: string | undefined;
    if (filter.recordId !== undefined) {
      const concerned = await repo.recordById(store.db, filter.recordId.toLowerCase());
      if (!concerned) return [];
      recordKey = concerned.record_key;
    }
    const rows = await repo.list(store.db, { department, recordKey, limit: filter.limit });
    return rows.map(view);
  }

  /** For intake (issue 15 W3): the decisions with these ids, as change bases. */
  async function bases(trx: Db, ids: readonly string[]): Promise<Map<string, ChangeBasisFound>> {
    const keys = await repo.recordKeysOf(trx, ids);
    return new Map([...keys].map(([id, recordKey]) => [id, { kind: 'external_decision', recordKey }]));
  }

  return { record, list, bases };
}

const duplicate = () =>
  conflict(
    'EXTERNAL_DECISION_DUPLICATE',
    '这份决定（同一文号）已为该记录登记过，无需重复登记',
    'This decision (same document number) is already recorded for this record',
    { field: 'documentNumber' },
  );

export type ExternalDecisionsService = ReturnType<typeof externalDecisionsService>;

export { EXTERNAL_DECISION_KINDS };
