/**
 * The database's history: forward-only migrations, in order. Each carries its own code and imports
 * nothing from `src/modules` (a later edit of a module must not change what a shipped migration does).
 * Never edit a shipped migration: add the next one.
 */
import type { Store } from '../platform/db/engine.ts';
import { type MigrationList, runMigrations } from '../platform/db/migrate.ts';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-audit.ts';
import * as m0003 from './0003-access.ts';
import * as m0004 from './0004-catalog.ts';
import * as m0005 from './0005-records.ts';
import * as m0006 from './0006-lists.ts';
import * as m0007 from './0007-measures.ts';
import * as m0008 from './0008-subject-search.ts';
import * as m0009 from './0009-checks.ts';
import * as m0010 from './0010-check-feed.ts';
import * as m0011 from './0011-reference-feed.ts';
import * as m0012 from './0012-check-digests.ts';
import * as m0013 from './0013-account-bindings.ts';
import * as m0014 from './0014-decision-digests.ts';
import * as m0015 from './0015-department-purposes.ts';
import * as m0016 from './0016-records-subject-ground.ts';
import * as m0017 from './0017-change-bases.ts';
import * as m0018 from './0018-records-derived.ts';
import * as m0019 from './0019-objections.ts';
import * as m0020 from './0020-records-withdrawn.ts';
import * as m0021 from './0021-repairs.ts';
import * as m0022 from './0022-procedure-firings.ts';
import * as m0023 from './0023-subject-notices.ts';
import * as m0024 from './0024-objection-evidence.ts';
import * as m0025 from './0025-repair-evidence.ts';
import * as m0026 from './0026-check-hits-without-subject-index.ts';
import * as m0027 from './0027-repair-notice-submissions.ts';
import * as m0028 from './0028-consent-counterparties.ts';
import * as m0029 from './0029-notice-submission-client.ts';

export const MIGRATIONS: MigrationList = [
  ['0001-foundation', m0001],
  ['0002-audit', m0002],
  ['0003-access', m0003],
  ['0004-catalog', m0004],
  ['0005-records', m0005],
  ['0006-lists', m0006],
  ['0007-measures', m0007],
  ['0008-subject-search', m0008],
  ['0009-checks', m0009],
  ['0010-check-feed', m0010],
  ['0011-reference-feed', m0011],
  ['0012-check-digests', m0012],
  ['0013-account-bindings', m0013],
  ['0014-decision-digests', m0014],
  ['0015-department-purposes', m0015],
  ['0016-records-subject-ground', m0016],
  ['0017-change-bases', m0017],
  ['0018-records-derived', m0018],
  ['0019-objections', m0019],
  ['0020-records-withdrawn', m0020],
  ['0021-repairs', m0021],
  ['0022-procedure-firings', m0022],
  ['0023-subject-notices', m0023],
  ['0024-objection-evidence', m0024],
  ['0025-repair-evidence', m0025],
  ['0026-check-hits-without-subject-index', m0026],
  ['0027-repair-notice-submissions', m0027],
  ['0028-consent-counterparties', m0028],
  ['0029-notice-submission-client', m0029],
];

/** Brings the database to the latest version (or, with `upTo`, to that migration). */
export function migrateToLatest<DB>(store: Store<DB>, options: { upTo?: string } = {}) {
  return runMigrations(store, MIGRATIONS, options);
}

export function knownMigrations(): string[] {
  return MIGRATIONS.map(([name]) => name);
}
