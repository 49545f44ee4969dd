/**
 * `npm run bench:intake [-- --rows N --engines sqlite,postgres --batch 10000]` (intake issue item 7).
 *
 * For each engine, in the same run, on fresh databases:
 * - validated: the generated rows through `intakeService.submit` — the API's, the upload's and the
 *   CLI's path: forbidden-data scan, catalog validation, code checks, sealing, idempotency plan,
 *   subject registration, record insert with row digests in the audit chain;
 * - raw: the same rows inserted straight into `records` (same table, indexes and foreign keys), the
 *   subjects registered beforehand (untimed), in transactions of the same batch size — through the
 *   query layer and through the engine's bulk path (raw-insert.ts); each on its own fresh database.
 * Prints records/s and the ratio validated / raw (target ≥ 0.2; the bulk path is the ceiling), with
 * the CPU time this process spent in each timed part: on SQLite (in process) it is the steadier figure
 * when other work shares the machine; on PostgreSQL the server's share is not in it. Row generation is
 * never timed. Not a test:
 * nothing asserts a timing. Profile one path with
 * `node --cpu-prof bench/intake.ts --rows 100000 --engines sqlite --only validated`.
 */
import { mkdtempSync } from 'node:fs';

import path from 'node:path';
import { parseArgs } from 'node:util';
import { type AppContext, createAppContext } from '../src/app/context.ts';
import { cliOperator } from '../src/modules/access/actor.ts';
import { ensureSeedCatalog } from '../src/modules/catalog/catalog.seed.ts';
import { loadDemoData } from '../src/modules/demo/demo.loader.ts';
import { checkCode } from '../src/modules/identity-codes/index.ts';
import { intakeService } from '../src/modules/records/intake.service.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { EngineName } from '../src/platform/db/engine.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { BENCH_PROVIDER, type BenchSubject, benchBatches, benchSubjects, DEFAULT_ROWS } from './generate.ts';
import { bulkInserter, queryLayerInserter, type RawRecord } from './raw-insert.ts';
import { type BenchStore, freshStore, postgresUnavailable } from './stores.ts';

const TARGET_RATIO = 0.2;

async function contextOn(bench: BenchStore): Promise<AppContext> {
  const config = {
    ...loadConfig({}),
    dataDir: mkdtempSync(path.join(bench.dir, 'data-')),
    databaseUrl: bench.url,
  };
  const ctx = await createAppContext(config, { store: bench.store });
  await loadDemoData(ctx, { persons: 1, organizations: 1 }); // regions, departments (untimed)
  await ensureSeedCatalog(bench.store, ctx.now(), ctx.rowWriter);
  return ctx;
}

async function validated(engine: EngineName, rows: number, batch: number, subjects: BenchSubject[]) {
  const bench = await freshStore(engine);
  try {
    const ctx = await contextOn(bench);
    const intake = intakeService(ctx);
    let ms = 0;
    let cpu = 0;
    let created = 0;
    for (const rowsOfBatch of benchBatches(rows, batch, subjects)) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const result = await intake.submit({
        actor: cliOperator(),
        providerDepartment: BENCH_PROVIDER,
        channel: 'cli',
        mode: 'accept_valid',
        rows: rowsOfBatch,
      });
      ms += performance.now() - started;
      cpu += cpuMs(cpuStarted);
      created += result.summary.created;
      if (result.summary.refused > 0) {
        const first = result.results.find((r) => r.outcome === 'refused');
        throw new Error(`benchmark row refused: ${JSON.stringify(first?.errors)}`);
      }
      progress(`${engine} validated`, created, rows, ms);
    }
    return { created, ms, cpu };
  } finally {
    await bench.dispose();
  }
}

