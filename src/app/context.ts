/**
 * The composition root: every service is built here, once, from the configuration, and each route,
 * job and CLI command is handed the services it calls. Modules declare what they need as a small type
 * of their own (`ChecksDeps`, `ListsRoutesDeps`, …); this object satisfies all of them, and nothing
 * under `src/modules` or `src/platform` imports it.
 */

import { migrateToLatest } from '../migrations/index.ts';
import { accountBindingsRepository } from '../modules/access/account-bindings.repository.ts';
import { accountsService } from '../modules/access/accounts.service.ts';
import { type AuthService, authService } from '../modules/access/auth.service.ts';
import {
  type ConsentReadsRepository,
  consentReadsRepository,
} from '../modules/access/consent-reads.repository.ts';
import { consentsRepository } from '../modules/access/consents.repository.ts';
import type { IdentityVerifier } from '../modules/access/identity-verification.ts';
import { loadIdentityVerifier } from '../modules/access/identity-verifier.loader.ts';
import { type AuditTrail, auditTrail } from '../modules/audit/audit-trail.service.ts';
import { type RowsWrittenMeta, systemWriter } from '../modules/audit/row-digests.service.ts';
import { type CalendarService, calendarService } from '../modules/calendar/calendar.service.ts';
import { type CatalogRepository, catalogRepository } from '../modules/catalog/catalog.repository.ts';
import { type ChecksService, checksService } from '../modules/checks/checks.service.ts';
import { type FeedbackService, feedbackService } from '../modules/checks/feedback.service.ts';
import type { Database, Store } from '../modules/database.ts';
import { departmentPurposesRepository } from '../modules/departments/department-purposes.repository.ts';
import {
  type DepartmentPurposesService,
  departmentPurposesService,
} from '../modules/departments/department-purposes.service.ts';
import { departmentsRepository } from '../modules/departments/departments.repository.ts';
import { type CodesService, codesService } from '../modules/identity-codes/codes.service.ts';
import { DEFAULT_UPLOAD_LIMITS } from '../modules/intake-files/sheet-limits.ts';
import { type UploadService, uploadService } from '../modules/intake-files/upload.service.ts';
import { ensureSeedListTypes } from '../modules/lists/list-types.repository.ts';
import { type ListTypesService, listTypesService } from '../modules/lists/list-types.service.ts';
import { listIntakeHooks } from '../modules/lists/lists.hooks.ts';
import { listsRepository } from '../modules/lists/lists.repository.ts';
import { type ListsService, listsService } from '../modules/lists/lists.service.ts';
import { type MeasuresService, measuresService } from '../modules/measures/measures.service.ts';
import type { Policy } from '../modules/policy/index.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from '../modules/policy/policy.loader.ts';
import { registerPolicyVersion } from '../modules/policy/policy-versions.repository.ts';
import {
  type ExternalDecisionsService,
  externalDecisionsService,
} from '../modules/procedures/external-decisions.service.ts';
import { type ObjectionsService, objectionsService } from '../modules/procedures/objections.service.ts';
import {
  type ProcedureScheduler,
  procedureScheduler,
  type StepSourceRegistry,
  stepSourceRegistry,
} from '../modules/procedures/procedure-scheduler.service.ts';
import {
  type ProcedureStatsService,
  procedureStatsService,
} from '../modules/procedures/procedure-stats.service.ts';
import { type RepairsService, repairsService } from '../modules/procedures/repairs.service.ts';
import {
  type SubjectInboxService,
  subjectInboxService,
} from '../modules/procedures/subject-inbox.service.ts';
import {
  type PublicDisclosureService,
  publicDisclosureService,
} from '../modules/public-disclosure/public-disclosure.service.ts';
import { NO_REPORTS, type ReportRegistry } from '../modules/public-disclosure/report-registry.ts';
import { type IntakeService, intakeService } from '../modules/records/intake.service.ts';
import { combineIntakeHooks } from '../modules/records/intake-hooks.ts';
import { recordsRepository } from '../modules/records/records.repository.ts';
import { type RecordsReader, recordsReader } from '../modules/records/records-read.service.ts';
import { regionsRepository } from '../modules/regions/regions.repository.ts';
import {
  type SubjectSearchRepository,
  subjectSearchRepository,
} from '../modules/subject-search/subject-search.repository.ts';
import { subjectsRepository } from '../modules/subjects/subjects.repository.ts';
import { clockOf, systemClock } from '../platform/clock.ts';
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
import { PLATFORM_VERSION } from './version.ts';

