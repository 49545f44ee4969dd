/**
 * The write half of a batch, inside the service's transaction: record rows built from the plan, the
 * batch row, the records with their row digests in the audit chain (A20), name conflicts, and one
 * `records.intake` audit entry with counts and error codes — never a submitted value.
 */

import { chinaDayOf } from '../../platform/clock.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { CanonicalJsonText, canonicalJson, RECORDS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordRowsWritten } from '../audit/row-digests.service.ts';
import { type CatalogItemVersion, validUntilOf } from '../catalog/index.ts';
import type { Db, Insertable } from '../database.ts';
import type { AcceptedRow, IntakeDeps, IntakeRequest, IntakeResult, RowResult } from './intake.types.ts';
import { isWrite, type Planned } from './intake-plan.ts';
import { recordCurrency } from './record-currency.ts';
import { type PushTimeliness, pushTimeliness, storedFields, validityEndsOn } from './records.content.ts';
import * as E from './records.errors.ts';
import type { RecordsRepository } from './records.repository.ts';
import type { RecordTable, SubjectNameConflictTable } from './records.tables.ts';

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
  /** the canonical JSON of each record's `fields` (same order), for its row digest */
  fieldsTexts: string[];
  conflicts: Insertable<SubjectNameConflictTable>[];
};

/** Registered subjects by blind index: id and registered name. */
export type KnownSubjects = ReadonlyMap<string, { id: string; name: string }>;

/**
 * Record rows for the planned creations and new versions; fills `results` for every accepted row.
 * `known`: subjects already read before the transaction (a subject row is written once and never
 * updated: its digest is in the audit chain); the others are looked up here.
 */
