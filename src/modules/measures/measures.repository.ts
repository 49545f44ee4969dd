import { createHash } from 'node:crypto';
import { fromJson, toJson } from '../../platform/db/engine.ts';
import { type PublishOutcome, publishVersion } from '../../platform/db/versioned.ts';
import { conflict } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { MEASURE_VERSIONS_AUDITED, MEASURES_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { Db, Store } from '../database.ts';
import { canonicalJson } from '../policy/index.ts';
import type { MeasureReferences } from './measure-draft.ts';
import { draftOf, type Measure, type MeasureDraft } from './measures.ts';

export type { PublishOutcome } from '../../platform/db/versioned.ts';

type VersionRow = {
  version: number;
  definition: unknown;
  published_at: string;
  published_by: string | null;
  reason: string | null;
};

const VERSION_COLUMNS = ['version', 'definition', 'published_at', 'published_by', 'reason'] as const;

const toMeasure = (row: VersionRow): Measure => ({
  ...draftOf(fromJson<MeasureDraft>(row.definition)),
  version: row.version,
  publishedAt: row.published_at,
  publishedBy: row.published_by,
  reason: row.reason,
});

/** SHA-256 of the content's canonical JSON: equal content, equal digest. */
export function measureFingerprint(content: MeasureDraft): string {
  // A measure without severities keeps the fingerprint it had before the field existed (issue 15
  // W12): otherwise every shipped measure would look changed to the seed loader and be republished.
  const { severities, ...rest } = draftOf(content);
  return createHash('sha256')
    .update(canonicalJson(severities.length > 0 ? { ...rest, severities } : rest))
    .digest('hex');
}

/**
 * The measures catalog (A13, A14, D §5): measures by code, each with its versions. Publishing never
 * edits: changed content becomes the next version, identical content changes nothing, and every
 * version stays readable. Content is validated by the caller (`parseMeasureDraft`). A publication
 * records the measure's head row and its new version on the audit chain in the same transaction
 * (`writer`; issue 14 §3): an effect edited in the database is named by `audit verify`.
 */
export function measuresRepository(store: Store, writer: RowsWrittenMeta) {
  const { db } = store;

  return {
    /** The measure's first version, its next version when the content differs, or nothing when equal. */
    async publish(
      content: MeasureDraft,
      meta: { now: string; publishedBy: string | null; reason: string | null },
    ): Promise<{ measure: Measure; outcome: PublishOutcome }> {
      const { value, outcome } = await publishVersion(
        store,
        {
          heads: 'measures',
          versions: 'measure_versions',
          codeColumn: 'measure_code',
          readColumns: VERSION_COLUMNS,
        },
        {
          code: content.code,
          fingerprint: measureFingerprint(content),
          now: meta.now,
          row: () => ({
            id: uuidv7(),
            title: content.title,
            article: content.article,
            effect: content.effect,
            active: content.active ? 1 : 0,
            definition: toJson(draftOf(content)),
            published_at: meta.now,
            published_by: meta.publishedBy,
            reason: meta.reason,
          }),
          unchanged: (current) => toMeasure(current as VersionRow),
          published: (version) => ({
            ...draftOf(content),
            version,
            publishedAt: meta.now,
            publishedBy: meta.publishedBy,
            reason: meta.reason,
          }),
          written: (trx, { head, version }) =>
            recordStoredTables(
              trx as Db,
              [
                { table: MEASURES_AUDITED, rows: [head] },
                { table: MEASURE_VERSIONS_AUDITED, rows: [version] },
              ],
              writer,
            ),
          conflict: () =>
            conflict(
              'MEASURE_PUBLISH_CONFLICT',
              `措施 ${content.code} 正由他人同时发布，请刷新后重试`,
              `Measure ${content.code} was published by someone else at the same time; reload and retry`,
              { code: content.code },
            ),
        },
      );
      return { measure: value, outcome };
    },

    /** The measure's current version (active or retired). */
    async current(code: string): Promise<Measure | undefined> {
      const row = await db
        .selectFrom('measures as m')
        .innerJoin('measure_versions as v', (j) =>
          j.onRef('v.measure_code', '=', 'm.code').onRef('v.version', '=', 'm.current_version'),
        )
        .select(['v.version', 'v.definition', 'v.published_at', 'v.published_by', 'v.reason'])
        .where('m.code', '=', code)
        .executeTakeFirst();
      return row ? toMeasure(row) : undefined;
    },

    /** Current versions of every measure (active and retired), by code. */
    async list(): Promise<Measure[]> {
      const rows = await db
        .selectFrom('measures as m')
        .innerJoin('measure_versions as v', (j) =>
          j.onRef('v.measure_code', '=', 'm.code').onRef('v.version', '=', 'm.current_version'),
        )
        .select(['v.version', 'v.definition', 'v.published_at', 'v.published_by', 'v.reason'])
        .orderBy('m.code')
        .execute();
      return rows.map(toMeasure);
    },

    /** Every version of a measure, oldest first. */
    async history(code: string): Promise<Measure[]> {
      const rows = await db
        .selectFrom('measure_versions')
        .select(VERSION_COLUMNS)
        .where('measure_code', '=', code)
        .orderBy('version')
        .execute();
      return rows.map(toMeasure);
    },

    /** The list types and departments a draft may name (tables `list_types`, `departments`). */
    async references(): Promise<MeasureReferences> {
      const [listTypes, departments] = await Promise.all([
        db.selectFrom('list_types').select(['code', 'polarity']).execute(),
        db.selectFrom('departments').select('code').execute(),
      ]);
      return {
        listTypes: new Map(listTypes.map((t) => [t.code, t.polarity])),
        departments: new Set(departments.map((d) => d.code)),
      };
    },
  };
}

export type MeasuresRepository = ReturnType<typeof measuresRepository>;
