/** The Huai'an catalog as the platform ships it (catalog.seed.ts publishes it): data, no I/O. */
import type { CatalogItemDraft } from './catalog.ts';
import { BASIC_ITEMS, OTHER_ITEMS, POSITIVE_ITEMS } from './seed/basic-positive-other.ts';
import {
  BASIC_PERSON_ITEMS,
  COMPLETENESS_NEGATIVE_ITEMS,
  COMPLETENESS_OTHER_ITEMS,
} from './seed/completeness.ts';
import { LIST_ITEMS } from './seed/lists.ts';
import { NEGATIVE_ITEMS } from './seed/negative.ts';
import { ENFORCEMENT_ITEMS } from './seed/negative-enforcement.ts';

export const SEED_CATALOG: readonly CatalogItemDraft[] = [
  ...BASIC_ITEMS,
  ...BASIC_PERSON_ITEMS,
  ...POSITIVE_ITEMS,
  ...NEGATIVE_ITEMS,
  ...ENFORCEMENT_ITEMS,
  ...COMPLETENESS_NEGATIVE_ITEMS,
  ...OTHER_ITEMS,
  ...COMPLETENESS_OTHER_ITEMS,
  ...LIST_ITEMS,
];
