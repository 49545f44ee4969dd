import { migrateToLatest } from '../migrations/index.ts';
import { type AccountsService, accountsService } from '../modules/access/accounts.service.ts';
import { type AuthService, authService } from '../modules/access/auth.service.ts';
import { consentsRepository } from '../modules/access/consents.repository.ts';
import { type CalendarService, calendarService } from '../modules/calendar/calendar.service.ts';
import { type ChecksService, checksService } from '../modules/checks/checks.service.ts';
import type { Store } from '../modules/database.ts';
import { departmentsRepository } from '../modules/departments/departments.repository.ts';
import { type CodesService, codesService } from '../modules/identity-codes/codes.service.ts';
import { ensureSeedListTypes } from '../modules/lists/list-types.ts';
import { listIntakeHooks } from '../modules/lists/lists.hooks.ts';
import { type MeasuresService, measuresService } from '../modules/measures/measures.service.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile, type Policy } from '../modules/policy/index.ts';
import { registerPolicyVersion } from '../modules/policy/policy-versions.repository.ts';
import { type IntakeService, intakeService } from '../modules/records/intake.service.ts';
import { regionsRepository } from '../modules/regions/regions.repository.ts';
import { subjectsRepository } from '../modules/subjects/subjects.repository.ts';
import type { Config } from '../platform/config.ts';
import {
  createSealer,
  loadKeys,
  SEAL_ALGORITHMS,
  type SealAlgorithm,
  type Sealer,
} from '../platform/crypto/sealing.ts';
import { openStore } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { type AuditTrail, auditTrail } from './audit-trail.ts';
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
  auth: AuthService;
  accountsAdmin: AccountsService;
  consents: ReturnType<typeof consentsRepository>;
  audit: AuditTrail;
  intake: IntakeService;
  /** the measures catalog (A13, A14, D §5), cached for checks */
  measures: MeasuresService;
  /** credit checks (B19, B22, C §5(2)) */
  checks: ChecksService;
  now: () => string;
  close(): Promise<void>;
};

export type ContextOptions = {
  /** run forward migrations first (serve and demo do; `migrate` is the explicit form) */
  migrate?: boolean;
  /** an already-open store (tests) */
  store?: Store;
  now?: () => string;
  /** an already-loaded policy (tests that vary a number); otherwise the configured policy file */
  policy?: Policy;
};

export async function createAppContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  // Validate the policy before touching the database: a bad policy file must stop the start cleanly.
  const policy = options.policy ?? (await loadPolicyFile(config.policyPath ?? DEFAULT_POLICY_PATH));
  const store = options.store ?? openStore(config.databaseUrl);
  try {
    if (options.migrate !== false) await migrateToLatest(store);
    const now = options.now ?? isoClock();
    const keys = loadKeys({ dataKey: config.dataKey, indexKey: config.indexKey, dataDir: config.dataDir });
    if (!(SEAL_ALGORITHMS as readonly string[]).includes(config.sealAlgorithm)) {
      throw new AppError(
        'CONFIG_INVALID',
        500,
        `XINYONG_SEAL_ALGORITHM 应为 ${SEAL_ALGORITHMS.join(' 或 ')}`,
        `XINYONG_SEAL_ALGORITHM must be ${SEAL_ALGORITHMS.join(' or ')}`,
      );
    }
    const sealer = createSealer(keys, config.sealAlgorithm as SealAlgorithm);
    const { digest } = await registerPolicyVersion(store, policy, now());
    // The city's red, black and watch lists exist from the start; the credit office may add more.
    await ensureSeedListTypes(store.db, now());
    const calendar = calendarService(store);
    await calendar.reload();
    const auth = authService({ store, sealer, policy, now });
    const departments = departmentsRepository(store);
    const subjects = subjectsRepository(store, sealer);
    const audit = auditTrail({ store, policy, now });
    const codes = codesService(store, sealer);
    const measures = measuresService(store, now, audit);
    const checks = checksService({ store, sealer, policy, codes, now, measures });
    return {
      version: PLATFORM_VERSION,
      config,
      store,
      sealer,
      policy,
      policyDigest: digest,
      calendar,
      codes,
      regions: regionsRepository(store),
      departments,
      subjects,
      auth,
      accountsAdmin: accountsService({
        accounts: auth.accounts,
        apiKeys: auth.apiKeys,
        policy,
        now,
        departmentExists: async (code) => (await departments.findByCode(code)) !== undefined,
        subjectIdByCode: async (code) => (await subjects.findByCode(code))?.id,
      }),
      consents: consentsRepository(store),
      audit,
      intake: intakeService({
        store,
        sealer,
        policy,
        calendar,
        subjects,
        audit,
        codes,
        now,
        hooks: listIntakeHooks(),
      }),
      measures,
      checks,
      now,
      close: async () => {
        await checks.close();
        await store.close();
      },
    };
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
}

/**
 * The current instant as an ISO 8601 string, formatted once per millisecond: a check asks for it
 * several times (access, API key, the check, its record), thousands of times a second.
 */
function isoClock(): () => string {
  let lastMs = Number.NaN;
  let last = '';
  return () => {
    const ms = Date.now();
    if (ms !== lastMs) {
      lastMs = ms;
      last = new Date(ms).toISOString();
    }
    return last;
  };
}
