/**
 * `npm run bench:check [-- --subjects N --entries E --records M --engine sqlite|postgres|both
 * --duration S --rounds R --keep]` (issue 5 point 9). On a generated city (bench/city.ts; `--keep` caches it under
 * bench/.data/ for the next run):
 * - HTTP: the real app in a child process (autocannon's CPU stays off the server's thread), 50
 *   connections: GET /api/health, a floor (the same POST, authenticated and validated, doing nothing:
 *   the most a check could reach), then POST /api/v1/checks with one subject per request (listed,
 *   expired, never listed, unknown and malformed codes; each connection cycles through 1,000 requests of
 *   its own, built before the clock starts), scenario public_resource_trading, with an API key of the
 *   finance bureau, in `--rounds` rounds (5) of the three one after the other. Prints req/s,
 *   p50/p99 and each round's ratio checks / health: the median round's ratio counts (target ≥ 0.5), and
 *   the worst round's check p99 (≤ 20 ms); every check must be answered 2xx and be on record;
 * - HTTP, batches beside other callers (issue 14 §6): `--batches` (8) connections each posting checks of
 *   10,000 subjects one after the other while 5 connections ask /api/health and 5 post single checks,
 *   each at 100 requests/s, for `--duration` seconds: health p99 (target ≤ 50 ms) and single-check p99
 *   (≤ 100 ms) during that phase say whether large batches starve other callers;
 * - in process: `ctx.checks.run` with 10,000 subjects a call, recording included (target ≥ 100,000
 *   codes/s);
 * - name search: p50/p95 through the subject-search repository (target p95 ≤ 20 ms);
 * - the portal's subject page (issue 17): GET /api/v1/public/subjects/:code/profile through the whole app
 *   in process (`inject`: routing, rate limit, ETag, serialization; no socket), organizations with list
 *   entries, with expired ones and never listed, each from an address of its own so the public rate
 *   limit is not what is measured (target p95 ≤ 20 ms).
 * Prints figures and a summary; asserts nothing. Profile the server with `--profile-server`
 * (a .cpuprofile per run under bench/.data/profiles/), the parent with `node --cpu-prof`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { z } from 'zod';
import { createApp } from '../src/app/app.ts';
import { createAppContext } from '../src/app/context.ts';
import type { Actor } from '../src/modules/access/actor.ts';
import type { CheckSubjectInput } from '../src/modules/checks/check-evaluator.service.ts';
import { createRng, type Rng } from '../src/modules/demo/index.ts';
import { parseSearchQuery, pinyinKeys } from '../src/modules/subject-search/search-text.ts';
import { subjectSearchRepository } from '../src/modules/subject-search/subject-search.repository.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openStore } from '../src/platform/db/database.ts';
import type { EngineName } from '../src/platform/db/engine.ts';
import { tuneForServing } from '../src/platform/runtime.ts';
import { type City, type CityProbe, type CitySize, cityName, openCity } from './city.ts';
import { postgresUnavailable } from './stores.ts';

const TARGETS = {
  ratio: 0.5,
  p99Ms: 20,
  codesPerSecond: 100_000,
  searchP95Ms: 20,
  // issue 17: the portal's subject page, GET /api/v1/public/subjects/:code/profile
  publicProfileP95Ms: 20,
  // while batches of 10,000 run (issue 14 §6)
  busyHealthP99Ms: 50,
  busyCheckP99Ms: 100,
};
const SCENARIO = 'public_resource_trading';
const PURPOSE = '政府采购项目投标资格审查（基准测试）';
/** A department that runs public resource trading (the finance bureau's procurement system). */
const DEPARTMENT = 'HA-CZJ';
const BATCH = 10_000;
const FLOOR_PATH = '/bench/floor';
/** Prebuilt check requests per connection, cycled through (about 1,800 calls per connection a round). */
const REQUESTS_PER_CONNECTION = 1000;
/** Beside the batches: health and single checks, each this many requests a second over 5 connections. */
const BESIDE_RATE = 100;
const BESIDE_CONNECTIONS = 5;
/** Different 10,000-subject bodies per batch connection, cycled through. */
const BATCH_BODIES = 3;

// The server child and the in-process batch run as `xinyong serve` runs (platform/runtime.ts).
tuneForServing();

