/**
 * The write half of a batch, inside the service's transaction: record rows built from the plan, the
 * batch row, the records with their row digests in the audit chain (A20), name conflicts, and one
 * `records.intake` audit entry with counts and error codes — never a submitted value.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { appendAudit, chinaDayOf, type RowsWrittenMeta, recordRowsWritten } from '../audit/index.ts';
import type { AcceptedRow, IntakeDeps, IntakeRequest, IntakeResult, RowResult } from './intake.types.ts';
import type { Planned } from './intake-plan.ts';
import { pushTimeliness, storedFields, validityEndsOn } from './records.content.ts';
import * as E from './records.errors.ts';
import type { RecordsRepository } from './records.repository.ts';
import type { RecordTable, SubjectNameConflictTable } from './records.schema.ts';

export type BatchContext = {
  deps: IntakeDeps;
  repository: RecordsRepository;
  request: IntakeRequest;
  batchId: string;
  startedAt: string;
  writer: RowsWrittenMeta;
};

export type BuiltRecords = {
  records: Insertable<RecordTable>[];
  /** the accepted row each of `records` was built from (same order) */
  sources: AcceptedRow[];
  conflicts: Insertable<SubjectNameConflictTable>[];
};

/** Record rows for the planned creations and new versions; fills `results` for every accepted row. */
export async function buildRecords(
  trx: Kysely<Database>,
  batch: BatchContext,
  accepted: readonly AcceptedRow[],
  plan: readonly Planned[],
  results: RowResult[],
): Promise<BuiltRecords> {
  const { deps, request, batchId } = batch;
  const writing = accepted.filter((_, i) => isWrite(plan[i]!));
  const subjects = await batch.repository.subjectsByDigest(trx, [
    ...new Set(writing.map((a) => a.subjectIndex)),
  ]);
  const receivedAt = deps.now();
  const receivedOn = chinaDayOf(receivedAt);
  const calendar = deps.calendar.current();
  const built: BuiltRecords = { records: [], sources: [], conflicts: [] };
  accepted.forEach((a, i) => {
    const planned = plan[i]!;
    const base = { index: a.index, providerRecordId: a.row.providerRecordId };
    if (planned.outcome === 'refused') {
      results[a.index] = { ...base, outcome: 'refused', errors: planned.errors };
      return;
    }
    if (planned.outcome === 'unchanged') {
      results[a.index] = {
        ...base,
        outcome: 'unchanged',
        recordId: planned.recordId,
        version: planned.version,
      };
      return;
    }
    const subject = subjects.get(a.subjectIndex);
    if (!subject) throw new Error(`the subject of row ${a.index} is not registered`);
    const id = uuidv7();
    const push = pushTimeliness(calendar, deps.policy, a.item, a.row.identifiedOn, receivedOn);
    built.records.push({
      id,
      record_key: planned.recordKey ?? id,
      version: planned.version,
      item_code: a.row.item,
      item_version: a.row.itemVersion,
      provider_department: request.providerDepartment,
      provider_record_id: a.row.providerRecordId,
      subject_id: subject.id,
      subject_name: a.row.subject.name,
      severity: a.row.severity,
      identified_on: a.row.identifiedOn,
      received_at: receivedAt,
      validity_ends_on: validityEndsOn(deps.policy, a.item, a.row),
      policy_id: deps.policy.id,
      policy_version: deps.policy.version,
      fields: JSON.stringify(storedFields(a.item, a.row.fields, deps.sealer)),
      content_digest: a.digest,
      reason: a.row.reason,
      push_workdays: push.workdays,
      // A9 times the push of a decision: a later correction (version 2, …) is not a late push.
      push_late: push.late && planned.outcome === 'created' ? 1 : 0,
      push_provisional: push.provisional ? 1 : 0,
      batch_id: batchId,
    });
    built.sources.push(a);
    const warnings = [...a.row.warnings];
    if (subject.name !== a.row.subject.name) {
      // Never a silent overwrite: the registered name stays, the other one is kept for review.
      warnings.push(E.nameConflict());
      built.conflicts.push({
        id: uuidv7(),
        subject_id: subject.id,
        known_name: subject.name,
        submitted_name: a.row.subject.name,
        provider_department: request.providerDepartment,
        batch_id: batchId,
        record_id: id,
        status: 'open',
        detected_at: receivedAt,
      });
    }
    results[a.index] = {
      ...base,
      outcome: planned.outcome,
      recordId: id,
      version: planned.version,
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  });
  return built;
}

const isWrite = (p: Planned) => p.outcome === 'created' || p.outcome === 'new_version';

/**
 * Commits the batch: its row (with counts) before the records that refer to it, then the records and
 * their digests, the name conflicts and the audit entry. `aborted`: an all-or-nothing batch with a
 * refused row, so nothing but the batch row and its audit entry is written, and every valid row is
 * reported as withheld.
 */
export async function commitBatch(
  trx: Kysely<Database>,
  batch: BatchContext,
  outcome: { accepted: readonly AcceptedRow[]; plan: readonly Planned[]; results: RowResult[] } & (
    | { aborted: true }
    | ({ aborted: false } & BuiltRecords)
  ),
): Promise<IntakeResult> {
  const { request, batchId, writer } = batch;
  const { results } = outcome;
  let aborted = 0;
  if (outcome.aborted) {
    outcome.accepted.forEach((a, i) => {
      const planned = outcome.plan[i];
      if (planned?.outcome === 'refused') {
        results[a.index] = {
          index: a.index,
          providerRecordId: a.row.providerRecordId,
          outcome: 'refused',
          errors: planned.errors,
        };
        return;
      }
      aborted++;
      results[a.index] = {
        index: a.index,
        providerRecordId: a.row.providerRecordId,
        outcome: 'refused',
        errors: [E.batchAborted()],
      };
    });
  }
  const count = (o: RowResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const summary = {
    total: request.rows.length,
    created: count('created'),
    unchanged: count('unchanged'),
    newVersion: count('new_version'),
    refused: count('refused'),
    aborted,
  };
  const finishedAt = batch.deps.now();
  await batch.repository.insertBatch(trx, {
    id: batchId,
    provider_department: request.providerDepartment,
    channel: request.channel,
    mode: request.mode,
    total: summary.total,
    created: summary.created,
    unchanged: summary.unchanged,
    new_version: summary.newVersion,
    refused: summary.refused - aborted,
    aborted,
    actor_id: writer.actorId ?? null,
    actor_role: writer.actorRole,
    request_id: writer.requestId ?? null,
    started_at: batch.startedAt,
    finished_at: finishedAt,
  });
  if (!outcome.aborted && outcome.records.length > 0) {
    const written = await batch.repository.insertRecords(trx, outcome.records);
    await recordRowsWritten(trx, { table: 'records', rows: written }, { ...writer, detail: { batchId } });
    await batch.repository.insertNameConflicts(trx, outcome.conflicts);
    const hook = batch.deps.hooks?.written;
    if (hook) {
      await hook(
        trx,
        outcome.records.map((record, i) => ({ record, accepted: outcome.sources[i]! })),
        { batchId, providerDepartment: request.providerDepartment, at: finishedAt, writer },
      );
    }
  }
  const errorCodes: Record<string, number> = {};
  for (const r of results) for (const e of r.errors ?? []) errorCodes[e.code] = (errorCodes[e.code] ?? 0) + 1;
  await appendAudit(trx, {
    ...writer,
    at: finishedAt,
    action: 'records.intake',
    targetType: 'intake_batch',
    targetId: batchId,
    result: outcome.aborted ? 'error' : 'ok',
    detail: { channel: request.channel, mode: request.mode, ...summary, errorCodes },
  });
  return { batchId, summary, results };
}
