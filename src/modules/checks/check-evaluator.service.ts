/**
 * The heart of a credit check (B19, B22, C §5(2)): for each subject given, is the code valid, is the
 * subject on the platform, which list entries count today (A12, B27: expired ones never do), which
 * measures apply in this scenario (A13, A14, D §5) and so what the clerk's system does. Reads only;
 * recording is the recorder's job.
 */
import { nextTurn } from '../../platform/concurrency/loop-turns.ts';
import type { Sealer } from '../../platform/crypto/sealing.ts';
import type { CatalogItemVersion, CatalogRepository } from '../catalog/index.ts';
import { type CodeCheck, checkCode, EXCUSABLE_CODE_ERRORS } from '../identity-codes/index.ts';
import { isEffective } from '../lists/list-rules.ts';
import type { ListTypesService } from '../lists/list-types.service.ts';
import { type Decision, decide, type EntryForDecision } from '../measures/decide.ts';
import type { Measure } from '../measures/measures.ts';
import { maskPersonName, type Policy } from '../policy/index.ts';
import type { CheckIndex, IndexedEntry, IndexedSubject } from './check-index.service.ts';
import { CHUNK, type CodePool, POOL_MIN } from './code-pool.service.ts';

export type CheckSubjectInput = { code: string; name?: string | undefined };

/** An entry as a check shows it: the index's entry with its list's name, without the item and validity. */
export type EntryBrief = Omit<IndexedEntry, 'itemCode' | 'validityEndsOn'> & { listName: string };

export type MeasureBrief = {
  code: string;
  version: number;
  title: string;
  effect: Measure['effect'];
  article: string;
  legalBasis: Measure['legalBasis'];
  implementingDepartments: string[];
};

export type SubjectWarning = { code: string; message: string; messageEn: string };
export type SubjectError = {
  code: string;
  message: string;
  messageEn: string;
  position?: number;
  expected?: string;
  actual?: string;
};

export type SubjectResult = {
  index: number;
  code: string;
  decision: Decision | null;
  registered: boolean;
  subjectKind: 'person' | 'organization' | null;
  entries: EntryBrief[];
  measures: MeasureBrief[];
  warnings: SubjectWarning[];
  error?: SubjectError;
  /** internal: for the record, never sent */
  subjectId?: string;
  blindIndex?: string;
};

const SCOPE_TTL_MS = 60_000;

/**
 * A batch larger than this gives the event loop back between slices of its work (issue 14 §6):
 * between slices, health probes, single checks and other requests that arrived meanwhile are
 * answered, so eight batches of 10,000 at once no longer hold them for seconds. One batch's slice runs
 * per turn of the loop (platform/concurrency/loop-turns.ts). Serialising and recording go by slices
 * of this many results.
 */
export const SLICE = 1000;
/** How long a slice of evaluation runs at most before the loop gets a turn (checked every `STEP` subjects). */
export const SLICE_MS = 4;
const STEP = 64;
export const yieldToLoop = nextTurn;

/**
 * A clock for slices: `due()` after SLICE subjects, or sooner once SLICE_MS have passed (checked every
 * STEP subjects: a loaded machine gives the loop its turns as often as an idle one); `next()` yields
 * and starts the next slice.
 */
function sliceClock() {
  let end = performance.now() + SLICE_MS;
  let done = 0;
  return {
    due: () => ++done >= SLICE || (done % STEP === 0 && performance.now() >= end),
    async next() {
      await yieldToLoop();
      end = performance.now() + SLICE_MS;
      done = 0;
    },
  };
}

/**
 * JSON.stringify of a large array (`each` applied to its items), a slice at a time with the loop given
 * back between slices: the same text, without holding the thread for the whole (issue 14 §6).
 */
export async function jsonArrayInSlices<T>(items: readonly T[], each: (item: T) => unknown): Promise<string> {
  const parts: string[] = ['['];
  for (let i = 0; i < items.length; i += SLICE) {
    if (i > 0) {
      parts.push(',');
      await yieldToLoop();
    }
    parts.push(JSON.stringify(items.slice(i, i + SLICE).map(each)).slice(1, -1));
  }
  parts.push(']');
  return parts.join('');
}

const NO_ENTRIES: EntryBrief[] = Object.freeze([]) as unknown as EntryBrief[];
const NO_MEASURES: MeasureBrief[] = Object.freeze([]) as unknown as MeasureBrief[];

/** Names compare after Unicode compatibility folding and without spaces: （ and ( are the same name. */
export const comparableName = (name: string) => name.normalize('NFKC').replace(/\s+/g, '');

