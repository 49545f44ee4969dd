/**
 * A generated city for `npm run bench:check` (issue 5 point 9): N subjects, M credit records and E list
 * entries, written straight into a database migrated by the real migrations with each engine's bulk
 * path (one prepared INSERT per table on SQLite, COPY on PostgreSQL): through intake, 5,000,000 records
 * would take hours (bench:intake measures that path). The demo departments, the seed catalog and
 * measures come from `loadDemoData`; subjects are the demo generators' (valid codes, realistic names),
 * sealed and blind-indexed as subjects.repository.ts writes them, and indexed for name search by the
 * subject-search module; records carry validated seed-catalog content with the content digest intake
 * computes; entries agree with their records (A4: no red entry beside an effective black one; B26: a
 * severe organization's black entry is written to its legal representative; A12 and B27 dates, some
 * already passed). The rows have no digests in the audit chain: a benchmark city is not evidence.
 *
 * `openCity(engine, size, { keep })`: with `keep` the city is cached (bench/.data/<name>/, and a
 * PostgreSQL database of that name) and reused by the next run; without it, it is dropped on close.
 */

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { type AppContext, createAppContext } from '../src/app/context.ts';
import {
  type CatalogItemDraft,
  type CatalogItemVersion,
  exampleRow,
  type FieldValue,
  type ValidRow,
  validateRecordRow,
} from '../src/modules/catalog/index.ts';
import { loadDemoData } from '../src/modules/demo/demo.loader.ts';
import { createRng, generateDemoSubjects, type Rng } from '../src/modules/demo/index.ts';
import { addPolicyDuration, type Severity, validityOf } from '../src/modules/policy/index.ts';
import { contentFingerprint, pushTimeliness, storedFields } from '../src/modules/records/records.content.ts';
import { indexSubjects } from '../src/modules/subject-search/search-index.repository.ts';
import { chinaDayOf } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openStore } from '../src/platform/db/database.ts';
import type { EngineName } from '../src/platform/db/engine.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { dayNumberOf, formatDayNumber } from '../src/platform/iso-date.ts';
import { BENCH_PG_URL } from './stores.ts';

const { from: copyFrom } = createRequire(import.meta.url)('pg-copy-streams') as {
  from(sql: string): Writable;
};

export type CitySize = { subjects: number; entries: number; records: number };
export type ProbeSubject = { code: string; name: string };

/** Codes and names the benchmark asks about, drawn while the city is generated. */
export type CityProbe = {
  size: CitySize;
  today: string;
  generatedSeconds: number;
  /** registered, with at least one entry in force */
  listed: ProbeSubject[];
  /** registered, with entries that have all expired (A12, B27) */
  expired: ProbeSubject[];
  /** registered, never listed */
  unlisted: ProbeSubject[];
  /** valid codes the platform does not know */
  unknown: string[];
  /** codes with a wrong check character */
  invalid: string[];
  names: { persons: string[]; organizations: string[] };
};

export type City = {
  ctx: AppContext;
  url: string;
  dataDir: string;
  probe: CityProbe;
  close(): Promise<void>;
};

const BENCH_DATA = path.join(import.meta.dirname, '.data');
const SEED = 20_260_905;
const CHUNK = 20_000;

/** A list item the city adds (list types and list items are data): its 重点关注名单 (watch list). */
const WATCH_ITEM: CatalogItemDraft = {
  code: 'watchlist',
  name: '重点关注名单',
  nameEn: 'Watch list',
  description: '需重点关注、尚未列入黑名单的主体（基准测试城市添加的名单项）。',
  category: 'other',
  subjectKinds: ['person', 'organization'],
  fields: [
    { key: 'facts', label: '关注事由', labelEn: 'reason', type: 'text', required: true, maxLength: 500 },
    { key: 'identifyingUnit', label: '认定单位', labelEn: 'identifying unit', type: 'text', required: true },
    {
      key: 'validUntil',
      label: '关注期至',
      labelEn: 'valid until',
      type: 'date',
      required: true,
      notBeforeIdentified: true,
    },
  ],
  usageScope: 'government',
  updateCycle: 'realtime',
  providerDepartments: ['HA-GSJ', 'HA-AJJ', 'HA-TAX', 'HA-RSJ'],
  usagePeriod: null,
  publicationPeriod: null,
  severityRequired: false,
  listType: 'watch',
  basis: ['B13'],
};