const { values } = parseArgs({
  options: {
    subjects: { type: 'string', default: '1000000' },
    entries: { type: 'string', default: '200000' },
    records: { type: 'string', default: '5000000' },
    engine: { type: 'string', default: 'sqlite' },
    duration: { type: 'string', default: '10' },
    // HTTP: rounds of health, floor and checks; the ratio reported is the median round's (five: a
    // round's ratio ranged 0.38–0.62 within one run on this shared 2-core machine, and the median of
    // three still moved by ±0.05 between runs)
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    // connections posting 10,000-subject checks at once in the phase beside health and single checks
    batches: { type: 'string', default: '8' },
    queries: { type: 'string', default: '3000' },
    keep: { type: 'boolean', default: false },
    // `--only http|busy|batch|search|public`: one part (e.g. while profiling); busy: the batches-beside phase
    only: { type: 'string' },
    'profile-server': { type: 'boolean', default: false },
    // internal: the child process serving the city
    serve: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(2)} ms`;
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** The subjects a clerk's system asks about: mostly never listed, a fifth listed, some unknown or mistyped. */
function subjectMix(probe: CityProbe, rng: Rng): () => CheckSubjectInput {
  const registered = (list: CityProbe['listed']) => {
    const s = rng.pick(list);
    return rng.chance(0.5) ? { code: s.code, name: s.name } : { code: s.code };
  };
  return () => {
    const x = rng.next();
    if (x < 0.2) return registered(probe.listed);
    if (x < 0.25 && probe.expired.length > 0) return registered(probe.expired);
    if (x < 0.85) return registered(probe.unlisted);
    if (x < 0.98) return { code: rng.pick(probe.unknown) };
    return { code: rng.pick(probe.invalid) };
  };
}

type HttpFigures = {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
  non2xx: number;
  /** server CPU time (user + system) per request: steadier than req/s on a shared machine */
  cpuMicros: number;
  /** the load generator's CPU time per request (this process): it shares the machine's cores */
  loadCpuMicros: number;
  /** the server's event loop: the share of the time it was not waiting for input */
  loopUse: number;
  /** the share of the server's CPU time spent in the kernel (sockets, file writes) */
  systemShare: number;
  /** the check recorder's groups in the meantime: commits, checks a commit, write time a check */
  groups: number;
  checksPerGroup: number;
  writeMicrosPerCheck: number;
};

type RecorderStats = { groups: number; checks: number; writeMs: number };
type LoopUse = { idle: number; active: number };

/** The child's CPU time so far, in microseconds, its check recorder's totals and its event loop's use. */
async function serverCpu(
  child: ChildProcess,
): Promise<{ cpu: number; system: number; recorder: RecorderStats; loop: LoopUse }> {
  child.send('cpu');
  const [usage] = (await once(child, 'message')) as [
    { cpu: NodeJS.CpuUsage; recorder: RecorderStats; loop: LoopUse },
  ];
  return {
    cpu: usage.cpu.user + usage.cpu.system,
    system: usage.cpu.system,
    recorder: usage.recorder,
    loop: usage.loop,
  };
}

async function cannon(child: ChildProcess, options: autocannon.Options): Promise<HttpFigures> {
  const before = await serverCpu(child);
  const load = process.cpuUsage();
  const r = await autocannon(options);
  const loadUsed = process.cpuUsage(load);
  const after = await serverCpu(child);
  const cpu = after.cpu - before.cpu;
  const idle = after.loop.idle - before.loop.idle;
  const active = after.loop.active - before.loop.active;
  const groups = after.recorder.groups - before.recorder.groups;
  const checked = after.recorder.checks - before.recorder.checks;
  return {
    loopUse: active / Math.max(1, idle + active),
    systemShare: (after.system - before.system) / Math.max(1, cpu),
    groups,
    checksPerGroup: checked / Math.max(1, groups),
    writeMicrosPerCheck: ((after.recorder.writeMs - before.recorder.writeMs) * 1000) / Math.max(1, checked),
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    cpuMicros: cpu / Math.max(1, r.requests.total),
    loadCpuMicros: (loadUsed.user + loadUsed.system) / Math.max(1, r.requests.total),
  };
}

/** The app on a random port in a child process; resolves with the port. */
async function startServer(
  city: City,
  profileDir: string | undefined,
): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(import.meta.filename, ['--serve', city.url, '--data-dir', city.dataDir], {
    execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { child, port: message.port };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.disconnect(); // the child closes the app and exits (writing its profile, if any)
  await exited;
}

/** What callers other than the batches saw while the batches ran, and what the batches did. */
type BusyFigures = {
  health: { p50: number; p99: number; total: number; faults: number };
  checks: { p50: number; p99: number; total: number; faults: number };
  batches: { calls: number; p50: number; p99: number; codesPerSecond: number; faults: number };
  /** the server's event loop: the share of the phase it was not waiting for input */
  loopUse: number;
};

async function http(
  city: City,
  duration: number,
  connections: number,
  rounds_: number,
  parts: { rounds: boolean; busy: boolean },
) {
  const { key } = await city.ctx.accountsAdmin.issueApiKey({
    departmentCode: DEPARTMENT,
    permissions: ['checks.run'],
    label: 'bench:check',
    createdBy: 'bench',
  });
  const profileDir = values['profile-server']
    ? path.join(import.meta.dirname, '.data', 'profiles')
    : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const { child, port } = await startServer(city, profileDir);
  try {
    const url = `http://127.0.0.1:${port}`;
    const next = subjectMix(city.probe, createRng(1));
    // Each connection cycles through requests of its own, built before the clock starts (as health's
    // one request is): the load generator shares this machine's cores with the server, and building a
    // request per call (a JSON body, the request's bytes) cost it about a third more CPU per check
    // than per health call, taken from the server. Different subjects per connection, drawn from the
    // same mix, so concurrent checks do not ask about the same subjects in step.
    const requestOf = (requestPath: string): autocannon.Request => ({
      method: 'POST',
      path: requestPath,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ scenario: SCENARIO, purpose: PURPOSE, subjects: [next()] }),
    });
    const prebuilt = (requestPath: string): Pick<autocannon.Options, 'requests' | 'setupClient'> => ({
      requests: [requestOf(requestPath)],
      setupClient: (client) =>
        client.setRequests(Array.from({ length: REQUESTS_PER_CONNECTION }, () => requestOf(requestPath))),
    });
    const health = (seconds: number) =>
      cannon(child, { url: `${url}/api/health`, connections, duration: seconds });
    const checks = (seconds: number) =>
      cannon(child, { url, connections, duration: seconds, ...prebuilt('/api/v1/checks') });
    const floor = (seconds: number) =>
      cannon(child, { url, connections, duration: seconds, ...prebuilt(FLOOR_PATH) });
    const checksBefore = await checksOnRecord(city);
    await health(2); // warm-up
    await floor(2);
    let answered = 0;
    const warm = await checks(2);
    answered += warm.total - warm.non2xx;
    // Rounds of health, floor and checks one after the other: on a shared machine figures drift by
    // ±20% within minutes, and each round's ratio compares figures taken a few seconds apart.
    const rounds: { health: HttpFigures; floor: HttpFigures; checks: HttpFigures }[] = [];
    for (let i = 0; parts.rounds && i < rounds_; i++) {
      const h = await health(duration);
      const f = await floor(duration);
      const c = await checks(duration);
      answered += c.total - c.non2xx;
      rounds.push({ health: h, floor: f, checks: c });
    }
    let busy: BusyFigures | undefined;
    if (parts.busy) {
      // Batches of 10,000 from `--batches` connections at once, while health and single checks are
      // asked at a steady rate beside them: their latency is what a batch costs other callers.
      const nextInBatch = subjectMix(city.probe, createRng(4));
      const batchRequest = (): autocannon.Request => ({
        method: 'POST',
        path: '/api/v1/checks',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          scenario: SCENARIO,
          purpose: PURPOSE,
          subjects: Array.from({ length: BATCH }, nextInBatch),
        }),
      });
      const bodies = Array.from({ length: BATCH_BODIES }, batchRequest);
      const loopBefore = (await serverCpu(child)).loop;
      const [b, h, c] = await Promise.all([
        autocannon({
          url,
          connections: Number(values.batches),
          duration,
          timeout: 60,
          requests: [bodies[0]!],
          setupClient: (client) => client.setRequests(bodies),
        }),
        autocannon({
          url: `${url}/api/health`,
          connections: BESIDE_CONNECTIONS,
          overallRate: BESIDE_RATE,
          duration,
        }),
        autocannon({
          url,
          connections: BESIDE_CONNECTIONS,
          overallRate: BESIDE_RATE,
          duration,
          ...prebuilt('/api/v1/checks'),
        }),
      ]);
      const loopAfter = (await serverCpu(child)).loop;
      const active = loopAfter.active - loopBefore.active;
      const idle = loopAfter.idle - loopBefore.idle;
      answered += c.requests.total - c.non2xx;
      const faults = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;
      busy = {
        health: { p50: h.latency.p50, p99: h.latency.p99, total: h.requests.total, faults: faults(h) },
        checks: { p50: c.latency.p50, p99: c.latency.p99, total: c.requests.total, faults: faults(c) },
        batches: {
          calls: b.requests.total,
          p50: b.latency.p50,
          p99: b.latency.p99,
          codesPerSecond: (b.requests.total * BATCH) / duration,
          faults: faults(b),
        },
        loopUse: active / Math.max(1, active + idle),
      };
    }
    const recorded = (await checksOnRecord(city)) - checksBefore;
    return { rounds, answered, recorded, busy };
  } finally {
    await stopServer(child);
  }
}

