/**
 * Benchmark data (intake issue item 7): N administrative-penalty records (seed item `admin-penalty`,
 * pushed by the tax bureau HA-TAX) about a pool of demo subjects whose codes are valid (the demo
 * generators build them with the identity-codes check characters). Deterministic: same N, same rows.
 *
 * As a module: `benchSubjects(n)` and `benchBatches(n, size)` for bench/intake.ts.
 * As a script: `node bench/generate.ts [--rows N] [--out FILE.csv]` writes the rows as a CSV under the
 * item's template headers, ready for `xinyong import FILE --item admin-penalty --provider HA-TAX`.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { SEED_CATALOG } from '../src/modules/catalog/index.ts';
import { createRng, generateDemoSubjects } from '../src/modules/demo/index.ts';

export const BENCH_ITEM = 'admin-penalty';
export const BENCH_PROVIDER = 'HA-TAX';
export const DEFAULT_ROWS = 1_000_000;

export type BenchSubject = { code: string; name: string; kind: 'person' | 'organization' };

/** About five records per subject, as a penalty history has; at most 100,000 subjects. */
export function benchSubjects(rows: number): BenchSubject[] {
  const pool = Math.max(10, Math.min(100_000, Math.ceil(rows / 5)));
  const organizations = Math.ceil(pool * 0.4);
  const demo = generateDemoSubjects({ persons: pool - organizations, organizations, seed: 7 });
  return [
    ...demo.persons.map((p) => ({ code: p.code, name: p.name, kind: 'person' as const })),
    ...demo.organizations.map((o) => ({ code: o.code, name: o.name, kind: 'organization' as const })),
  ];
}

const VIOLATIONS = [
  ['未按规定期限办理纳税申报', '逾期未申报增值税，经责令限期改正仍未申报'],
  ['虚开发票', '为他人开具与实际经营业务情况不符的增值税普通发票'],
  ['偷税', '在账簿上少列收入，少缴企业所得税'],
  ['未按规定保管账簿', '未按照规定设置、保管账簿及记账凭证'],
] as const;
const SEVERITIES = ['一般', '较重', '严重'] as const;

export type BenchRow = {
  item: string;
  providerRecordId: string;
  subject: { code: string; name: string };
  severity: string;
  identifiedOn: string;
  fields: Record<string, string>;
};

/** Row i (0-based) of the benchmark: valid for `admin-penalty` version 1, identified in 2023–2025. */
export function benchRow(i: number, subjects: readonly BenchSubject[], rng = createRng(i)): BenchRow {
  const subject = subjects[rng.int(0, subjects.length - 1)]!;
  const [violationType, facts] = VIOLATIONS[i % VIOLATIONS.length]!;
  const year = 2023 + (i % 3);
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  const fine = (1 + (i % 50) / 10).toFixed(1);
  return {
    item: BENCH_ITEM,
    providerRecordId: `BENCH-${year}-${String(i).padStart(8, '0')}`,
    subject: { code: subject.code, name: subject.name },
    severity: SEVERITIES[i % 3]!,
    identifiedOn: `${year}-${month}-${day}`,
    fields: {
      documentNumber: `淮税稽罚〔${year}〕${i}号`,
      violationType,
      facts,
      legalBasis: '《中华人民共和国税收征收管理法》第六十二条',
      penaltyType: '罚款',
      penaltyContent: `处罚款人民币${fine}万元`,
      fineAmount: fine,
      authority: '国家税务总局淮安市税务局稽查局',
    },
  };
}

/** The rows in batches of `size`, generated as they are asked for (memory stays flat for any N). */
export function* benchBatches(
  rows: number,
  size: number,
  subjects = benchSubjects(rows),
): Generator<BenchRow[]> {
  for (let start = 0; start < rows; start += size) {
    const batch: BenchRow[] = [];
    for (let i = start; i < Math.min(rows, start + size); i++) batch.push(benchRow(i, subjects));
    yield batch;
  }
}

async function writeCsv(rows: number, out: string): Promise<void> {
  const draft = SEED_CATALOG.find((d) => d.code === BENCH_ITEM)!;
  const { columnsOf } = await import('../src/modules/catalog/index.ts');
  const columns = columnsOf(draft);
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const stream = createWriteStream(out);
  stream.write(`\uFEFF${columns.map((c) => c.header).join(',')}\r\n`);
  for (const batch of benchBatches(rows, 10_000)) {
    let text = '';
    for (const row of batch) {
      const record = row as unknown as Record<string, Record<string, string> | string>;
      text += `${columns
        .map((c) => {
          const [head, tail] = c.target.split('.', 2) as [string, string | undefined];
          const value = tail === undefined ? record[head] : (record[head] as Record<string, string>)?.[tail];
          return quote(typeof value === 'string' ? value : '');
        })
        .join(',')}\r\n`;
    }
    if (!stream.write(text)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { rows: { type: 'string', default: String(DEFAULT_ROWS) }, out: { type: 'string' } },
  });
  // The demo generator's speed (a test once asserted it; timings belong here: issue 14 §7).
  const started = performance.now();
  const city = generateDemoSubjects({ persons: 10_000, organizations: 10_000, seed: 42 });
  console.log(
    `demo generator: ${city.persons.length + city.organizations.length} subjects in ${Math.round(performance.now() - started)} ms`,
  );
  const rows = Number(values.rows);
  const out = values.out ?? `bench-${BENCH_ITEM}-${rows}.csv`;
  await writeCsv(rows, out);
  console.log(
    `${rows} rows → ${out} (xinyong import ${out} --item ${BENCH_ITEM} --provider ${BENCH_PROVIDER})`,
  );
}