async function raw(
  method: 'query' | 'bulk',
  engine: EngineName,
  rows: number,
  batch: number,
  subjects: BenchSubject[],
) {
  const bench = await freshStore(engine);
  try {
    const ctx = await contextOn(bench);
    const now = ctx.now();
    await ctx.subjects.ensure(
      subjects.map((s) => ({
        kind: s.kind,
        code: s.code,
        codeKind: s.kind === 'person' ? 'citizen_id' : 'uscc',
        name: s.name,
        regionCode: checkCode(s.code, { today: '2026-01-01' }).region?.code ?? null,
        attributes: {},
      })),
      now,
      ctx.audit.writer(cliOperator()),
    );
    const idOf = await ctx.subjects.idsByCode(subjects.map((s) => s.code));
    const item = (await ctx.catalog.current('admin-penalty'))!;
    const batchId = uuidv7();
    await bench.store.db
      .insertInto('intake_batches')
      .values({
        id: batchId,
        provider_department: BENCH_PROVIDER,
        channel: 'cli',
        mode: 'accept_valid',
        total: rows,
        created: rows,
        unchanged: 0,
        new_version: 0,
        refused: 0,
        aborted: 0,
        actor_id: null,
        actor_role: 'operator',
        request_id: null,
        started_at: now,
        finished_at: now,
      })
      .execute();
    const inserter = method === 'query' ? queryLayerInserter(bench.store) : await bulkInserter(bench.url);
    const digest = 'x'.repeat(64);
    let ms = 0;
    let cpu = 0;
    let created = 0;
    try {
      for (const rowsOfBatch of benchBatches(rows, batch, subjects)) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        const records = rowsOfBatch.map((r): RawRecord => {
          const id = uuidv7();
          return {
            id,
            record_key: id,
            version: 1,
            item_code: r.item,
            item_version: item.version,
            provider_department: BENCH_PROVIDER,
            provider_record_id: r.providerRecordId,
            subject_id: idOf.get(r.subject.code)!,
            subject_name: r.subject.name,
            subject_ground: null,
            severity: r.severity,
            identified_on: r.identifiedOn,
            received_at: now,
            validity_ends_on: r.identifiedOn,
            policy_id: ctx.policy.id,
            policy_version: ctx.policy.version,
            fields: JSON.stringify(r.fields),
            content_digest: digest,
            reason: null,
            push_workdays: 0,
            push_late: 0,
            push_provisional: 0,
            batch_id: batchId,
          };
        });
        await inserter.insert(records);
        ms += performance.now() - started;
        cpu += cpuMs(cpuStarted);
        created += records.length;
        progress(`${engine} raw (${method})`, created, rows, ms);
      }
    } finally {
      await inserter.close();
    }
    return { created, ms, cpu };
  } finally {
    await bench.dispose();
  }
}

/** This process's CPU time since `from` (all threads), in ms: steadier than wall time on a busy machine. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

function progress(label: string, done: number, total: number, ms: number): void {
  if (!process.stderr.isTTY) return;
  const rate = Math.round((done * 1000) / Math.max(1, ms));
  process.stderr.write(
    `\r\x1b[2K${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}  ${rate.toLocaleString('en-US')} rec/s`,
  );
  if (done >= total) process.stderr.write('\r\x1b[2K');
}

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: String(DEFAULT_ROWS) },
    batch: { type: 'string', default: '10000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    // `--only validated` (or query, or bulk) measures one path, e.g. under --cpu-prof
    only: { type: 'string' },
  },
});
const rows = Number(values.rows);
const batch = Number(values.batch);
const subjects = benchSubjects(rows);
type Measured = { created: number; ms: number; cpu: number };
const rate = (r: Measured) => (r.created * 1000) / r.ms;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(
  `bench:intake — ${fmt(rows)} admin-penalty records, ${fmt(subjects.length)} subjects, batches of ${fmt(batch)}`,
);
for (const engine of values.engines.split(',') as EngineName[]) {
  if (engine === 'postgres') {
    const why = await postgresUnavailable();
    if (why) {
      console.log(`postgres: skipped — not reachable (${why}); set XINYONG_BENCH_PG_URL`);
      continue;
    }
  }
  const paths = values.only ? [values.only] : ['validated', 'query', 'bulk'];
  const measured: Record<string, Measured> = {};
  for (const p of paths) {
    measured[p] =
      p === 'validated'
        ? await validated(engine, rows, batch, subjects)
        : await raw(p as 'query' | 'bulk', engine, rows, batch, subjects);
  }
  const line = (label: string, r: Measured | undefined) =>
    r
      ? `${label} ${fmt(rate(r)).padStart(9)} rec/s (${(r.ms / 1000).toFixed(1)} s, cpu ${(r.cpu / 1000).toFixed(1)} s)`
      : '';
  console.log(
    [
      engine.padEnd(8),
      line('validated', measured.validated),
      line('| raw, query layer', measured.query),
      line('| raw, bulk path', measured.bulk),
    ].join(' '),
  );
  const v = measured.validated;
  for (const [label, r] of [
    ['engine bulk path (the ceiling)', measured.bulk],
    ['query-layer insert', measured.query],
  ] as const) {
    if (!v || !r) continue;
    const ratio = rate(v) / rate(r);
    console.log(
      `         ratio to ${label}: ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO}) ${ratio >= TARGET_RATIO ? 'OK' : 'BELOW TARGET'}`,
    );
  }
}
