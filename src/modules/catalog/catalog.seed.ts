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
  // Issue 15 W5: before it (both releases), no negative item about organizations had the legal
  // representative's ID number (B26): a name alone identifies no one.
  'judgment-debtor': [
    'b720337cb811aacf6751abeed8e40f666f9436848959db165d97ab7e0fdf1bf4',
    '24db194cfb3efe3ea6ea1b0c9c09f2f2001e2af9dda3f4bf76e736c61a89c5b2',
  ],
  'tax-arrears': ['6ab3c0d3aea4fe87779ff0c1f594a802ebd97d2bfa1aa41e0c845a85e7e29a72'],
  'social-insurance-arrears': ['fa74869bf4cf2a70ac7a2d263f1b762de79722be7bc494281366344a50308a12'],
  'wage-arrears': ['93fdd534b2dbf9493f419253d9e2e8e2079454d54ce351bcff414d7041dd86af'],
  'bidding-fraud': ['8174a023af5068231a9d742f0bc4981aea2a232b528db55610532abbf4c6d38a'],
  'safety-accident': ['8194b697304c4bc725abf092df72494c991e2a8cd48fb85e82750f1a11f96f4b'],
  'admin-penalty': ['324e0b0e6f9ffe39c609c9f2e3852618e06b3c72410bc630416c5991d30c9d66'],
  'fee-arrears': ['ea0a592756ed806c14c7f671fe47caa00ddf7afcbcc103e20f23768574720135'],
  'admin-enforcement': ['1d0d37996f2b807fa245031e37083be2b421f115789c8267359597ad633c5fba'],
  'blacklist-organization': ['fcdc1176c607694dd9209968b77b7395be3dbc0b625e6cc0b3525342bb166847'],
  'ecommerce-blacklist': ['b1a08bfb425112e7ca7b37f6ffe98f2d9251d0b8677550922a0d179f7d30510f'],
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