export async function buildRecords(
  trx: Db,
  batch: BatchContext,
  accepted: readonly AcceptedRow[],
  plan: readonly Planned[],
  results: RowResult[],
  known: KnownSubjects = new Map(),
): Promise<BuiltRecords> {
  const { deps, request, batchId } = batch;
  const missing = new Set<string>();
  accepted.forEach((a, i) => {
    if (isWrite(plan[i]!) && !known.has(a.subjectIndex)) missing.add(a.subjectIndex);
  });
  const found = missing.size > 0 ? await batch.repository.subjectsByBlindIndex(trx, [...missing]) : new Map();
  const subjectOf = (index: string) => known.get(index) ?? found.get(index);
  const receivedAt = deps.now();
  const receivedOn = chinaDayOf(receivedAt);
  const calendar = deps.calendar.current();
  // Rows of a batch share few identification dates: each item and date is timed once.
  const timeliness = new Map<CatalogItemVersion, Map<string, PushTimeliness>>();
  const pushOf = (item: CatalogItemVersion, identifiedOn: string) => {
    let byDate = timeliness.get(item);
    if (!byDate) {
      byDate = new Map();
      timeliness.set(item, byDate);
    }
    let push = byDate.get(identifiedOn);
    if (!push) {
      push = pushTimeliness(calendar, deps.policy, item, identifiedOn, receivedOn);
      byDate.set(identifiedOn, push);
    }
    return push;
  };
  const built: BuiltRecords = { records: [], sources: [], fieldsTexts: [], conflicts: [] };
  accepted.forEach((a, i) => {
    const planned = plan[i]!;
    const providerRecordId = a.row.providerRecordId;
    if (planned.outcome === 'refused') {
      results[a.index] = { index: a.index, providerRecordId, outcome: 'refused', errors: planned.errors };
      return;
    }
    if (planned.outcome === 'unchanged') {
      results[a.index] = {
        index: a.index,
        providerRecordId,
        outcome: 'unchanged',
        recordId: planned.recordId,
        version: planned.version,
      };
      return;
    }
    const subject = subjectOf(a.subjectIndex);
    if (!subject) throw new Error(`the subject of row ${a.index} is not registered`);
    const id = uuidv7();
    const push = pushOf(a.item, a.row.identifiedOn);
    const late = push.late && planned.outcome === 'created';
    const validityEnds = validityEndsOn(deps.policy, a.item, a.row);
    const fields = storedFields(a.item, a.row.fields, deps.sealer);
    built.records.push({
      id,
      record_key: planned.recordKey ?? id,
      version: planned.version,
      item_code: a.row.item,
      item_version: a.row.itemVersion,
      provider_department: request.providerDepartment,
      provider_record_id: asStored(a.row.providerRecordId),
      subject_id: subject.id,
      subject_name: asStored(a.row.subject.name),
      subject_ground: a.row.subjectGround,
      severity: a.row.severity,
      identified_on: a.row.identifiedOn,
      received_at: receivedAt,
      validity_ends_on: validityEnds,
      policy_id: deps.policy.id,
      policy_version: deps.policy.version,
      fields: JSON.stringify(fields),
      content_digest: a.fingerprint,
      reason: a.row.reason === null ? null : asStored(a.row.reason),
      push_workdays: push.workdays,
      // A9 times the push of a decision: a later correction (version 2, …) is not a late push.
      push_late: late ? 1 : 0,
      push_provisional: push.provisional ? 1 : 0,
      batch_id: batchId,
      change_basis_kind: planned.outcome === 'new_version' ? (planned.changeBasis?.kind ?? null) : null,
      change_basis_id: planned.outcome === 'new_version' ? (planned.changeBasis?.id ?? null) : null,
      // a provider's record: B26 records are written by the lists module (derived-records.ts)
      derived_from: null,
      derived_from_key: null,
      derived_basis: null,
      derived_role: null,
      derived_ended: null,
      withdrawn: a.row.withdrawn ? 1 : 0,
    });
    built.sources.push(a);
    // JSON text parses back to the very values written (strings, finite numbers, booleans, null)
    built.fieldsTexts.push(a.storedFieldsText ?? canonicalJson(fields, { fractions: true }));
    let warnings = a.row.warnings;
    // Issue 15 W13: the provider is told what the platform recorded about the push, not only `created`.
    if (late) warnings = [...warnings, E.pushLate(push, deps.policy.lists.pushDeadline.workdays)];
    // Judged by the one rule every read applies (record-currency.ts): the entry's removal date (A12),
    // B27 validity, the item's usage period (B8).
    const removal = a.item.listType === null ? null : validUntilOf(a.row.fields);
    const currency = recordCurrency(
      {
        identifiedOn: a.row.identifiedOn,
        validityEndsOn: validityEnds,
        usagePeriod: a.item.usagePeriod,
        listEntry:
          removal === null ? undefined : { status: 'active', validUntil: removal, removedByEntry: null },
      },
      receivedOn,
    );
    // A version ending the record on a decision (W3) ends it on purpose: nothing to warn about.
    const ordered = planned.outcome === 'new_version' && planned.changeBasis !== undefined;
    if (currency.state !== 'current' && currency.lastDay !== null && !ordered) {
      warnings = [...warnings, E.alreadyExpired(currency.basis as 'A12' | 'B27' | 'B8', currency.lastDay)];
    }
    if (subject.name !== a.row.subject.name) {
      // Never a silent overwrite: the registered name stays, the other one is kept for review.
      warnings = [...warnings, E.nameConflict()];
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
    const result: RowResult = {
      index: a.index,
      providerRecordId,
      outcome: planned.outcome,
      recordId: id,
      version: planned.version,
    };
    if (warnings.length > 0) result.warnings = [...warnings];
    results[a.index] = result;
  });
  return built;
}

/**
 * Text as both engines store it: their drivers write UTF-8, so a lone UTF-16 surrogate (malformed
 * text) is stored as U+FFFD. The record row carries the stored form, so the digest of the row as
 * built is the digest of the row as stored. Every other value of a record row is stored as given:
 * code-made strings, numbers, and `fields` as JSON text (which escapes lone surrogates).
 */
const asStored = (text: string) => (text.isWellFormed() ? text : text.toWellFormed());

/**
 * Commits the batch: its row (with counts) before the records that refer to it, then the records and
 * their digests, the name conflicts and the audit entry. `aborted`: an all-or-nothing batch with a
 * refused row, so nothing but the batch row and its audit entry is written, and every valid row is
 * reported as withheld.
 */
export async function commitBatch(
  trx: Db,
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
    await batch.repository.insertRecords(trx, outcome.records);
    // The rows as built are the rows as stored (see buildRecords), so they are digested without
    // being read back, `fields` by the canonical text already made; `audit verify` recomputes the
    // digests from the stored rows.
    const texts = outcome.fieldsTexts;
    await recordRowsWritten(
      trx,
      {
        table: RECORDS_AUDITED,
        rows: outcome.records.map((record, i) => ({ ...record, fields: new CanonicalJsonText(texts[i]!) })),
      },
      { ...writer, detail: { batchId } },
    );
    await batch.repository.insertNameConflicts(trx, outcome.conflicts);
    const hook = batch.deps.hooks?.written;
    if (hook) {
      const warnings = await hook(
        trx,
        outcome.records.map((record, i) => ({ record, accepted: outcome.sources[i]! })),
        { batchId, providerDepartment: request.providerDepartment, at: finishedAt, writer },
      );
      for (const [index, added] of warnings ?? []) {
        const result = results[index];
        if (result && added.length > 0) result.warnings = [...(result.warnings ?? []), ...added];
      }
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
