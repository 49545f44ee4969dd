/**
 * Feedback (issue 5 point 6, A21): after a check, the department's system reports what it actually did
 * for a subject — the measures applied, the outcome, an amount where one is involved, the legal basis,
 * the date — the shape approval systems report in. One report per subject of a check; it is kept as
 * written (a correction would be a new, reasoned record, not an edit).
 */

import type { Sealer } from '../../platform/crypto/sealing.ts';
import { fromJson, toJson } from '../../platform/db/engine.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { isIsoDate } from '../../platform/iso-date.ts';
import { type Actor, actorDepartment, actorId } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { Store } from '../database.ts';
import { checkCode } from '../identity-codes/index.ts';
import type { Policy } from '../policy/index.ts';
import { checksRepository } from './checks.repository.ts';
import { quarterBounds, quarterlyReportOf, quarterlyReportXlsx, quarterRange } from './quarterly-report.ts';

export const FEEDBACK_OUTCOMES = ['refused', 'restricted', 'favored', 'approved', 'other'] as const;
export type FeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number];
export const FEEDBACK_OUTCOME_LABELS: Record<FeedbackOutcome, string> = {
  refused: '不予受理/不予许可/取消资格',
  restricted: '限制或从严审核',
  favored: '给予激励便利',
  approved: '正常办理',
  other: '其他',
};

export type FeedbackInput = {
  /** the subject's position in the check (0-based), or its code */
  position?: number | undefined;
  code?: string | undefined;
  measuresApplied: string[];
  outcome: FeedbackOutcome;
  /** yuan, a decimal string or number with at most two decimals */
  amount?: string | number | undefined;
  legalBasis: string;
  decidedOn: string;
  businessRef?: string | undefined;
  note?: string | undefined;
};

type PartRow = [number, string | null, string | null, string | null, string[], string[], string[]];

const invalid = (field: string, zh: string, en: string, extra: Record<string, unknown> = {}) =>
  badRequest('FEEDBACK_INVALID', zh, en, { field, ...extra });

export type FeedbackDeps = {
  store: Store;
  sealer: Pick<Sealer, 'blindIndex'>;
  audit: Pick<AuditTrail, 'record'>;
  /** when the rules took effect: the first year a quarterly report may cover */
  policy: Pick<Policy, 'effectiveFrom'>;
  now: () => string;
  today: () => string;
};

