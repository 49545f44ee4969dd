/**
 * Credit checks (issue 5 points 5–7): a department's system asks about the applicants of a business
 * (1 to 10,000 at once, or a stream of millions), is told block / warn / favor / none with the entries
 * and measures behind it, reports back what it did, and the credit office counts it all per quarter.
 */

import { chinaDayOf } from '../../platform/clock.ts';
import type { Sealer } from '../../platform/crypto/sealing.ts';
import { type Digester, digestThread } from '../../platform/crypto/sm3-thread.ts';
import { toJson } from '../../platform/db/engine.ts';
import { badRequest } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type Actor, actorDepartment, actorId, actorRole } from '../access/actor.ts';
import type { CatalogRepository } from '../catalog/index.ts';
import type { Insertable, Store } from '../database.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import type { ListTypesService } from '../lists/list-types.service.ts';
import type { MeasuresService } from '../measures/measures.service.ts';
import { isScenario, SCENARIOS } from '../measures/scenarios.ts';
import type { Policy } from '../policy/index.ts';
import {
  type CheckEvaluator,
  type CheckSubjectInput,
  checkEvaluator,
  jsonArrayInSlices,
  SLICE,
  type SubjectResult,
  yieldToLoop,
} from './check-evaluator.service.ts';
import { type CheckIndex, type CheckIndexStats, checkIndex } from './check-index.service.ts';
import { type CheckRecorder, checkRecorder } from './check-recorder.service.ts';
import type { CheckHitTable, CheckPartTable, CheckTable } from './checks.tables.ts';
import { codePool } from './code-pool.service.ts';

export const MAX_SUBJECTS_PER_CHECK = 10_000;
/** A stream is evaluated and recorded in parts of this many subjects. */
export const STREAM_PART = 5_000;

export type CheckRequest = {
  actor: Actor;
  scenario: string;
  purpose: string;
  subjects: readonly CheckSubjectInput[];
  requestId?: string | undefined;
  /** performance.now() of when the request arrived (default: when run is called) */
  arrivedAt?: number | undefined;
};

export type CheckSummary = {
  total: number;
  block: number;
  warn: number;
  favor: number;
  none: number;
  error: number;
};

/**
 * What a caller sees of a subject's result: every field but the internal ids and blind indexes, named one by
 * one (a literal of one shape is several times cheaper than a rest spread, for 10,000 results a call).
 */
export function publicResult(r: SubjectResult): Omit<SubjectResult, 'subjectId' | 'blindIndex'> {
  const out: Omit<SubjectResult, 'subjectId' | 'blindIndex'> = {
    index: r.index,
    code: r.code,
    decision: r.decision,
    registered: r.registered,
    subjectKind: r.subjectKind,
    entries: r.entries,
    measures: r.measures,
    warnings: r.warnings,
  };
  if (r.error !== undefined) out.error = r.error;
  return out;
}

/** A list's texts for the record; most lists are empty, and share one empty array (10,000 results a call). */
const NOTHING: readonly string[] = Object.freeze([]);
const listOf = <T>(list: readonly T[], text: (item: T) => string): readonly string[] =>
  list.length === 0 ? NOTHING : list.map(text);

const count = (summary: CheckSummary, r: SubjectResult) => {
  summary.total++;
  if (r.decision === null) summary.error++;
  else summary[r.decision]++;
};
const emptySummary = (): CheckSummary => ({ total: 0, block: 0, warn: 0, favor: 0, none: 0, error: 0 });

export type ChecksDeps = {
  store: Store;
  sealer: Sealer;
  policy: Policy;
  codes: Pick<CodesService, 'checkMany'>;
  catalog: Pick<CatalogRepository, 'list'>;
  measures: Pick<MeasuresService, 'current' | 'reload'>;
  /** where row digests of large groups are computed; a thread of its own by default (decision 0013) */
  digester?: Digester;
  listTypes: Pick<ListTypesService, 'byCode' | 'invalidate'>;
  now: () => string;
};

