import type { RowsWrittenMeta } from '../audit/index.ts';
import type { Store } from '../database.ts';
import { parseMeasureDraft } from './measure-draft.ts';
import { measureFingerprint, measuresRepository } from './measures.repository.ts';
import { SEED_MEASURES } from './seed.ts';

export const SEED_UPDATE_REASON = '平台随版本更新的种子措施 / seed measure updated with the platform';

export type SeedResult = {
  /** measures published for the first time */
  created: string[];
  /** seed measures whose shipped content changed: a new version */
  updated: string[];
  /** measures the credit office has edited or retired since: left as the office published them */
  kept: string[];
};

/**
 * Publishes the seed catalog. A missing measure is created; a measure still as the seed published it
 * (no account behind its current version) gets a new version when the shipped content changed; one
 * the credit office has edited or retired is left alone (the catalog belongs to the city). A second
 * run changes nothing. Needs the departments and list types the seed names (the seed departments; the
 * lists module's seed types), and refuses with MEASURE_INVALID otherwise.
 */
export async function ensureSeedMeasures(
  store: Store,
  now: string,
  writer: RowsWrittenMeta,
  /** only say what would be created or updated (`serve` announcing what `init` would do) */
  options: { dryRun?: boolean } = {},
): Promise<SeedResult> {
  const repository = measuresRepository(store, writer);
  const references = await repository.references();
  const result: SeedResult = { created: [], updated: [], kept: [] };
  for (const draft of SEED_MEASURES) {
    const content = parseMeasureDraft(draft, references);
    const current = await repository.current(content.code);
    if (current && measureFingerprint(current) === measureFingerprint(content)) continue;
    if (current && current.publishedBy !== null) {
      result.kept.push(content.code);
      continue;
    }
    if (!options.dryRun) {
      await repository.publish(content, {
        now,
        publishedBy: null,
        reason: current ? SEED_UPDATE_REASON : null,
      });
    }
    (current ? result.updated : result.created).push(content.code);
  }
  return result;
}