/** Everything a request, a job or a CLI command may be handed, built once at start. */
export type AppContext = {
  version: string;
  config: Config;
  store: Store;
  sealer: Sealer;
  /** where the sealing keys came from: 'environment' or the key file's path */
  keySource: string;
  policy: Policy;
  policyFingerprint: string;
  /** the current instant, ISO 8601 UTC */
  now: () => string;
  /** today's date in China (UTC+8): the one "today" every rule counts from (platform/clock.ts) */
  today: () => string;
  calendar: CalendarService;
  codes: CodesService;
  regions: ReturnType<typeof regionsRepository>;
  departments: ReturnType<typeof departmentsRepository>;
  /** the purposes (事项) departments registered for their queries (decision 0025) */
  departmentPurposes: DepartmentPurposesService;
  subjects: ReturnType<typeof subjectsRepository>;
  subjectSearch: SubjectSearchRepository;
  auth: AuthService;
  accountsAdmin: ReturnType<typeof accountsService>;
  /** the real-name verifier for subject self-registration; none: self-registration is off (issue 14 §1) */
  identityVerifier: IdentityVerifier | undefined;
  consents: ReturnType<typeof consentsRepository>;
  /** the reads made under each consent, written with the read's audit entry (decision 0040) */
  consentReads: ConsentReadsRepository;
  audit: AuditTrail;
  /**
   * Who the platform's own writes to audited tables are recorded as (`system`, under the policy in
   * force): repositories that write decision tables take it (issue 14 §3, decision 0022).
   */
  rowWriter: RowsWrittenMeta;
  catalog: CatalogRepository;
  intake: IntakeService;
  /** decisions outside the platform the credit office records; they allow a record to be weakened (W3) */
  externalDecisions: ExternalDecisionsService;
  /** objections (A15–A16, B28–B29): filing, review, verification, decision; the correction via intake */
  objections: ObjectionsService;
  /**
   * the procedures' open steps with deadlines (each procedure module registers its source) and the
   * scheduler that reminds and escalates them (decision 0031); nothing ticks unless started
   */
  stepSources: StepSourceRegistry;
  scheduler: ProcedureScheduler;
  /** credit repair (A18–A19, B31–B32): application, opinion, public notice, adoption, archive */
  repairs: RepairsService;
  /** objections and repairs per department, outcomes and steps on time (A21, B35) */
  procedureStats: ProcedureStatsService;
  /** the subject's inbox: what its procedures' steps mean for it (issue 16, decision 0032) */
  subjectInbox: SubjectInboxService;
  uploads: UploadService;
  records: RecordsReader;
  /** the measures catalog (A13, A14, D §5), cached for checks */
  measures: MeasuresService;
  /** the city's list types, one copy per process */
  listTypes: ListTypesService;
  lists: ListsService;
  /** credit checks (B19, B22, C §5(2)) */
  checks: ChecksService;
  /**
   * the credit reports issued (C §5(3)), looked up by number and code for the public verification page;
   * `NO_REPORTS` until the report issue (19) registers its own
   */
  reports: ReportRegistry;
  /** the public disclosure API's use cases (issue 17): search, subject page, lists, rules, verification */
  publicDisclosure: PublicDisclosureService;
  /** what departments did after a check, and the A21 quarterly report */
  feedback: FeedbackService;
  close(): Promise<void>;
};

