/**
 * The Huai'an catalog as the platform ships it: the kinds of B10–B13 and the red and black list items
 * with A8's content. A city publishes its own catalog (B8); this one makes a fresh install usable
 * (`xinyong init`, modules/reference). Departments are the seed's codes (`departments/seed-departments.ts`).
 */
import type { RowsWrittenMeta } from '../audit/index.ts';
import type { Store } from '../database.ts';
import { catalogRepository } from './catalog.repository.ts';
import { SEED_CATALOG } from './seed-catalog.ts';

export { SEED_CATALOG };

/**
 * Publishes the seed items that are missing; an item already in the catalog is left as it is, even if
 * it has since been changed (the catalog belongs to the city, not to the seed). Idempotent.
 */
export async function ensureSeedCatalog(
  store: Store,
  now: string,
  writer: RowsWrittenMeta,
): Promise<{ published: string[] }> {
  const catalog = catalogRepository(store, writer);
  const published: string[] = [];
  for (const draft of SEED_CATALOG) {
    if (await catalog.current(draft.code)) continue;
    await catalog.publish(draft, now);
    published.push(draft.code);
  }
  return { published };
}
