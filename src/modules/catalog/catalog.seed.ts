/**
 * The Huai'an catalog as the platform ships it: the kinds of B10–B13 and the red and black list items
 * with A8's content. A city publishes its own catalog (B8); this one makes a fresh install usable
 * (`xinyong init`, modules/reference). Departments are the seed's codes (`departments/seed-departments.ts`).
 */
import type { RowsWrittenMeta } from '../audit/index.ts';
import type { Store } from '../database.ts';
import { catalogFingerprint, catalogRepository } from './catalog.repository.ts';
import type { CatalogItemDraft, CatalogItemVersion } from './catalog.ts';
import { parseCatalogDraft } from './catalog-draft.ts';
import { SEED_CATALOG } from './seed-catalog.ts';

export { SEED_CATALOG };

/**
 * Fingerprints (`catalogFingerprint`) of items as an earlier release shipped them, where the current
 * release corrects them. An item still exactly as shipped then was never edited by the city, and gets
 * the correction; any other content is the city's and stays.
 */
export const EARLIER_SEED_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  // Issue 15 W11: before it, 工作单位 (A8(1)) was optional on a black-listed person's entry.
  'blacklist-person': ['1e28279ddf4bfe94334169b571c054d2990384cbe3066be72200e98db7a4925d'],
  // Issue 15 W4: before it, the courts' 失信被执行人 item listed no one (no list type, no ground).
  'judgment-debtor': ['b720337cb811aacf6751abeed8e40f666f9436848959db165d97ab7e0fdf1bf4'],
};

/** The draft a stored version was published from. */
function draftOfVersion(version: CatalogItemVersion): CatalogItemDraft {
  const { version: _version, publishedAt: _publishedAt, ...draft } = version;
  return draft;
}

/**
 * Publishes the seed items that are missing, and the corrected seed version of an item still exactly
 * as an earlier release shipped it (`EARLIER_SEED_VERSIONS`). An item the city has changed is left as
 * it is (the catalog belongs to the city, not to the seed). Idempotent.
 */
export async function ensureSeedCatalog(
  store: Store,
  now: string,
  writer: RowsWrittenMeta,
  /** only say what would be published or corrected (`serve` announcing what `init` would do) */
  options: { dryRun?: boolean } = {},
): Promise<{ published: string[]; corrected: string[] }> {
  const catalog = catalogRepository(store, writer);
  const published: string[] = [];
  const corrected: string[] = [];
  for (const draft of SEED_CATALOG) {
    const current = await catalog.current(draft.code);
    if (!current) {
      if (!options.dryRun) await catalog.publish(draft, now);
      published.push(draft.code);
      continue;
    }
    const earlier = EARLIER_SEED_VERSIONS[draft.code];
    const stored = catalogFingerprint(parseCatalogDraft(draftOfVersion(current)));
    if (!earlier?.includes(stored)) continue;
    if (options.dryRun) {
      if (catalogFingerprint(parseCatalogDraft(draft)) !== stored) corrected.push(draft.code);
    } else if ((await catalog.publish(draft, now)).outcome !== 'unchanged') corrected.push(draft.code);
  }
  return { published, corrected };
}