export type ContextOptions = {
  /** run forward migrations first (serve and demo do; `migrate` is the explicit form) */
  migrate?: boolean;
  /** an already-open store (tests) */
  store?: Store;
  /** a source of instants other than the system clock (tests) */
  now?: () => string;
  /** an already-loaded policy (tests that vary a number); otherwise the configured policy file */
  policy?: Policy;
};

export async function createAppContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  // Validate the policy before touching the database: a bad policy file must stop the start cleanly.
  const policy = options.policy ?? (await loadPolicyFile(config.policyPath ?? DEFAULT_POLICY_PATH));
  const identityVerifier = await loadIdentityVerifier(config.identityVerifier);
  const store = options.store ?? openStore<Database>(config.databaseUrl);
  try {
    if (options.migrate !== false) await migrateToLatest(store);
    const { now, today } = options.now ? clockOf(options.now) : systemClock();
    const keys = loadKeys({
      dataKey: config.dataKey,
      indexKey: config.indexKey,
      dataDir: config.dataDir,
      keyFile: config.keyFile,
    });
    if (!(SEAL_ALGORITHMS as readonly string[]).includes(config.sealAlgorithm)) {
      throw new AppError(
        'CONFIG_INVALID',
        500,
        `XINYONG_SEAL_ALGORITHM 应为 ${SEAL_ALGORITHMS.join(' 或 ')}`,
        `XINYONG_SEAL_ALGORITHM must be ${SEAL_ALGORITHMS.join(' or ')}`,
      );
    }
    const sealer = createSealer(keys, config.sealAlgorithm as SealAlgorithm);
    // The platform's own writes to audited tables are recorded under this writer (issue 14 §3).
    const rowWriter = systemWriter(policy);
    const { digest } = await registerPolicyVersion(store, policy, now(), rowWriter);
    // The city's red, black and watch lists exist from the start; the credit office may add more.
    await ensureSeedListTypes(store.db, now(), rowWriter);
    const calendar = calendarService(store, rowWriter);
    await calendar.reload();

    const auth = authService({ store, sealer, policy, now });
    const regions = regionsRepository(store);
    const departments = departmentsRepository(store);
    const subjects = subjectsRepository(store, sealer);
    const audit = auditTrail({ store, policy, now, anchorLog: config.auditAnchorFile });
    const codes = codesService(store, sealer, today, rowWriter);
    const consents = consentsRepository(store, rowWriter);
    const catalog = catalogRepository(store, rowWriter);
    const measures = measuresService({ store, now, audit, rowWriter });
    const externalDecisions = externalDecisionsService({ store, audit, now, today });
    // The city's own credit center and credit office (not a county node's).
    const cityDepartment = async (kind: 'credit_center' | 'credit_office') =>
      (await departments.list({ kind })).find((d) => !d.kinds.includes('regional_node'))?.code ?? null;
    const objections = objectionsService({
      store,
      sealer,
      policy,
      calendar,
      audit,
      now,
      today,
      // A17: appeals go to the city's credit office (not a county node's)
      creditOfficeDepartment: () => cityDepartment('credit_office'),
      // one procedure at a time on a record (the repairs are made next; called only once they are)
      openRepairs: (db, keys) => repairs.openOnRecordsIn(db, keys),
    });
    const repairs = repairsService({
      store,
      sealer,
      policy,
      calendar,
      audit,
      catalog,
      subjects,
      now,
      today,
      openObjections: (db, keys) => objections.openOnRecords(keys, db),
      // issue 17: the public's objections to a notice reach the city's credit center
      centerDepartment: () => cityDepartment('credit_center'),
      departments: { list: () => departments.list() },
    });
    // Issue 16: the procedures' deadlines, reminded and escalated (decision 0031).
    const stepSources = stepSourceRegistry();
    stepSources.register(objections.stepSource);
    stepSources.register(repairs.stepSource);
    const scheduler = procedureScheduler({
      store,
      calendar,
      sources: stepSources,
      rowWriter,
      now,
      today,
      recipients: async () => ({
        center: await cityDepartment('credit_center'),
        creditOffice: await cityDepartment('credit_office'),
      }),
    });
    // B26 (issue 15 W5): who answers for an organization's severe records, and writing theirs.
    const responsible = { subjects, records: recordsRepository(store) };
    const intake = intakeService({
      store,
      sealer,
      policy,
      calendar,
      subjects,
      audit,
      codes,
      catalog,
      now,
      // The lists first (entries and B26 records follow their records), then an objection closed by
      // its correction.
      hooks: combineIntakeHooks(listIntakeHooks(responsible), objections.intakeHooks, repairs.intakeHooks),
      // W3: a version that weakens a negative record rests on a decision recorded for it: an external
      // decision the credit office recorded, or an upheld objection (issue 16).
      changeBases: async (trx, ids) =>
        new Map([...(await externalDecisions.bases(trx, ids)), ...(await objections.bases(trx, ids))]),
    });
    const listTypes = listTypesService({ store, now, rowWriter });
    const checks = checksService({ store, sealer, policy, codes, catalog, measures, listTypes, now });
    const records = recordsReader({
      store,
      sealer,
      catalog,
      consents,
      now,
      today,
      // W1: a record is read as its list entry stands (removed under A4, past its removal date).
      listEntries: (keys) => listsRepository.listedStateOfRecords(store.db, keys),
      // Issue 16: a record under objection says so in every read.
      openObjections: (keys) => objections.openOnRecords(keys),
      // Issue 16: a repair in progress says so; an adopted one is an archive (A19, B32).
      repairs: (keys) => repairs.onRecords(keys),
    });
    const subjectSearch = subjectSearchRepository(store, sealer);
    const reports = NO_REPORTS;
    return {
      version: PLATFORM_VERSION,
      config,
      store,
      sealer,
      keySource: keys.source,
      policy,
      policyFingerprint: digest,
      now,
      today,
      calendar,
      codes,
      regions,
      departments,
      departmentPurposes: departmentPurposesService({
        departments,
        purposes: departmentPurposesRepository(store, rowWriter),
        audit,
        now,
      }),
      subjects,
      subjectSearch,
      auth,
      accountsAdmin: accountsService({
        accounts: auth.accounts,
        bindings: accountBindingsRepository(store),
        sessions: auth.sessions,
        apiKeys: auth.apiKeys,
        audit,
        policy,
        now,
        today,
        departmentExists: async (code) => (await departments.findByCode(code)) !== undefined,
        subjectIdByCode: async (code) => (await subjects.findByCode(code))?.id,
      }),
      identityVerifier,
      consents,
      consentReads: consentReadsRepository(store),
      audit,
      rowWriter,
      catalog,
      intake,
      externalDecisions,
      objections,
      stepSources,
      scheduler,
      repairs,
      // A21, B35: objections and repairs per department, as they stood on the report's day
      procedureStats: procedureStatsService({
        policy,
        today,
        objections,
        repairs,
        departmentNames: async () => new Map((await departments.list()).map((d) => [d.code, d.name])),
      }),
      subjectInbox: subjectInboxService({ store, audit, now }),
      uploads: uploadService({
        intake,
        catalog,
        limits: {
          ...DEFAULT_UPLOAD_LIMITS,
          maxRows: config.uploadMaxRows,
          maxUnpackedBytes: config.uploadMaxUnpackedMb * 1024 * 1024,
        },
      }),
      records,
      measures,
      listTypes,
      lists: listsService({
        store,
        listTypes,
        audit,
        responsible,
        rowWriter,
        subjects,
        codes,
        catalog,
        intake,
        now,
        today,
      }),
      checks,
      reports,
      publicDisclosure: publicDisclosureService({
        store,
        sealer,
        policy,
        policyFingerprint: digest,
        today,
        codes,
        subjects,
        subjectSearch,
        records,
        catalog,
        listTypes,
        departments,
        regions,
        measures,
        openObjections: (keys) => objections.openOnRecords(keys),
        repairs: (keys) => repairs.onRecords(keys),
        reports,
      }),
      feedback: feedbackService({ store, sealer, audit, policy, now, today }),
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