/** Records other than list decisions, by item, as a city's history has them. */
const RECORD_WEIGHTS: Record<string, number> = {
  'admin-license': 26,
  'admin-penalty': 20,
  registration: 10,
  qualification: 8,
  'credit-commitment': 8,
  honor: 4,
  'credit-rating': 3,
  'tax-arrears': 3,
  'social-insurance-arrears': 3,
  'judgment-debtor': 3,
  volunteering: 3,
  'wage-arrears': 2,
  charity: 2,
  interview: 1,
  'criminal-judgment': 1,
  'bidding-fraud': 1,
  'safety-accident': 1,
  'false-materials': 1,
  'market-ban': 1,
  'academic-misconduct': 1,
};
const BLACKLIST_GROUNDS = [
  'A6(2) 严重破坏市场公平竞争秩序',
  'A6(7) 有履行能力拒不履行生效法律文书的失信被执行人',
  'A6(7) 有履行能力拒不履行生效法律文书的失信被执行人',
  'A6(9) 对违法违规行为拒不改正',
  'A6(11) 提供虚假承诺或不履行承诺',
  'A6(12) 经职能部门认定的其他失信情形',
];
const REDLIST_GROUNDS = [
  'A5(2) 省级（含）以上行业协会商会推荐的诚信会员',
  'A5(4) 县级（含）以上政府、市级以上党政机关和司法机关认定的诚信荣誉',
];
const WATCH_REASONS = [
  '多次被投诉举报，尚在调查中',
  '连续两个季度欠缴社会保险费',
  '安全生产检查发现重大隐患',
];

export const cityName = (engine: EngineName, s: CitySize) =>
  `city-${engine}-${s.subjects}-${s.entries}-${s.records}`;