export function feedbackService(ctx: FeedbackDeps) {
  const db = ctx.store.db;

  async function findResult(checkId: string, input: FeedbackInput): Promise<PartRow> {
    let blindIndex: string | undefined;
    if (input.position === undefined) {
      const check = checkCode(input.code ?? '', { today: ctx.today() });
      if (!check.valid) throw invalid('code', '主体代码不正确', 'The subject code is not valid');
      blindIndex = ctx.sealer.blindIndex(check.upgraded ?? check.normalized);
    }
    for (const results of await checksRepository.resultsOf(db, checkId, input.position)) {
      for (const row of fromJson<PartRow[]>(results)) {
        if (input.position !== undefined ? row[0] === input.position : row[1] === blindIndex) return row;
      }
    }
    throw badRequest(
      'FEEDBACK_SUBJECT_NOT_IN_CHECK',
      '这次核查中没有这个主体；请填写核查结果中的 index 或主体代码',
      'This subject is not in the check; give the index or the code from the check result',
      { field: input.position !== undefined ? 'position' : 'code' },
    );
  }

  async function report(actor: Actor, checkId: string, input: FeedbackInput, requestId?: string) {
    const check = await checksRepository.checkOf(db, checkId);
    if (!check) throw notFound('CHECK_NOT_FOUND', '没有这次核查', 'No such check', { checkId });
    const department = actorDepartment(actor);
    if (!department || department !== check.department) {
      throw new AppError(
        'CHECK_NOT_YOURS',
        403,
        '只有发起核查的部门可以反馈执行情况',
        'Only the department that made the check reports on it',
      );
    }
    if (input.position === undefined && input.code === undefined) {
      throw invalid(
        'position',
        '请填写主体在核查中的序号 position 或主体代码 code',
        'Give the subject’s position in the check or its code',
      );
    }
    const row = await findResult(checkId, input);
    const offered = new Set(row[5].map((m) => m.slice(0, m.lastIndexOf('@'))));
    const unknown = input.measuresApplied.filter((m) => !offered.has(m));
    if (unknown.length > 0) {
      throw badRequest(
        'FEEDBACK_MEASURE_NOT_OFFERED',
        `措施 ${unknown.join('、')} 不在这次核查对该主体给出的措施中（${[...offered].join('、') || '无'}）`,
        `Measure(s) ${unknown.join(', ')} were not among those the check gave for this subject (${[...offered].join(', ') || 'none'})`,
        { field: 'measuresApplied', unknown },
      );
    }
    const today = ctx.today();
    if (!isIsoDate(input.decidedOn)) {
      throw invalid('decidedOn', '办理日期应为 YYYY-MM-DD', 'decidedOn should be YYYY-MM-DD');
    }
    if (input.decidedOn < check.check_day || input.decidedOn > today) {
      throw invalid(
        'decidedOn',
        `办理日期应在核查日（${check.check_day}）与今天之间`,
        `decidedOn must fall between the check day (${check.check_day}) and today`,
      );
    }
    let amount: string | null = null;
    if (input.amount !== undefined) {
      amount = String(input.amount).trim();
      if (!/^\d{1,15}(\.\d{1,2})?$/.test(amount)) {
        throw invalid(
          'amount',
          '金额应为不小于 0 的数字，最多两位小数（单位：元）',
          'amount should be a number ≥ 0 with at most two decimals (yuan)',
        );
      }
    }
    if (input.legalBasis.trim() === '') throw invalid('legalBasis', '请填写依据', 'Give the legal basis');
    const existing = await checksRepository.feedbackAt(db, checkId, row[0]);
    if (existing) {
      throw conflict(
        'FEEDBACK_EXISTS',
        '该主体的执行情况已反馈',
        'Feedback for this subject was reported already',
        { feedbackId: existing.id },
      );
    }
    const hit = await checksRepository.hitAt(db, checkId, row[0]);
    const id = uuidv7();
    const at = ctx.now();
    await checksRepository.insertFeedback(db, {
      id,
      check_id: checkId,
      position: row[0],
      hit_id: hit?.id ?? null,
      department,
      measures_applied: toJson(input.measuresApplied),
      outcome: input.outcome,
      amount,
      legal_basis: input.legalBasis.trim(),
      decided_on: input.decidedOn,
      business_ref: input.businessRef ?? null,
      note: input.note ?? null,
      reported_at: at,
      reported_by: actorId(actor),
    });
    await ctx.audit.record({
      actor,
      action: 'checks.feedback',
      targetType: 'check',
      targetId: checkId,
      result: 'ok',
      detail: {
        feedbackId: id,
        position: row[0],
        measuresApplied: input.measuresApplied,
        outcome: input.outcome,
      },
      requestId,
    });
    return { feedbackId: id, checkId, position: row[0], reportedAt: at };
  }

  return {
    report,
    /** A21: the quarter's checks, hits and feedback per department (all, or one department's). */
    async quarterly(quarter: string, department?: string) {
      const range = quarterRange(quarter, quarterBounds(ctx.policy.effectiveFrom, ctx.today()));
      const [departmentNames, checks, hits, measuresApplied] = await Promise.all([
        checksRepository.departmentNames(db),
        checksRepository.checksPerDepartment(db, range, department),
        checksRepository.hitsPerDepartment(db, range, department),
        checksRepository.measuresApplied(db, range, department),
      ]);
      return quarterlyReportOf(range, { departmentNames, checks, hits, measuresApplied }, department);
    },
    quarterlyXlsx: quarterlyReportXlsx,
  };
}

export type FeedbackService = ReturnType<typeof feedbackService>;