async function checksOnRecord(city: City): Promise<number> {
  const row = await city.ctx.store.db
    .selectFrom('checks')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function batch(city: City, seconds: number) {
  const actor: Actor = {
    kind: 'system',
    apiKeyId: 'bench-batch',
    departmentCode: DEPARTMENT,
    regionCode: null,
    permissions: ['checks.run'],
  };
  const next = subjectMix(city.probe, createRng(2));
  const call = (): CheckSubjectInput[] => Array.from({ length: BATCH }, next);
  // The check index (decision 0011): what loading it costs in time and memory.
  const heapBefore = process.memoryUsage().heapUsed;
  const loadStarted = performance.now();
  await city.ctx.checks.warmUp();
  const stats = city.ctx.checks.stats().index;
  console.log(
    `check index: ${fmt(stats.subjects)} subjects (${fmt(stats.listedSubjects)} with active entries) loaded in ` +
      `${((performance.now() - loadStarted) / 1000).toFixed(1)} s; heap +${fmt((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20)} MB`,
  );
  await city.ctx.checks.run({ actor, scenario: SCENARIO, purpose: PURPOSE, subjects: call() }); // warm-up
  const times: number[] = [];
  const summary = { block: 0, warn: 0, favor: 0, none: 0, error: 0 };
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < seconds * 1000 || times.length < 3) {
    const subjects = call(); // drawn outside the timing
    const t = performance.now();
    const result = await city.ctx.checks.run({ actor, scenario: SCENARIO, purpose: PURPOSE, subjects });
    times.push(performance.now() - t);
    for (const k of Object.keys(summary) as (keyof typeof summary)[]) summary[k] += result.summary[k];
  }
  const used = process.cpuUsage(cpu); // includes drawing the inputs: a slight underestimate
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  return {
    codesPerSecond: (times.length * BATCH * 1000) / total,
    // codes per second of this process's CPU time: steadier than wall time on a shared machine (the
    // database server's own CPU, on PostgreSQL, is not in it)
    codesPerCpuSecond: (times.length * BATCH * 1e6) / (used.user + used.system),
    calls: times.length,
    p50: percentile(times, 50),
    max: times.at(-1)!,
    summary,
  };
}