export type EvaluatorDeps = {
  sealer: Sealer;
  policy: Policy;
  catalog: Pick<CatalogRepository, 'list'>;
  /** the city's list types (one copy per process, dropped on a reference change) */
  listTypes: Pick<ListTypesService, 'byCode'>;
  /** the measures in force (cached by the measures service) */
  measures: () => Promise<Measure[]>;
  /** codes checked with the registry of exceptions (codes.checkMany), for those failing a check character */
  checkWithExceptions: (normalized: readonly string[], today: string) => Promise<CodeCheck[]>;
  now: () => number;
  /** subjects and their active entries, kept coherent with the database (decision 0011) */
  index: CheckIndex;
  /** other cores for the code checks of large batches (absent: all in this thread) */
  pool?: CodePool | undefined;
};

/** A measure as a check shows it; one object per measure version, shared by every result. */
const briefs = new WeakMap<Measure, MeasureBrief>();
function briefOf(m: Measure): MeasureBrief {
  let brief = briefs.get(m);
  if (!brief) {
    brief = {
      code: m.code,
      version: m.version,
      title: m.title,
      effect: m.effect,
      article: m.article,
      legalBasis: m.legalBasis,
      implementingDepartments: m.implementingDepartments,
    };
    briefs.set(m, brief);
  }
  return brief;
}

