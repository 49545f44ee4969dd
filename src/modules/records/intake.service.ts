import { chinaDayOf } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/unique-violation.ts';
import { badRequest } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { RowsWrittenMeta } from '../audit/index.ts';
import type { CatalogItemVersion } from '../catalog/index.ts';
import type { Db } from '../database.ts';
import { type CodeException, type CodeKind, checkCode } from '../identity-codes/index.ts';
import { type NewSubject, newSubjectOf } from '../subjects/subjects.repository.ts';
import { withChangeRules } from './change-rules.service.ts';
import {
  type AcceptedRow,
  type IntakeDeps,
  type IntakeRequest,
  type IntakeResult,
  MAX_ROWS_PER_CALL,
  type RowResult,
} from './intake.types.ts';
import { isWrite, type PlanInput, type Planned, planRows } from './intake-plan.ts';
import { itemCodesOf, screenRows } from './intake-rows.ts';
import { type BatchContext, buildRecords, commitBatch, type KnownSubjects } from './intake-write.service.ts';
import { fingerprintContent } from './records.content.ts';
import { recordsRepository } from './records.repository.ts';
import { intakeStats } from './records-stats.service.ts';

/** Thrown inside the transaction to roll an all-or-nothing batch back. */
class BatchRefused extends Error {
  readonly plan: Planned[];
  constructor(plan: Planned[]) {
    super('all-or-nothing batch refused');
    this.plan = plan;
  }
}

const hasRefusal = (plan: readonly Planned[]) => plan.some((p) => p.outcome === 'refused');

/**
 * 归集 (B16–B17): one batch of rows from one provider through one channel (API, spreadsheet, CLI).
 * Each row lands whole or is refused with reasons. A batch's records, their row digests (A20) and its
 * audit entry commit in one transaction; subjects new to the platform are registered just before
 * (their own audited write), and only for rows about to be written.
 */
