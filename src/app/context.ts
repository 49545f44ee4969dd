import { type CalendarService, calendarService } from '../modules/calendar/calendar.service.ts';
import { departmentsRepository } from '../modules/departments/departments.repository.ts';
import { type CodesService, codesService } from '../modules/identity-codes/codes.service.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile, type Policy } from '../modules/policy/index.ts';
import { registerPolicyVersion } from '../modules/policy/policy-versions.repository.ts';
import { regionsRepository } from '../modules/regions/regions.repository.ts';
import { subjectsRepository } from '../modules/subjects/subjects.repository.ts';
import type { Config } from '../platform/config.ts';
import { createSealer, loadKeys, type Sealer } from '../platform/crypto/sealing.ts';
import { openStore } from '../platform/db/database.ts';
import type { Store } from '../platform/db/engine.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { PLATFORM_VERSION } from './version.ts';

/**
 * Everything a request, a job or a CLI command needs, built once at start. Modules receive what they
 * use from here; nothing reaches for globals.
 */
export type AppContext = {
  version: string;
  config: Config;
  store: Store;
  sealer: Sealer;
  policy: Policy;
  policyDigest: string;
  calendar: CalendarService;
  codes: CodesService;
  regions: ReturnType<typeof regionsRepository>;
  departments: ReturnType<typeof departmentsRepository>;
  subjects: ReturnType<typeof subjectsRepository>;
  now: () => string;
  close(): Promise<void>;
};

export type ContextOptions = {
  /** run forward migrations first (serve and demo do; `migrate` is the explicit form) */
  migrate?: boolean;
  /** an already-open store (tests) */
  store?: Store;
  now?: () => string;
};

export async function createAppContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  // Validate the policy before touching the database: a bad policy file must stop the start cleanly.
  const policy = await loadPolicyFile(config.policyPath ?? DEFAULT_POLICY_PATH);
  const store = options.store ?? openStore(config.databaseUrl);
  try {
    if (options.migrate !== false) await migrateToLatest(store);
    const now = options.now ?? (() => new Date().toISOString());
    const keys = loadKeys({ dataKey: config.dataKey, indexKey: config.indexKey, dataDir: config.dataDir });
    const sealer = createSealer(keys);
    const { digest } = await registerPolicyVersion(store, policy, now());
    const calendar = calendarService(store);
    await calendar.reload();
    return {
      version: PLATFORM_VERSION,
      config,
      store,
      sealer,
      policy,
      policyDigest: digest,
      calendar,
      codes: codesService(store, sealer),
      regions: regionsRepository(store),
      departments: departmentsRepository(store),
      subjects: subjectsRepository(store, sealer),
      now,
      close: () => store.close(),
    };
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
}