/** Opens the cached city of this size (with `keep`), or generates one. */
export async function openCity(
  engine: EngineName,
  size: CitySize,
  options: { keep: boolean; log: (line: string) => void },
): Promise<City> {
  const name = cityName(engine, size);
  const dataDir = options.keep
    ? path.join(BENCH_DATA, name)
    : mkdtempSync(path.join(tmpdir(), 'xinyong-city-'));
  const probeFile = path.join(dataDir, 'probe.json');
  const pgName = options.keep ? name.replaceAll('-', '_') : `xinyong_city_${process.pid}_${Date.now()}`;
  const url = engine === 'sqlite' ? `sqlite:${path.join(dataDir, 'city.db')}` : pgUrl(pgName);
  // probe.json is written last: without it the city is incomplete and generated again.
  const cached = options.keep && existsSync(probeFile);
  if (!cached) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    if (engine === 'postgres') {
      await pgAdmin(`drop database if exists ${pgName} with (force)`, `create database ${pgName}`);
    }
  }
  const config = { ...loadConfig({}), dataDir, databaseUrl: url };
  const ctx = await createAppContext(config, { store: openStore(url) });
  let probe: CityProbe;
  if (cached) {
    probe = JSON.parse(readFileSync(probeFile, 'utf8')) as CityProbe;
    // Every run records its checks in the city (about 600,000 single checks and 1.2 million batch
    // results at the defaults): a kept city grows with each run.
    const bytes =
      engine === 'sqlite'
        ? ['city.db', 'city.db-wal']
            .map((f) => path.join(dataDir, f))
            .filter((f) => existsSync(f))
            .reduce((n, f) => n + statSync(f).size, 0)
        : Number(
            (await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(ctx.store.db))
              .rows[0]?.n ?? 0,
          );
    options.log(
      `city ${name}: reused (generated in ${probe.generatedSeconds} s; ${(bytes / 2 ** 30).toFixed(1)} GB now, ` +
        `growing with the checks each run records: ` +
        (engine === 'sqlite' ? `delete ${dataDir}` : `drop database ${pgName}`) +
        ' to start afresh)',
    );
  } else {
    const started = performance.now();
    probe = await generateCity(ctx, url, size, options.log);
    probe.generatedSeconds = Math.round((performance.now() - started) / 1000);
    writeFileSync(probeFile, JSON.stringify(probe));
    options.log(`city ${name}: generated in ${probe.generatedSeconds} s`);
  }
  return {
    ctx,
    url,
    dataDir,
    probe,
    async close() {
      await ctx.close();
      if (options.keep) return;
      if (engine === 'postgres') await pgAdmin(`drop database if exists ${pgName} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function pgUrl(database: string): string {
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function pgAdmin(...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

type Kind = 'person' | 'organization';
type CitySubject = { id: string; kind: Kind; code: string; name: string; digest: string };
type Demo = ReturnType<typeof generateDemoSubjects>;
type Row = Record<string, unknown>;

/** A planned list entry and the list record it reads. */
type Entry = {
  subject: number;
  type: 'black' | 'red' | 'watch';
  item: CatalogItemVersion;
  severity: Severity | null;
  identifiedOn: string;
  validUntil: string;
  validityEndsOn: string | null;
  fields: Record<string, FieldValue>;
  effective: boolean;
};

async function generateCity(ctx: AppContext, url: string, size: CitySize, log: (line: string) => void) {
  const now = ctx.now();
  const today = chinaDayOf(now);
  const rng = createRng(SEED);
  const step = stepLogger(log);

  // Departments, seed catalog and measures. The loader needs one person and one company for its
  // subject accounts; they stay, and the generated subjects leave their codes alone.
  await loadDemoData(ctx, { persons: 1, organizations: 1 });
  const catalog = ctx.catalog;
  await catalog.publish(WATCH_ITEM, now);
  const items = new Map((await catalog.list()).map((i) => [i.code, i]));
  const departments = new Set(
    (await ctx.store.db.selectFrom('departments').select('code').execute()).map((d) => d.code),
  );
  const taken = new Set(
    (await ctx.store.db.selectFrom('subjects').select('code_digest').execute()).map((r) => r.code_digest),
  );

  const organizations = Math.round(size.subjects * 0.2);
  const demo = generateDemoSubjects({ persons: size.subjects - organizations, organizations, seed: SEED });
  demo.persons = demo.persons.filter((p) => !taken.has(ctx.sealer.blindIndex(p.code)));
  demo.organizations = demo.organizations.filter((o) => !taken.has(ctx.sealer.blindIndex(o.code)));
  const subjects: CitySubject[] = [...demo.persons, ...demo.organizations].map((s, i) => ({
    id: uuidv7(),
    kind: i < demo.persons.length ? 'person' : 'organization',
    code: s.code,
    name: s.name,
    digest: ctx.sealer.blindIndex(s.code),
  }));
  const personIndex = new Map(demo.persons.map((p, i) => [p.code, i]));
  step(`${fmt(subjects.length)} subjects generated`);

  const bulk = await bulkWriter(url);
  let listed: Map<number, boolean>;
  let batches: Map<string, { id: string; created: number }>;
  try {
    for (let start = 0; start < subjects.length; start += CHUNK) {
      const rows = subjects
        .slice(start, start + CHUNK)
        .map((s, j) => subjectRow(ctx, demo, s, start + j, personIndex, subjects, now));
      await bulk.write('subjects', rows);
    }
    step(`${fmt(subjects.length)} subjects written`);

    // One intake batch per providing department; its counts are set once the records are written.
    const providers = [...items.values()]
      .flatMap((i) => i.providerDepartments)
      .filter((d) => departments.has(d));
    batches = new Map([...new Set(providers)].map((d) => [d, { id: uuidv7(), created: 0 }] as const));
    await bulk.write(
      'intake_batches',
      [...batches].map(([department, b]) => batchRow(b.id, department, now)),
    );
    const records = recordFactory(ctx, rng, today, departments, subjects, batches);

    const plan = planEntries(ctx, rng, today, size, items, demo.persons.length, subjects.length);
    listed = new Map();
    const entryRows: Row[] = [];
    const eventRows: Row[] = [];
    const associatedWanted = Math.round(size.entries * 0.08);
    let associated = 0;
    for (let start = 0; start < plan.length; start += CHUNK) {
      const rows = plan.slice(start, start + CHUNK).map((e) => {
        const record = records.row(e.item, e.subject, e);
        const entry = entryRow(record, e, subjects[e.subject]!.id, now);
        entryRows.push(entry);
        eventRows.push(
          eventRow(
            entry.id as string,
            'listed',
            e.type === 'red' ? 'A5' : e.type === 'black' ? 'A6' : null,
            { listType: e.type, nameConflict: false },
            record,
            now,
          ),
        );
        listed.set(e.subject, (listed.get(e.subject) ?? false) || e.effective);
        // B26: a severe organization's effective black entry is written to its legal representative.
        const organization = e.subject - demo.persons.length;
        const representative =
          e.type === 'black' && e.severity === '严重' && e.effective && organization >= 0
            ? personIndex.get(demo.organizations[organization]!.legalRepresentativeCode)
            : undefined;
        if (representative !== undefined && associated < associatedWanted) {
          associated++;
          const mirrored = {
            ...entry,
            id: uuidv7(),
            subject_id: subjects[representative]!.id,
            origin: 'associated',
            source_entry_id: entry.id,
            relation_role: 'legal_representative',
          };
          entryRows.push(mirrored);
          const detail = {
            sourceEntryId: entry.id,
            organizationId: entry.subject_id,
            role: 'legal_representative',
          };
          eventRows.push(eventRow(mirrored.id, 'associated', 'B26', detail, null, now));
          listed.set(representative, true);
        }
        return record;
      });
      await bulk.write('records', rows);
    }
    for (let start = 0; start < entryRows.length; start += CHUNK) {
      await bulk.write('list_entries', entryRows.slice(start, start + CHUNK));
      await bulk.write('list_entry_events', eventRows.slice(start, start + CHUNK));
    }
    step(
      `${fmt(entryRows.length)} list entries (${fmt(associated)} B26) with ${fmt(records.count())} list records`,
    );

    // Every other record: an item of the weighted table about a random subject it may concern.
    const tables = {
      person: weightedItems(items, 'person'),
      organization: weightedItems(items, 'organization'),
    };
    while (records.count() < size.records) {
      const rows: Row[] = [];
      for (let i = 0; i < CHUNK && records.count() < size.records; i++) {
        const subject = rng.int(0, subjects.length - 1);
        rows.push(records.row(rng.weighted(tables[subjects[subject]!.kind]), subject));
      }
      await bulk.write('records', rows);
      if (records.count() % 500_000 < CHUNK) step(`${fmt(records.count())} records`, true);
    }
    await bulk.finish();
    step(`${fmt(records.count())} records written`);
  } finally {
    await bulk.close();
  }

  for (const b of batches.values()) {
    await ctx.store.db
      .updateTable('intake_batches')
      .set({ total: b.created, created: b.created })
      .where('id', '=', b.id)
      .execute();
  }
  // Name search finds the generated subjects as it finds registered ones (the loader's two are indexed).
  await ctx.store.db.transaction().execute(async (trx) => {
    for (let start = 0; start < subjects.length; start += CHUNK) {
      await indexSubjects(trx, ctx.store.capabilities, subjects.slice(start, start + CHUNK));
    }
  });
  step('name search index built');
  if (ctx.store.capabilities.engine === 'sqlite')
    await sql`pragma analysis_limit = 2000`.execute(ctx.store.db);
  await sql`analyze`.execute(ctx.store.db);
  step('analyzed');
  return probeOf(subjects, listed, today, size, rng, (code) => taken.has(ctx.sealer.blindIndex(code)));
}

function subjectRow(
  ctx: AppContext,
  demo: Demo,
  s: CitySubject,
  i: number,
  personIndex: Map<string, number>,
  subjects: CitySubject[],
  now: string,
): Row {
  const person = demo.persons[i];
  const organization = demo.organizations[i - demo.persons.length];
  // As the demo loader writes them: an organization names its legal representative by subject id.
  const attributes = person
    ? {
        gender: person.gender,
        birthDate: person.birthDate,
        ...(person.employerDepartmentCode ? { employerDepartmentCode: person.employerDepartmentCode } : {}),
      }
    : {
        organizationKind: organization!.kind,
        legalForm: organization!.legalForm,
        registeredAddress: organization!.registeredAddress,
        establishedOn: organization!.establishedOn,
        legalRepresentativeId:
          subjects[personIndex.get(organization!.legalRepresentativeCode) ?? -1]?.id ?? null,
        ...(organization!.superiorDepartmentCode
          ? { superiorDepartmentCode: organization!.superiorDepartmentCode }
          : {}),
      };
  return {
    id: s.id,
    kind: s.kind,
    code_kind: s.kind === 'person' ? 'citizen_id' : 'uscc',
    code_digest: s.digest,
    code_sealed: ctx.sealer.seal(s.code),
    name: s.name,
    region_code: (person ?? organization)!.regionCode,
    attributes: JSON.stringify(attributes),
    created_at: now,
    updated_at: now,
  };
}

/**
 * The list entries: black (60% persons), red (60% organizations) and watch; 10% of black and red and 20%
 * of watch entries already expired. Effective black entries are identified within the last 11 months
 * (valid under every severity, B27), expired ones 3–6 years ago; red and watch entries end on the
 * identifying unit's date (A12). Red entries never go to a subject with an effective black entry (A4).
 */
function planEntries(
  ctx: AppContext,
  rng: Rng,
  today: string,
  size: CitySize,
  items: Map<string, CatalogItemVersion>,
  persons: number,
  total: number,
): Entry[] {
  const todayN = dayNumberOf(today);
  const day = (offset: number) => formatDayNumber(todayN + offset);
  const anyOf = (kind: Kind) => (kind === 'person' ? rng.int(0, persons - 1) : rng.int(persons, total - 1));
  const associated = Math.round(size.entries * 0.08);
  const listed = size.entries - associated;
  const watch = Math.round(listed * 0.07);
  const red = Math.round(listed * 0.33);
  const entries: Entry[] = [];
  const black = new Set<number>();
  let severeOrganizations = 0;
  for (let i = 0; i < listed - watch - red; i++) {
    const kind: Kind = rng.chance(0.4) ? 'organization' : 'person';
    const subject = anyOf(kind);
    const effective = !rng.chance(0.1);
    // Enough severe organizations for the wanted B26 entries; the rest of any severity.
    const severe = kind === 'organization' && effective && severeOrganizations++ < associated;
    const severity: Severity = severe ? '严重' : rng.pick(['一般', '较重', '严重'] as const);
    const identifiedOn = effective ? day(-rng.int(0, 330)) : day(-rng.int(3 * 366, 6 * 365));
    const ends = addPolicyDuration(identifiedOn, validityOf(ctx.policy, severity));
    const fields = { dishonestyType: rng.pick(BLACKLIST_GROUNDS), validUntil: ends };
    if (effective) black.add(subject);
    const item = items.get(`blacklist-${kind}`)!;
    entries.push({
      subject,
      type: 'black',
      item,
      severity,
      identifiedOn,
      validUntil: ends,
      validityEndsOn: ends,
      fields,
      effective,
    });
  }
  const later = (type: 'red' | 'watch', item: CatalogItemVersion, subject: number, effective: boolean) => {
    const identifiedOn = effective ? day(-rng.int(0, 700)) : day(-rng.int(800, 1500));
    const validUntil = effective ? day(rng.int(30, 700)) : day(-rng.int(1, 60));
    const fields: Record<string, FieldValue> =
      type === 'red'
        ? { ground: rng.pick(REDLIST_GROUNDS), validUntil }
        : { facts: rng.pick(WATCH_REASONS), validUntil };
    entries.push({
      subject,
      type,
      item,
      severity: null,
      identifiedOn,
      validUntil,
      validityEndsOn: null,
      fields,
      effective,
    });
  };
  for (let i = 0; i < red; i++) {
    const kind: Kind = rng.chance(0.6) ? 'organization' : 'person';
    let subject = anyOf(kind);
    while (black.has(subject)) subject = anyOf(kind);
    later('red', items.get(`redlist-${kind}`)!, subject, !rng.chance(0.1));
  }
  for (let i = 0; i < watch; i++) {
    later(
      'watch',
      items.get('watchlist')!,
      anyOf(rng.chance(0.5) ? 'organization' : 'person'),
      !rng.chance(0.2),
    );
  }
  return entries;
}

/**
 * Rows of `records` as intake writes them: validated example content of the item (the varying fields
 * replaced), sealed code fields, the content digest, B27 validity, A9 push timeliness, the batch of the
 * providing department.
 */
function recordFactory(
  ctx: AppContext,
  rng: Rng,
  today: string,
  departments: Set<string>,
  subjects: CitySubject[],
  batches: Map<string, { id: string; created: number }>,
) {
  const todayN = dayNumberOf(today);
  const calendar = ctx.calendar.current();
  const templates = new Map<
    string,
    { row: ValidRow; sealed: Record<string, unknown>; providers: string[] }
  >();
  const pushes = new Map<string, ReturnType<typeof pushTimeliness>>();
  let n = 0;

  function templateOf(item: CatalogItemVersion) {
    let t = templates.get(item.code);
    if (!t) {
      const checked = validateRecordRow(item, exampleRow(item), { today: '2099-12-31' });
      if (!checked.ok)
        throw new Error(`${item.code}: example row refused: ${JSON.stringify(checked.errors)}`);
      const stored = storedFields(item, checked.row.fields, ctx.sealer);
      const codeKeys = item.fields.filter((f) => f.type === 'code').map((f) => f.key);
      t = {
        row: checked.row,
        sealed: Object.fromEntries(codeKeys.map((k) => [k, stored[k]])),
        providers: item.providerDepartments.filter((d) => departments.has(d)),
      };
      templates.set(item.code, t);
    }
    return t;
  }

  return {
    count: () => n,
    row(item: CatalogItemVersion, subject: number, entry?: Entry): Row {
      const t = templateOf(item);
      const s = subjects[subject]!;
      const negative = item.category === 'negative';
      const severity = entry
        ? entry.severity
        : negative
          ? rng.pick(['一般', '一般', '较重', '严重'] as const)
          : null;
      const identifiedOn = entry ? entry.identifiedOn : formatDayNumber(todayN - rng.int(0, 6 * 365));
      const receivedOn = formatDayNumber(Math.min(todayN, dayNumberOf(identifiedOn) + rng.int(0, 12)));
      const fields = { ...t.row.fields, ...entry?.fields };
      if ('documentNumber' in fields)
        fields.documentNumber = `淮${negative ? '罚' : '证'}〔${identifiedOn.slice(0, 4)}〕${n % 9973}号`;
      const row: ValidRow = {
        ...t.row,
        subject: {
          code: s.code,
          name: s.name,
          kind: s.kind,
          codeKind: s.kind === 'person' ? 'citizen_id' : 'uscc',
        },
        providerRecordId: `CITY-${String(n).padStart(9, '0')}`,
        severity,
        identifiedOn,
        fields,
      };
      const key = `${item.listType !== null}|${identifiedOn}|${receivedOn}`;
      let push = pushes.get(key);
      if (!push) {
        push = pushTimeliness(calendar, ctx.policy, item, identifiedOn, receivedOn);
        pushes.set(key, push);
      }
      const department = rng.pick(t.providers);
      const batch = batches.get(department)!;
      batch.created++;
      const id = uuidv7();
      n++;
      return {
        id,
        record_key: id,
        version: 1,
        item_code: item.code,
        item_version: item.version,
        provider_department: department,
        provider_record_id: row.providerRecordId,
        subject_id: s.id,
        subject_name: s.name,
        subject_ground: null,
        severity,
        identified_on: identifiedOn,
        received_at: `${receivedOn}T0${n % 9}:${String(n % 60).padStart(2, '0')}:00.000Z`,
        validity_ends_on: entry
          ? entry.validityEndsOn
          : negative
            ? addPolicyDuration(identifiedOn, validityOf(ctx.policy, severity))
            : null,
        policy_id: ctx.policy.id,
        policy_version: ctx.policy.version,
        fields: JSON.stringify({ ...fields, ...t.sealed }),
        content_digest: contentFingerprint(item, row, (code) =>
          code === s.code ? s.digest : ctx.sealer.blindIndex(code),
        ),
        reason: null,
        push_workdays: push.workdays,
        push_late: push.late ? 1 : 0,
        push_provisional: push.provisional ? 1 : 0,
        batch_id: batch.id,
      };
    },
  };
}

function entryRow(record: Row, e: Entry, subjectId: string, now: string): Row {
  const ground = (e.fields.dishonestyType ?? e.fields.ground ?? null) as string | null;
  return {
    id: uuidv7(),
    list_type: e.type,
    record_key: record.record_key,
    record_id: record.id,
    item_code: e.item.code,
    provider_department: record.provider_department,
    subject_id: subjectId,
    origin: 'listed',
    source_entry_id: null,
    relation_role: null,
    // the coded A5/A6 ground, as lists.hooks.ts stores it (`groundOf`)
    ground: ground === null ? null : (/^([A-Z]\d+\(\d+\))/.exec(ground)?.[1] ?? ground),
    severity: e.severity,
    identified_on: e.identifiedOn,
    valid_until: e.validUntil,
    validity_ends_on: e.validityEndsOn,
    status: 'active',
    status_reason: null,
    removed_at: null,
    removed_by_entry: null,
    procedure: null,
    created_at: now,
    updated_at: now,
  };
}

function eventRow(
  entryId: string,
  kind: string,
  article: string | null,
  detail: unknown,
  record: Row | null,
  now: string,
): Row {
  return {
    id: uuidv7(),
    entry_id: entryId,
    at: now,
    kind,
    article,
    detail: JSON.stringify(detail),
    record_id: record?.id ?? null,
    batch_id: record?.batch_id ?? null,
    actor_id: null,
  };
}

function batchRow(id: string, department: string, now: string): Row {
  return {
    id,
    provider_department: department,
    channel: 'cli',
    mode: 'accept_valid',
    ...{ total: 0, created: 0, unchanged: 0, new_version: 0, refused: 0, aborted: 0 },
    actor_id: null,
    actor_role: 'operator',
    request_id: null,
    started_at: now,
    finished_at: now,
  };
}

function weightedItems(items: Map<string, CatalogItemVersion>, kind: Kind) {
  return Object.entries(RECORD_WEIGHTS)
    .map(([code, weight]) => [items.get(code), weight] as const)
    .filter((e): e is readonly [CatalogItemVersion, number] => e[0]?.subjectKinds.includes(kind) === true);
}

function probeOf(
  subjects: readonly CitySubject[],
  listed: Map<number, boolean>,
  today: string,
  size: CitySize,
  rng: Rng,
  alreadyRegistered: (code: string) => boolean,
): CityProbe {
  const sample = (n: number, want: (i: number) => boolean): ProbeSubject[] => {
    const out: ProbeSubject[] = [];
    for (let tries = 0; out.length < n && tries < n * 50; tries++) {
      const i = rng.int(0, subjects.length - 1);
      if (want(i)) out.push({ code: subjects[i]!.code, name: subjects[i]!.name });
    }
    return out;
  };
  const known = new Set(subjects.map((s) => s.code));
  const other = generateDemoSubjects({ persons: 8000, organizations: 2000, seed: SEED + 1 });
  const unknown = [...other.persons, ...other.organizations]
    .map((s) => s.code)
    .filter((c) => !known.has(c) && !alreadyRegistered(c));
  // The check character changed: always a wrong one (GB 11643, GB 32100 have one right character).
  const invalid = sample(1000, () => true).map(
    ({ code }) => code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'),
  );
  const names = (kind: Kind) => sample(3000, (i) => subjects[i]!.kind === kind).map((s) => s.name);
  return {
    size,
    today,
    generatedSeconds: 0,
    listed: sample(20_000, (i) => listed.get(i) === true),
    expired: sample(5000, (i) => listed.get(i) === false),
    unlisted: sample(50_000, (i) => !listed.has(i)),
    unknown,
    invalid,
    names: { persons: names('person'), organizations: names('organization') },
  };
}

type BulkWriter = {
  /** rows of one table, all with the same keys (the columns) */
  write(table: string, rows: Row[]): Promise<void>;
  /** everything written is committed and visible to the application's connections */
  finish(): Promise<void>;
  close(): Promise<void>;
};

/** Each engine's bulk path: prepared INSERTs in one transaction per call (SQLite), COPY (PostgreSQL). */
async function bulkWriter(url: string): Promise<BulkWriter> {
  if (url.startsWith('sqlite:')) {
    const db = new SqliteDatabase(url.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF'); // a benchmark city is regenerated, not recovered
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -524288');
    const statements = new Map<string, SqliteDatabase.Statement>();
    const insert = db.transaction((statement: SqliteDatabase.Statement, rows: Row[]) => {
      for (const row of rows) statement.run(row);
    });
    return {
      async write(table, rows) {
        if (rows.length === 0) return;
        let statement = statements.get(table);
        if (!statement) {
          const columns = Object.keys(rows[0]!);
          statement = db.prepare(
            `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
          );
          statements.set(table, statement);
        }
        insert(statement, rows);
      },
      async finish() {
        db.pragma('wal_checkpoint(TRUNCATE)');
      },
      async close() {
        if (db.open) db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async write(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const stream = client.query(
        copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`) as never,
      ) as Writable;
      let text = '';
      for (const row of rows) text += `${columns.map((c) => copyText(row[c])).join('\t')}\n`;
      stream.end(text);
      await finished(stream);
    },
    async finish() {},
    async close() {
      await client.end();
    },
  };
}

/** COPY text format: \N for null; backslash, tab and line breaks escaped. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function stepLogger(log: (line: string) => void) {
  const started = performance.now();
  return (what: string, progress = false) => {
    const line = `  ${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s  ${what}`;
    if (!progress) log(line);
    else if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${line}`);
  };
}