export function intakeService(deps: IntakeDeps) {
  const { store, sealer } = deps;
  const { catalog } = deps;
  const repository = recordsRepository(store);

  async function loadItems(codes: string[]): Promise<Map<string, CatalogItemVersion>> {
    const items = new Map<string, CatalogItemVersion>();
    for (const code of codes) {
      const item = await catalog.current(code);
      if (item) items.set(code, item);
    }
    return items;
  }

  /** The registry of code exceptions, read once per batch (it is small; validation is synchronous). */
  async function codeExceptions() {
    const registered = await deps.codes.listExceptions();
    const byCode = new Map<string, CodeException>(
      registered.map((e) => [e.code, { code: e.code, kind: e.kind as CodeKind, reason: e.reason }]),
    );
    return byCode.size === 0 ? {} : { codeException: (code: string) => byCode.get(code) };
  }

  async function ensureSubjects(
    accepted: AcceptedRow[],
    plan: Planned[],
    now: string,
    meta: RowsWrittenMeta,
  ): Promise<KnownSubjects> {
    const subjects = new Map<string, NewSubject>();
    // Subjects already on the platform need nothing: look them up by blind index first, so a batch
    // about known subjects seals and inserts nothing.
    const candidates = accepted.filter(
      (_, i) => plan[i]!.outcome !== 'unchanged' && plan[i]!.outcome !== 'refused',
    );
    const known = await repository.subjectsByBlindIndex(deps.store.db, [
      ...new Set(candidates.map((a) => a.subjectIndex)),
    ]);
    accepted.forEach(({ row, subjectIndex }, i) => {
      const outcome = plan[i]!.outcome;
      if (outcome === 'unchanged' || outcome === 'refused' || subjects.has(row.subject.code)) return;
      if (known.has(subjectIndex)) return;
      const { kind, code, codeKind, name } = row.subject;
      subjects.set(
        code,
        newSubjectOf({ kind, code, codeKind, name }, checkCode(code, { today: chinaDayOf(now) })),
      );
    });
    if (subjects.size > 0) await deps.subjects.ensure([...subjects.values()], now, meta);
    // A subject row is written once and never updated (its digest is in the audit chain), so those
    // found here need not be read again inside the batch's transaction.
    return known;
  }

  async function submit(request: IntakeRequest): Promise<IntakeResult> {
    const { rows, mode, providerDepartment: department } = request;
    if (rows.length < 1 || rows.length > MAX_ROWS_PER_CALL) {
      throw badRequest(
        'RECORD_BATCH_SIZE',
        `每批应有 1 至 ${MAX_ROWS_PER_CALL} 行，现有 ${rows.length} 行`,
        `A batch holds 1 to ${MAX_ROWS_PER_CALL} rows; this one has ${rows.length}`,
        { max: MAX_ROWS_PER_CALL, actual: rows.length },
      );
    }
    const startedAt = deps.now();
    const batch: BatchContext = {
      deps,
      repository,
      request,
      batchId: uuidv7(),
      startedAt,
      writer: deps.audit.writer(request.actor, request.requestId),
    };
    const screened = screenRows(rows, {
      department,
      items: await loadItems(itemCodesOf(rows)),
      today: chinaDayOf(startedAt),
      ...(await codeExceptions()),
    });
    // A batch names the same subject on many rows: each code's blind index is computed once.
    const blindIndexes = new Map<string, string>();
    const blindIndex = (code: string) => {
      let index = blindIndexes.get(code);
      if (index === undefined) {
        index = sealer.blindIndex(code);
        blindIndexes.set(code, index);
      }
      return index;
    };
    const results: RowResult[] = new Array(rows.length);
    const accepted: AcceptedRow[] = [];
    for (const s of screened) {
      if (!s.valid) {
        const { valid: _, ...refused } = s;
        results[s.index] = { ...refused, outcome: 'refused' };
        continue;
      }
      const subjectIndex = blindIndex(s.row.subject.code);
      const { fingerprint, storedFieldsText } = fingerprintContent(s.item, s.row, blindIndex);
      accepted.push({ ...s, fingerprint, subjectIndex, storedFieldsText });
    }
    const planInput: PlanInput[] = accepted.map((a) => ({
      index: a.index,
      providerRecordId: a.row.providerRecordId,
      item: a.row.item,
      reason: a.row.reason,
      fingerprint: a.fingerprint,
      namedBasis: a.row.changeBasis,
    }));
    const ids = planInput.map((p) => p.providerRecordId);
    const today = chinaDayOf(startedAt);
    /** Rows other modules refuse (A4: a red list row for a black-listed subject), as refusals in the plan. */
    const withHookRefusals = async (trx: Db, plan: Planned[]): Promise<Planned[]> => {
      const refuse = deps.hooks?.refuse;
      if (!refuse) return plan;
      const writing = accepted.filter((_, i) => isWrite(plan[i]!));
      if (writing.length === 0) return plan;
      const refusals = await refuse(
        trx,
        writing.map((a) => ({ accepted: a, subjectIndex: a.subjectIndex })),
        today,
      );
      if (refusals.size === 0) return plan;
      return plan.map((p) => {
        const errors = refusals.get(p.index);
        return errors ? { ...p, outcome: 'refused', errors } : p;
      });
    };
    /** Every rule that may refuse a planned write, against what is stored now. */
    const judge = async (trx: Db, plan: Planned[]) =>
      withHookRefusals(trx, await withChangeRules(trx, deps, repository, accepted, plan));
    const abort = (plan: Planned[]) =>
      store.db
        .transaction()
        .execute((trx) => commitBatch(trx, batch, { accepted, plan, results, aborted: true }));

    // A first look before any write, so an all-or-nothing batch that will fail registers no subject.
    const preview = await judge(
      store.db,
      planRows(planInput, await repository.latestVersions(store.db, department, ids)),
    );
    if (mode === 'all_or_nothing' && (accepted.length < rows.length || hasRefusal(preview))) {
      return abort(preview);
    }
    const known = await ensureSubjects(accepted, preview, startedAt, {
      ...batch.writer,
      detail: { batchId: batch.batchId },
    });

    for (let attempt = 1; ; attempt++) {
      try {
        return await store.db.transaction().execute(async (trx) => {
          // Planned again inside the transaction: what another push committed meanwhile counts.
          const plan = await judge(
            trx,
            planRows(planInput, await repository.latestVersions(trx, department, ids)),
          );
          if (mode === 'all_or_nothing' && hasRefusal(plan)) throw new BatchRefused(plan);
          const built = await buildRecords(trx, batch, accepted, plan, results, known);
          return commitBatch(trx, batch, { accepted, plan, results, aborted: false, ...built });
        });
      } catch (error) {
        if (error instanceof BatchRefused) return abort(error.plan);
        // A concurrent push of the same record won the unique index: plan again against it.
        if (attempt >= 3 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  return {
    submit,
    repository,
    /** Per-department intake figures for China dates [from, to] (A9, A22, B35). */
    stats: (from: string, to: string) => intakeStats(repository, deps.policy, from, to),
  };
}

export type IntakeService = ReturnType<typeof intakeService>;