type QueryKind = 'name-2' | 'full-name' | 'org-partial' | 'pinyin' | 'initials';
const QUERY_KINDS: QueryKind[] = ['name-2', 'full-name', 'org-partial', 'pinyin', 'initials'];

async function search(city: City, count: number) {
  const rng = createRng(3);
  const { persons, organizations } = city.probe.names;
  const two = persons.filter((n) => Array.from(n).length === 2);
  const longer = persons.filter((n) => Array.from(n).length >= 3);
  const queries = Array.from({ length: count }, (_, i) => {
    const kind = QUERY_KINDS[i % QUERY_KINDS.length]!;
    const keys = pinyinKeys(rng.pick(persons), 'person');
    let q: string;
    if (kind === 'name-2')
      q = two.length > 0 ? rng.pick(two) : Array.from(rng.pick(persons)).slice(0, 2).join('');
    else if (kind === 'full-name') q = rng.pick(longer);
    else if (kind === 'pinyin')
      q = rng.chance(0.5) ? keys.pinyin : keys.pinyin.slice(0, Math.max(2, keys.pinyin.length - 3));
    else if (kind === 'initials') q = keys.initials;
    else {
      const chars = Array.from(rng.pick(organizations));
      const start = rng.int(2, Math.max(2, chars.length - 4));
      q = chars.slice(start, start + 4).join('');
    }
    return { kind, q };
  });
  const repository = subjectSearchRepository(city.ctx.store, city.ctx.sealer);
  for (const { q } of queries.slice(0, 200)) await repository.search(parseSearchQuery(q), { limit: 20 });
  const times = new Map<QueryKind, number[]>(QUERY_KINDS.map((k) => [k, []]));
  let empty = 0;
  for (const { kind, q } of queries) {
    const t = performance.now();
    const hits = await repository.search(parseSearchQuery(q), { limit: 20 });
    times.get(kind)!.push(performance.now() - t);
    if (hits.length === 0) empty++;
  }
  const all = [...times.values()].flat().sort((a, b) => a - b);
  const perKind = [...times].map(([kind, list]) => {
    list.sort((a, b) => a - b);
    return { kind, p50: percentile(list, 50), p95: percentile(list, 95) };
  });
  return {
    count: all.length,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    empty,
    perKind,
  };
}