export function checksService(deps: ChecksDeps) {
  const index: CheckIndex = checkIndex(deps.store);
  const pool = codePool(() => deps.sealer.blindIndexKey());
  const evaluator: CheckEvaluator = checkEvaluator({
    index,
    pool,
    sealer: deps.sealer,
    policy: deps.policy,
    catalog: deps.catalog,
    listTypes: deps.listTypes,
    measures: () => deps.measures.current(),
    checkWithExceptions: (codes, today) => deps.codes.checkMany(codes, today),
    now: () => Date.parse(deps.now()),
  });
  // Measures, list types or catalog items changed (here or in another process): read them again.
  index.onReferenceChange(() => {
    evaluator.invalidate();
    deps.measures.reload();
    deps.listTypes.invalidate();
  });
  // Row digests of large groups on a thread of their own, overlapping the inserts (decision 0013).
  const digester: Digester = deps.digester ?? digestThread();
  const recorder: CheckRecorder = checkRecorder(deps.store, { committed: index.feedFreeCommit, digester });

  function validate(scenario: string, purpose: string) {
    if (!isScenario(scenario)) {
      throw badRequest(
        'CHECK_SCENARIO_UNKNOWN',
        `业务场景“${scenario}”不存在；可选：${SCENARIOS.map((s) => s.code).join('、')}`,
        `Unknown business scenario "${scenario}"; one of: ${SCENARIOS.map((s) => s.code).join(', ')}`,
        { field: 'scenario' },
      );
    }
    if (purpose.trim().length < 2) {
      throw badRequest(
        'CHECK_PURPOSE_REQUIRED',
        '请说明核查事由（如“政府采购项目投标资格审查”），非履职需要不得查询（B33）',
        'State the purpose of the check (e.g. "bid eligibility review"); queries are only for official duties (B33)',
        { field: 'purpose' },
      );
    }
  }

  function header(
    request: Omit<CheckRequest, 'subjects'>,
    id: string,
    at: string,
    channel: CheckTable['channel'],
    summary: CheckSummary,
  ): Insertable<CheckTable> {
    return {
      id,
      at,
      check_day: chinaDayOf(at),
      actor_id: actorId(request.actor),
      actor_role: actorRole(request.actor),
      department: actorDepartment(request.actor),
      api_key_id: request.actor.kind === 'system' ? request.actor.apiKeyId : null,
      purpose: request.purpose,
      scenario: request.scenario,
      channel,
      subject_count: summary.total,
      block_count: summary.block,
      warn_count: summary.warn,
      favor_count: summary.favor,
      none_count: summary.none,
      error_count: summary.error,
      policy_id: deps.policy.id,
      policy_version: deps.policy.version,
      request_id: request.requestId ?? null,
      results: null,
    };
  }

  /** A result as recorded: compact and code-free, the blind index stands for the code (personal data). */
  const compact = (r: SubjectResult) => [
    r.index,
    r.blindIndex ?? null,
    r.decision,
    r.error?.code ?? null,
    listOf(r.entries, (e) => e.id),
    listOf(r.measures, (m) => `${m.code}@${m.version}`),
    listOf(r.warnings, (w) => w.code),
  ];

  /** Compact, code-free results of one part (a large part written a slice at a time, issue 14 §6). */
  async function part(
    checkId: string,
    n: number,
    results: SubjectResult[],
  ): Promise<Insertable<CheckPartTable>> {
    return {
      check_id: checkId,
      part: n,
      first_position: results[0]?.index ?? 0,
      results:
        results.length > SLICE ? await jsonArrayInSlices(results, compact) : toJson(results.map(compact)),
    };
  }

  /** The hits of a check's results (a large check's a slice at a time, issue 14 §6). */
  async function hits(
    checkId: string,
    department: string | null,
    day: string,
    results: SubjectResult[],
  ): Promise<Insertable<CheckHitTable>[]> {
    const out: Insertable<CheckHitTable>[] = [];
    for (let i = 0; i < results.length; i++) {
      if (i > 0 && i % SLICE === 0) await yieldToLoop();
      const r = results[i]!;
      if (r.decision === null || r.decision === 'none' || !r.subjectId) continue;
      out.push({
        id: uuidv7(),
        check_id: checkId,
        position: r.index,
        subject_id: r.subjectId,
        decision: r.decision,
        entry_ids: toJson(r.entries.map((e) => e.id)),
        measures: toJson(r.measures.map((m) => `${m.code}@${m.version}`)),
        department,
        check_day: day,
      });
    }
    return out;
  }

  /** 1 to 10,000 subjects; answered once the check is on record. */
  async function run(request: CheckRequest) {
    validate(request.scenario, request.purpose);
    if (request.subjects.length < 1 || request.subjects.length > MAX_SUBJECTS_PER_CHECK) {
      throw badRequest(
        'CHECK_BATCH_SIZE',
        `每次核查 1 至 ${MAX_SUBJECTS_PER_CHECK} 个主体，现有 ${request.subjects.length} 个；更多请用流式核查`,
        `A check holds 1 to ${MAX_SUBJECTS_PER_CHECK} subjects; this one has ${request.subjects.length}. Use the streaming check for more`,
        { max: MAX_SUBJECTS_PER_CHECK, actual: request.subjects.length },
      );
    }
    const arrivedAt = request.arrivedAt ?? performance.now();
    const at = deps.now();
    const today = chinaDayOf(at);
    const results = await evaluator.evaluate(request.subjects, request.scenario, 0, today, arrivedAt);
    const summary = emptySummary();
    for (const r of results) count(summary, r);
    const checkId = uuidv7();
    // One part: its results go in the header row (migration 0012).
    const h = {
      ...header(request, checkId, at, 'api', summary),
      results: (await part(checkId, 0, results)).results,
    };
    await recorder.record({
      header: h,
      parts: [],
      hits: await hits(checkId, h.department ?? null, today, results),
    });
    return {
      checkId,
      checkedAt: at,
      scenario: request.scenario,
      policyVersion: deps.policy.version,
      summary,
      results: results.map(publicResult),
    };
  }

  /**
   * A stream of subjects (NDJSON or CSV lines, already parsed to inputs): evaluated and recorded part by
   * part, each part's results yielded as soon as it is on record. One check id for the whole stream.
   */
  async function* stream(request: Omit<CheckRequest, 'subjects'>, inputs: AsyncIterable<CheckSubjectInput>) {
    validate(request.scenario, request.purpose);
    const at = deps.now();
    const today = chinaDayOf(at);
    const checkId = uuidv7();
    const summary = emptySummary();
    let buffer: CheckSubjectInput[] = [];
    let n = 0;
    let position = 0;
    const department = actorDepartment(request.actor);
    async function* flushPart() {
      const results = await evaluator.evaluate(buffer, request.scenario, position, today);
      position += buffer.length;
      buffer = [];
      for (const r of results) count(summary, r);
      const p = await part(checkId, n, results);
      await recorder.writePart(
        header(request, checkId, at, 'stream', summary),
        p,
        await hits(checkId, department, today, results),
        n === 0,
      );
      n++;
      yield results;
    }
    yield { checkId, checkedAt: at };
    for await (const input of inputs) {
      buffer.push(input);
      if (buffer.length >= STREAM_PART) yield* flushPart();
    }
    if (buffer.length > 0) yield* flushPart();
    const h = header(request, checkId, at, 'stream', summary);
    await recorder.finishStream(h, n > 0);
    yield { summary };
  }

  return {
    run,
    stream,
    /** Loads the check index now (serve does, before opening its port: the first check is as fast as any). */
    warmUp: (): Promise<void> => index.sync(),
    /** Change-feed rows older than `before` deleted; a process further behind reloads everything. */
    pruneFeed: (before: string): Promise<number> => index.prune(before),
    /** Writes the checks waiting for their group now. */
    flush: (): Promise<void> => recorder.flush(),
    /** What the index holds, how the recorder has grouped, how much hashing went to the thread. */
    stats: (): {
      index: CheckIndexStats;
      recorder: ReturnType<CheckRecorder['stats']>;
      digests: ReturnType<Digester['stats']>;
    } => ({
      index: index.stats(),
      recorder: recorder.stats(),
      digests: digester.stats(),
    }),
    close: async () => {
      await recorder.close();
      await pool?.close();
      await digester.close();
    },
  };
}

export type ChecksService = ReturnType<typeof checksService>;