export function checkEvaluator(deps: EvaluatorDeps) {
  /** A warning when the name given is not the name registered (the registered one masked for persons). */
  function nameMismatch(given: string | undefined, subject: IndexedSubject): SubjectWarning | undefined {
    if (
      typeof given !== 'string' ||
      given === subject.name ||
      given.trim() === '' ||
      comparableName(given) === comparableName(subject.name)
    )
      return undefined;
    const registered = subject.kind === 'person' ? maskPersonName(deps.policy, subject.name) : subject.name;
    return {
      code: 'NAME_MISMATCH',
      message: `所填名称与平台登记的名称（${registered}）不一致，请核对申请人身份`,
      messageEn: `The name given differs from the name registered on the platform (${registered}); verify the applicant's identity`,
    };
  }

  const { catalog } = deps;
  let cached: { at: number; scopes: Map<string, CatalogItemVersion['usageScope']> } | undefined;

  /**
   * List types, and list items' usage scopes: dropped when the change feed reports reference data
   * changed (decision 0011), and read again at least once a minute as a backstop.
   */
  async function reference() {
    if (!cached || deps.now() - cached.at > SCOPE_TTL_MS) {
      const scopes = new Map<string, CatalogItemVersion['usageScope']>();
      for (const item of await catalog.list()) if (item.listType) scopes.set(item.code, item.usageScope);
      cached = { at: deps.now(), scopes };
    }
    return { types: await deps.listTypes.byCode(), scopes: cached.scopes };
  }

  async function evaluate(
    inputs: readonly CheckSubjectInput[],
    scenario: string,
    firstIndex: number,
    today: string,
    /** performance.now() of the check's arrival: every commit before it is seen (decision 0011) */
    arrivedAt: number = performance.now(),
  ): Promise<SubjectResult[]> {
    // Every change committed before this check arrived is in the index once this resolves, and cached
    // reference data (measures, list types) that changed has been dropped (decision 0011).
    await deps.index.sync(arrivedAt);
    const { types, scopes } = await reference();
    const measures = await deps.measures();
    const results: SubjectResult[] = new Array(inputs.length);
    /** subjects with active entries → the positions asking about them (decided once per subject) */
    const listed = new Map<IndexedSubject, number[]>();
    /** A valid code: its subject looked up, its result started. */
    const take = (i: number, code: string, warnings: SubjectWarning[], blindIndex: string) => {
      const found = deps.index.get(blindIndex);
      const r: SubjectResult = {
        index: firstIndex + i,
        code,
        decision: 'none',
        registered: found !== undefined,
        subjectKind: found?.kind ?? null,
        // replaced, never added to, when the subject has entries (shared empty lists: no garbage)
        entries: NO_ENTRIES,
        measures: NO_MEASURES,
        warnings,
        blindIndex,
      };
      results[i] = r;
      if (!found) return;
      const mismatch = nameMismatch(inputs[i]!.name, found);
      if (mismatch) r.warnings.push(mismatch);
      if (found.entries.length > 0) {
        const positions = listed.get(found);
        if (positions) positions.push(i);
        else listed.set(found, [i]);
      }
    };
    const codeOf = (input: CheckSubjectInput) => (typeof input.code === 'string' ? input.code : '');
    /** A code checked in this thread: an error result, or taken as valid. */
    const settle = (i: number, check: CodeCheck) => {
      const code = check.upgraded ?? check.normalized;
      if (!check.valid) {
        const e = check.error!;
        results[i] = {
          index: firstIndex + i,
          code,
          decision: null,
          registered: false,
          subjectKind: null,
          entries: [],
          measures: [],
          warnings: [],
          error: {
            code: e.code,
            message: e.message,
            messageEn: e.messageEn,
            ...(e.position ? { position: e.position } : {}),
            ...(e.expected ? { expected: e.expected } : {}),
            ...(e.actual ? { actual: e.actual } : {}),
          },
        };
        return;
      }
      take(
        i,
        code,
        check.warnings.length === 0 ? [] : check.warnings.map((w) => ({ ...w })),
        deps.sealer.blindIndex(code),
      );
    };
    const excusable: number[] = [];
    /** A code checked in this thread, start to end. */
    const checkHere = (i: number) => {
      const check = checkCode(codeOf(inputs[i]!), { today });
      // Failing only a check character: perhaps a registered exception (looked up once, below).
      if (!check.valid && check.error && EXCUSABLE_CODE_ERRORS.has(check.error.code)) excusable.push(i);
      settle(i, check);
    };
    // Large batches: the first codes are checked and blind-indexed on other threads, chunk by chunk
    // (code-pool.service.ts), while this thread checks the last ones itself, then looks up the threads' chunks.
    const pooled = deps.pool !== undefined && inputs.length >= POOL_MIN;
    const split = pooled ? Math.floor((inputs.length * deps.pool!.share) / CHUNK) * CHUNK : 0;
    const chunks = pooled && split > 0 ? deps.pool!.check(inputs.slice(0, split).map(codeOf), today) : [];
    // Batches larger than a slice give the loop a turn every few milliseconds (a single check never
    // waits for the loop). A chunk already back resolves in a microtask, which gives the loop no turn.
    const sliced = inputs.length > SLICE;
    const clock = sliceClock();
    for (let i = split; i < inputs.length; i++) {
      checkHere(i);
      if (sliced && clock.due()) await clock.next();
    }
    for (let c = 0; c < chunks.length; c++) {
      const done = await chunks[c]!;
      const from = c * CHUNK;
      for (let i = from; i < from + CHUNK && i < split; i++) {
        const plain = done.checked[i - from];
        if (plain) take(i, plain, [], done.blindIndexes.slice((i - from) * 64, (i - from + 1) * 64));
        else checkHere(i);
        if (sliced && clock.due()) await clock.next();
      }
    }
    if (excusable.length > 0) {
      const again = await deps.checkWithExceptions(
        excusable.map((i) => results[i]!.code),
        today,
      );
      for (let n = 0; n < excusable.length; n++) settle(excusable[n]!, again[n]!);
    }

    for (const [subject, positions] of listed) {
      if (sliced && clock.due()) await clock.next();
      const entries: EntryBrief[] = [];
      for (const e of subject.entries) {
        if (
          !isEffective(
            { status: 'active', valid_until: e.validUntil, validity_ends_on: e.validityEndsOn },
            today,
          )
        )
          continue;
        // B18, B21: entries of items not shared with government callers are not shown (none in the seed catalog).
        if (scopes.get(e.itemCode) === 'authorized') continue;
        entries.push({
          id: e.id,
          listType: e.listType,
          listName: types.get(e.listType)?.name ?? e.listType,
          polarity: e.polarity,
          origin: e.origin,
          relationRole: e.relationRole,
          ground: e.ground,
          severity: e.severity,
          identifiedOn: e.identifiedOn,
          validUntil: e.validUntil,
          providerDepartment: e.providerDepartment,
          procedure: e.procedure,
        });
      }
      if (entries.length === 0) continue; // all expired (A12, B27): decision none
      const decided = decide(
        entries.map(
          (e): EntryForDecision => ({
            listType: e.listType,
            polarity: e.polarity,
            origin: e.origin,
            subjectKind: subject.kind,
            ground: e.ground,
            severity: e.severity,
          }),
        ),
        measures,
        scenario,
      );
      const briefs = decided.measures.length === 0 ? NO_MEASURES : decided.measures.map(briefOf);
      for (const i of positions) {
        const r = results[i]!;
        if (subject.id) r.subjectId = subject.id;
        r.decision = decided.decision;
        r.entries = entries;
        r.measures = briefs;
      }
    }
    return results;
  }

  return {
    evaluate,
    invalidate: () => {
      cached = undefined;
    },
  };
}

export type CheckEvaluator = ReturnType<typeof checkEvaluator>;