/**
 * The portal's subject page as a visitor's browser asks for it: organizations of the city (listed,
 * expired and never listed alike), each request from an address of its own.
 */
async function publicProfile(city: City, count: number) {
  const rng = createRng(17);
  const candidates = [...city.probe.listed, ...city.probe.expired, ...city.probe.unlisted];
  const organizations: string[] = [];
  for (const s of candidates) {
    const subject = await city.ctx.subjects.findByCode(s.code);
    if (subject?.kind === 'organization') organizations.push(s.code);
    if (organizations.length >= 2000) break;
  }
  if (organizations.length === 0) throw new Error('the city has no organizations in its probe');
  const app = await createApp(city.ctx, { logger: false });
  let address = 0;
  const ask = (code: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/public/subjects/${encodeURIComponent(code)}/profile`,
      remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address++ & 255}`,
    });
  try {
    for (let i = 0; i < 200; i++) await ask(rng.pick(organizations));
    const times: number[] = [];
    let non200 = 0;
    let items = 0;
    let withItems = 0;
    for (let i = 0; i < count; i++) {
      const code = rng.pick(organizations);
      const t = performance.now();
      const response = await ask(code);
      times.push(performance.now() - t);
      if (response.statusCode !== 200) {
        non200++;
        continue;
      }
      const counts = Object.values((response.json() as { counts: Record<string, number> }).counts);
      const shown = counts.reduce((a, b) => a + b, 0);
      items += shown;
      if (shown > 0) withItems++;
    }
    times.sort((a, b) => a - b);
    return {
      count,
      subjects: organizations.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      non200,
      items,
      withItems,
    };
  } finally {
    await app.close();
  }
}

