/** Test support for the measures suites (not a test file itself). */
import { createTestApp, relaxedPolicy, type TestApp } from '../../testing/app.ts';
import type { TestStore } from '../../testing/engines.ts';
import type { Store } from '../database.ts';
import { loadDemoData } from '../demo/demo.loader.ts';
import type { Measure, MeasureDraft } from './measures.ts';
import { SEED_MEASURES } from './seed.ts';

/** A test clock that moves one second per reading, so versions and sessions are ordered. */
export function steppingClock(start = '2026-11-26T08:00:00.000Z'): () => string {
  let at = Date.parse(start);
  return () => {
    at += 1000;
    return new Date(at).toISOString();
  };
}

/**
 * The three list types the lists module seeds in real runs (red, black, watch), inserted here so the
 * measures suites do not depend on that module's seeding; an existing type is left as it is.
 */
export async function ensureTestListTypes(store: Store, now: string): Promise<void> {
  const types = [
    { code: 'red', name: '守信红名单', name_en: 'red list', polarity: 'red' },
    { code: 'black', name: '失信黑名单', name_en: 'black list', polarity: 'black' },
    { code: 'watch', name: '重点关注名单', name_en: 'watch list', polarity: 'watch' },
  ] as const;
  await store.db
    .insertInto('list_types')
    .values(types.map((t) => ({ ...t, description: t.name, created_at: now, updated_at: now })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

/** The full application with the demo departments and accounts and the three list types. */
export async function measuresTestApp(store: TestStore): Promise<TestApp> {
  const t = await createTestApp(store, { now: steppingClock(), policy: await relaxedPolicy() });
  await loadDemoData(t.ctx, { persons: 2, organizations: 1 });
  await ensureTestListTypes(store, t.ctx.now());
  return t;
}

/** A seed draft as a published first version, for the pure decision tests. */
export const published = (draft: MeasureDraft, changes: Partial<Measure> = {}): Measure => ({
  ...structuredClone(draft),
  version: 1,
  publishedAt: '2026-11-26T08:00:00.000Z',
  publishedBy: null,
  reason: null,
  ...changes,
});

export const SEED_AS_PUBLISHED: readonly Measure[] = SEED_MEASURES.map((m) => published(m));
