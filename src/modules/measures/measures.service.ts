/**
 * The measures catalog as the credit office keeps it (A13, A14, D §5; issue 5 point 4): read the
 * current measures (cached: every credit check reads them), publish a new measure or a new version,
 * retire one. Every publication is audited.
 */
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { type Actor, actorId } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { RowsWrittenMeta } from '../audit/index.ts';
import type { Store } from '../database.ts';
import { parseMeasureDraft } from './measure-draft.ts';
import { measuresRepository, type PublishOutcome } from './measures.repository.ts';
import { draftOf, type Measure } from './measures.ts';

export type PublishMeta = {
  actor: Actor;
  /** why; required for a new version of an existing measure */
  reason?: string | null | undefined;
  requestId?: string | undefined;
  /** 'new': refuse when the code exists (create); 'existing': refuse when it does not (edit) */
  expect?: 'new' | 'existing' | undefined;
};

export type PublishResult = { measure: Measure; outcome: PublishOutcome };

export type MeasureFilter = {
  scenario?: string | undefined;
  listType?: string | undefined;
  includeRetired?: boolean | undefined;
};

const notFoundError = (code: string) =>
  notFound('MEASURE_NOT_FOUND', `没有措施 ${code}`, `No measure ${code}`, { code });

/** Freezes a measure so the cached catalog cannot be changed by a caller by accident. */
function frozen(measure: Measure): Measure {
  for (const value of Object.values(measure)) {
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) Object.freeze(item);
      Object.freeze(value);
    }
  }
  return Object.freeze(measure);
}

/**
 * How stale the measures list may be in a process that runs no checks (and so never reads the change
 * feed that tells it of another process's publication). Not a policy number: a cache bound, the same
 * backstop the check's reference data has (check-evaluator.service.ts).
 */
const LIST_MAX_AGE_MS = 60_000;

export type MeasuresDeps = {
  store: Store;
  now: () => string;
  audit: Pick<AuditTrail, 'record'>;
  /** who publications are recorded as on the audit chain (the `measure.publish` entry names the actor) */
  rowWriter: RowsWrittenMeta;
};

export function measuresService(deps: MeasuresDeps) {
  const { store, now, audit } = deps;
  const repository = measuresRepository(store, deps.rowWriter);
  // Every check reads the catalog, which changes a few times a year: keep it in memory. This
  // service's own publications reset it; another process's reach it through the check change feed
  // (`reload()`), or, for the list served to people, within LIST_MAX_AGE_MS (see README).
  let cache: Promise<Measure[]> | undefined;
  /** when the cached catalog was read, by `now()` */
  let loadedAt = 0;

  async function current(): Promise<Measure[]> {
    if (!cache) {
      const loading = repository.list().then((measures) => measures.map(frozen));
      cache = loading;
      loadedAt = Date.parse(now());
      loading.catch(() => {
        if (cache === loading) cache = undefined;
      });
    }
    return [...(await cache)];
  }

  async function publish(input: unknown, meta: PublishMeta): Promise<PublishResult> {
    const content = parseMeasureDraft(input, await repository.references());
    const existing = await repository.current(content.code);
    if (meta.expect === 'new' && existing) {
      throw conflict(
        'MEASURE_EXISTS',
        `措施 ${content.code} 已存在，请用修改（PUT）发布新版本`,
        `Measure ${content.code} exists; publish a new version with PUT`,
        { code: content.code, currentVersion: existing.version },
      );
    }
    if (meta.expect === 'existing' && !existing) throw notFoundError(content.code);
    const reason = meta.reason?.trim() || null;
    if (existing && !reason) {
      throw badRequest(
        'MEASURE_REASON_REQUIRED',
        `修改措施 ${content.code} 须说明理由`,
        `A new version of measure ${content.code} needs a reason`,
        { code: content.code },
      );
    }
    const result = await repository.publish(content, {
      now: now(),
      publishedBy: actorId(meta.actor),
      reason,
    });
    if (result.outcome !== 'unchanged') cache = undefined;
    await audit.record({
      actor: meta.actor,
      action: result.measure.active ? 'measure.publish' : 'measure.retire',
      targetType: 'measure',
      targetId: content.code,
      result: 'ok',
      detail: {
        outcome: result.outcome,
        version: result.measure.version,
        article: result.measure.article,
        effect: result.measure.effect,
        active: result.measure.active,
        reason,
      },
      requestId: meta.requestId,
    });
    return result;
  }

  return {
    /** Current version of every measure, active and retired (`decide` skips retired ones), by code. */
    current,

    /**
     * Current measures for a scenario and/or list type; retired ones only when asked. A process that
     * runs no checks never reads the change feed, so the list is read again once it is a minute old.
     */
    async list(filter: MeasureFilter = {}): Promise<Measure[]> {
      if (Date.parse(now()) - loadedAt > LIST_MAX_AGE_MS) cache = undefined;
      return (await current()).filter(
        (m) =>
          (filter.includeRetired || m.active) &&
          (!filter.scenario || m.scenarios.includes(filter.scenario)) &&
          (!filter.listType || m.listTypes.includes(filter.listType)),
      );
    },

    /** Every version of a measure, oldest first; empty when there is no such measure. */
    history: (code: string): Promise<Measure[]> => repository.history(code),

    /** A new measure (its first version) or a new version of an existing one. */
    publish,

    /** Retires a measure: a new version with active = false; the old versions stay readable. */
    async retire(code: string, meta: Omit<PublishMeta, 'expect'>): Promise<PublishResult> {
      const existing = await repository.current(code);
      if (!existing) throw notFoundError(code);
      return publish({ ...draftOf(existing), active: false }, { ...meta, expect: 'existing' });
    },

    /** Drops the cached catalog (after another process published, or after seeding). */
    reload(): void {
      cache = undefined;
    },
  };
}

export type MeasuresService = ReturnType<typeof measuresService>;