async function benchmark(engine: EngineName, size: CitySize) {
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  console.log(
    `\n== ${engine}: ${fmt(size.subjects)} subjects, ${fmt(size.entries)} list entries, ${fmt(size.records)} records ==`,
  );
  const city = await openCity(engine, size, { keep: values.keep, log: (line) => console.log(line) });
  const rows: [string, string, string, boolean][] = [];
  try {
    if (!values.only || values.only === 'http' || values.only === 'busy') {
      const r = await http(city, duration, connections, Math.max(1, Number(values.rounds)), {
        rounds: values.only !== 'busy',
        busy: !values.only || values.only === 'busy',
      });
      const line = (label: string, f: HttpFigures, checks = false) =>
        console.log(
          `${label.padEnd(28)} ${fmt(f.rps).padStart(7)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  ` +
            `CPU µs/request: server ${fmt(f.cpuMicros)} (${Math.round(f.systemShare * 100)}% kernel; event loop busy ${Math.round(f.loopUse * 100)}%), ` +
            `load generator ${fmt(f.loadCpuMicros)}  ` +
            `(${fmt(f.total)} requests, ${f.errors} errors, ${f.non2xx} non-2xx)` +
            (checks
              ? `; ${fmt(f.groups)} commits, ${f.checksPerGroup.toFixed(1)} checks a commit, ${fmt(f.writeMicrosPerCheck)} µs writing a check`
              : ''),
        );
      if (r.busy) {
        const { health: h, checks: c, batches: b, loopUse } = r.busy;
        console.log(
          `beside ${values.batches} connections of ${fmt(BATCH)}-subject checks (${fmt(b.calls)} calls, p50 ${b.p50} ms, ` +
            `p99 ${b.p99} ms, ${fmt(b.codesPerSecond)} codes/s, ${b.faults} faults; event loop busy ${Math.round(loopUse * 100)}%):\n` +
            `  GET /api/health at ${BESIDE_RATE}/s             p50 ${h.p50} ms  p99 ${h.p99} ms  (${fmt(h.total)} requests, ${h.faults} faults)\n` +
            `  POST /api/v1/checks (1 code) at ${BESIDE_RATE}/s  p50 ${c.p50} ms  p99 ${c.p99} ms  (${fmt(c.total)} requests, ${c.faults} faults)`,
        );
        rows.push(
          [
            'health p99 beside batches',
            `${h.p99} ms`,
            `≤ ${TARGETS.busyHealthP99Ms} ms`,
            h.p99 <= TARGETS.busyHealthP99Ms,
          ],
          [
            'check p99 beside batches',
            `${c.p99} ms`,
            `≤ ${TARGETS.busyCheckP99Ms} ms`,
            c.p99 <= TARGETS.busyCheckP99Ms,
          ],
          [
            'faults beside batches',
            String(h.faults + c.faults + b.faults),
            '0',
            h.faults + c.faults + b.faults === 0,
          ],
        );
      }
      if (r.rounds.length > 0) {
        const ratios: number[] = [];
        r.rounds.forEach((round, i) => {
          console.log(`round ${i + 1}`);
          line('GET /api/health', round.health);
          line('POST floor (auth+validate)', round.floor);
          line('POST /api/v1/checks (1 code)', round.checks, true);
          const ratio = round.checks.rps / round.health.rps;
          ratios.push(ratio);
          console.log(
            `floor / health: ${(round.floor.rps / round.health.rps).toFixed(3)} (the most a check could reach); ` +
              `checks / floor: ${(round.checks.rps / round.floor.rps).toFixed(3)}; checks / health: ${ratio.toFixed(3)}`,
          );
        });
        // the lower of the two middle values when the count is even: never flattering
        const median = (values: number[]) =>
          [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
        const ratio = median(ratios);
        const p99s = r.rounds.map((round) => round.checks.p99);
        const p99 = Math.max(...p99s);
        console.log(
          `ratio checks / health: median ${ratio.toFixed(3)} of ${ratios.map((x) => x.toFixed(3)).join(', ')}; ` +
            `check p99 (worst round) ${p99} ms of ${p99s.join(', ')}; checks answered 2xx ${fmt(r.answered)}, ` +
            `on record ${fmt(r.recorded)} (more on record: requests still in flight when autocannon stopped counting)`,
        );
        const faults = r.rounds.reduce(
          (n, round) =>
            n + round.health.errors + round.health.non2xx + round.checks.errors + round.checks.non2xx,
          0,
        );
        rows.push(
          ['HTTP checks / health (median)', ratio.toFixed(3), `≥ ${TARGETS.ratio}`, ratio >= TARGETS.ratio],
          ['HTTP check p99 (worst)', `${p99} ms`, `≤ ${TARGETS.p99Ms} ms`, p99 <= TARGETS.p99Ms],
          ['HTTP errors + non-2xx', String(faults), '0', faults === 0],
          [
            'answered checks on record',
            `${fmt(r.recorded)} ≥ ${fmt(r.answered)}`,
            'all',
            r.recorded >= r.answered,
          ],
        );
      }
    }
    if (!values.only || values.only === 'batch') {
      const b = await batch(city, duration);
      console.log(
        `in-process checks.run, ${fmt(BATCH)} codes a call: ${fmt(b.codesPerSecond)} codes/s ` +
          `(${fmt(b.codesPerCpuSecond)} per CPU-second of this process; ${b.calls} calls, p50 ${ms(b.p50)}, max ${ms(b.max)} a call; ` +
          `${JSON.stringify(b.summary)})`,
      );
      rows.push([
        'batch checks',
        `${fmt(b.codesPerSecond)} codes/s`,
        `≥ ${fmt(TARGETS.codesPerSecond)}/s`,
        b.codesPerSecond >= TARGETS.codesPerSecond,
      ]);
    }
    if (!values.only || values.only === 'public') {
      const p = await publicProfile(city, Number(values.queries));
      console.log(
        `public subject page, ${fmt(p.count)} requests over ${fmt(p.subjects)} organizations: p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  ` +
          `p99 ${ms(p.p99)}; ${p.items} items shown in all (${p.withItems} pages with any), ${p.non200} non-200`,
      );
      rows.push(
        [
          'public subject page p95',
          ms(p.p95),
          `≤ ${TARGETS.publicProfileP95Ms} ms`,
          p.p95 <= TARGETS.publicProfileP95Ms,
        ],
        ['public page non-200', String(p.non200), '0', p.non200 === 0],
      );
    }
    if (!values.only || values.only === 'search') {
      const s = await search(city, Number(values.queries));
      console.log(
        `name search, ${fmt(s.count)} queries, limit 20: p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)} (${s.empty} with no hit)`,
      );
      for (const k of s.perKind) console.log(`  ${k.kind.padEnd(12)} p50 ${ms(k.p50)}  p95 ${ms(k.p95)}`);
      rows.push(['name search p95', ms(s.p95), `≤ ${TARGETS.searchP95Ms} ms`, s.p95 <= TARGETS.searchP95Ms]);
    }
  } finally {
    await city.close();
  }
  console.log(`\nsummary — ${engine}, ${cityName(engine, size)}`);
  for (const [label, figure, target, met] of rows) {
    console.log(
      `  ${label.padEnd(28)} ${figure.padStart(18)}   target ${target.padEnd(12)} ${met ? 'met' : 'NOT met'}`,
    );
  }
}

/** The child: the real app over the city's database, logger off, on a random local port. */
async function serve(url: string, dataDir: string) {
  const ctx = await createAppContext(
    { ...loadConfig({}), dataDir, databaseUrl: url },
    { store: openStore(url) },
  );
  const app = await createApp(ctx, { logger: false });
  // The floor: the same POST, authenticated by API key and validated like a check, that evaluates and
  // records nothing. What a check costs above it is the check itself.
  app.post(
    FLOOR_PATH,
    {
      schema: {
        body: z.object({
          scenario: z.string(),
          purpose: z.string(),
          subjects: z.array(z.object({ code: z.string().max(64), name: z.string().max(200).optional() })),
        }),
        response: {
          200: z.object({
            checkId: z.string(),
            results: z.array(z.object({ code: z.string(), decision: z.string() })),
          }),
        },
      },
      config: { access: { kind: 'permission', permission: 'checks.run' } },
    },
    async (request) => ({
      checkId: 'floor',
      results: request.body.subjects.map((subject) => ({ code: subject.code, decision: 'none' })),
    }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.on('message', (message) => {
    if (message === 'cpu')
      process.send!({
        cpu: process.cpuUsage(),
        recorder: ctx.checks.stats().recorder,
        loop: performance.eventLoopUtilization(),
      });
  });
  process.once('disconnect', () => {
    void app
      .close()
      .then(() => ctx.close())
      .then(() => process.exit(0));
  });
  process.send!({ port: (app.server.address() as AddressInfo).port });
}

if (values.serve) {
  await serve(values.serve, values['data-dir']!);
} else {
  const size: CitySize = {
    subjects: Number(values.subjects),
    entries: Number(values.entries),
    records: Number(values.records),
  };
  console.log(
    `bench:check — targets: checks/health ≥ ${TARGETS.ratio}, check p99 ≤ ${TARGETS.p99Ms} ms, ` +
      `batch ≥ ${fmt(TARGETS.codesPerSecond)} codes/s, name search p95 ≤ ${TARGETS.searchP95Ms} ms, ` +
      `public subject page p95 ≤ ${TARGETS.publicProfileP95Ms} ms`,
  );
  const engines: EngineName[] =
    values.engine === 'both' ? ['sqlite', 'postgres'] : [values.engine as EngineName];
  for (const engine of engines) {
    if (engine === 'postgres') {
      const why = await postgresUnavailable();
      if (why) {
        console.log(`postgres: skipped — not reachable (${why}); set XINYONG_BENCH_PG_URL`);
        continue;
      }
    }
    await benchmark(engine, size);
  }
}
