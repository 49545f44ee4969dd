import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECORDS_AUDITED, SUBJECTS_AUDITED } from './audited-tables.ts';
import { CanonicalFormError, canonicalJson, canonicalWithPaths } from './canonical.ts';
import {
  type AuditedTable,
  CanonicalJsonText,
  canonicalRow,
  digestColumns,
  normalizeValue,
} from './row-digest.ts';

/** A deterministic generator of awkward values: unicode, lone surrogates, -0, holes, undefined. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const STRINGS = [
  '',
  'a',
  '值',
  '淮安市',
  '"q"\\',
  'tab\there',
  '\u0000\u001f',
  '\ud800',
  'x\udc00y',
  '😀',
  'é',
  'e\u0301',
];
const KEYS = ['a', 'b', 'B', '_', '10', '2', 'é', '值', 'ab', 'a b', '\ud83d', '😀', 'constructor'];
function value(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.45) {
    const p = next();
    if (p < 0.3) return STRINGS[Math.floor(next() * STRINGS.length)];
    if (p < 0.45) return [0, -0, 1, -1, 2 ** 53 - 1, 100.5, 1e21, 1e-7, 0.1 + 0.2][Math.floor(next() * 9)];
    if (p < 0.55) return next() < 0.5;
    if (p < 0.7) return null;
    return undefined;
  }
  if (r < 0.7) {
    const a: unknown[] = [];
    const n = Math.floor(next() * 5);
    for (let i = 0; i < n; i++) if (next() < 0.9) a[i] = value(next, depth + 1);
    a.length = n; // holes where nothing was set
    return a;
  }
  const o: Record<string, unknown> = {};
  const n = Math.floor(next() * 6);
  for (let i = 0; i < n; i++) o[KEYS[Math.floor(next() * KEYS.length)]!] = value(next, depth + 1);
  return o;
}

const reference = (v: unknown, fractions: boolean) => {
  try {
    return { text: canonicalWithPaths(v, fractions, '$') };
  } catch (error) {
    return { error: (error as Error).message };
  }
};
const actual = (v: unknown, fractions: boolean) => {
  try {
    return { text: canonicalJson(v, { fractions }) };
  } catch (error) {
    assert.ok(error instanceof CanonicalFormError);
    return { error: error.message };
  }
};

describe('canonical JSON: the fast path writes the reference bytes', () => {
  it('for thousands of awkward values, with and without fractions (same text, or same error)', () => {
    const next = rng(20261126);
    for (let i = 0; i < 5000; i++) {
      const v = value(next, 0);
      for (const fractions of [true, false]) assert.deepEqual(actual(v, fractions), reference(v, fractions));
    }
  });

  it('for what cannot be hashed, naming the same path', () => {
    for (const v of [
      { a: [1, { b: Number.NaN }] },
      { when: new Date(0) },
      [1, 2, 3n],
      { f: () => 1 },
      Object.create({ inherited: 1 }),
      { s: Symbol('x') },
    ]) {
      assert.deepEqual(actual(v, true), reference(v, true));
      assert.ok('error' in actual(v, true));
    }
    assert.deepEqual(actual({ x: 0.5 }, false), reference({ x: 0.5 }, false));
  });
});

/** The row digest's bytes by their definition: normalized values under the table name, canonical. */
function referenceRow(table: AuditedTable, row: Record<string, unknown>, columns: readonly string[]) {
  const values: Record<string, unknown> = {};
  for (const c of columns) values[c] = normalizeValue(table.columns[c] ?? 'text', row[c]);
  return canonicalWithPaths({ table: table.table, row: values }, true, '$');
}

describe('canonical rows: written straight from the row, the same bytes', () => {
  const record = {
    id: '0190A2B3-C4D5-7E6F-8091-A2B3C4D5E6F7',
    record_key: '0190a2b3-c4d5-7e6f-8091-a2b3c4d5e6f7',
    version: 2,
    item_code: 'admin-penalty',
    item_version: '3',
    provider_department: 'HA-TAX',
    provider_record_id: 'R-1 "quoted" \ud800',
    subject_id: '0190a2b3-c4d5-7e6f-8091-a2b3c4d5e6f8',
    subject_name: '淮安市某某有限公司',
    severity: '一般',
    identified_on: '2024-02-29',
    received_at: '2026-11-26T08:00:00.123+08:00',
    validity_ends_on: null,
    policy_id: 'huaian-2018',
    policy_version: '1.0.0',
    fields: '{"z":1.5,"a":{"sealed":"x","index":"y"},"m":null,"d":"值\\ud800"}',
    content_digest: 'f'.repeat(64),
    reason: null,
    push_workdays: 0,
    push_late: 0,
    push_provisional: 1,
    batch_id: '0190a2b3-c4d5-7e6f-8091-a2b3c4d5e6f9',
  };

  it('for records and subjects, fields as JSON text or as parsed (PostgreSQL) alike', () => {
    const columns = digestColumns(RECORDS_AUDITED);
    assert.equal(
      canonicalRow(RECORDS_AUDITED, record, columns),
      referenceRow(RECORDS_AUDITED, record, columns),
    );
    const parsed = {
      ...record,
      fields: JSON.parse(record.fields),
      received_at: new Date(record.received_at),
    };
    assert.equal(
      canonicalRow(RECORDS_AUDITED, parsed, columns),
      referenceRow(RECORDS_AUDITED, record, columns),
    );
    const subject = {
      id: 'A',
      attributes: { gender: 'female', score: 87.5 },
      created_at: '2026-01-01T00:00:00Z',
    };
    const subjectColumns = digestColumns(SUBJECTS_AUDITED);
    assert.equal(
      canonicalRow(SUBJECTS_AUDITED, subject, subjectColumns),
      referenceRow(SUBJECTS_AUDITED, subject, subjectColumns),
    );
  });

  it('for a json column handed over as its canonical text (a writer that has just made it)', () => {
    const columns = digestColumns(RECORDS_AUDITED);
    const text = canonicalJson(JSON.parse(record.fields), { fractions: true });
    const given = { ...record, fields: new CanonicalJsonText(text) };
    assert.equal(
      canonicalRow(RECORDS_AUDITED, given, columns),
      referenceRow(RECORDS_AUDITED, record, columns),
    );
    assert.equal(
      canonicalRow(RECORDS_AUDITED, given, ['fields', 'id']),
      referenceRow(RECORDS_AUDITED, record, ['fields', 'id']),
    );
  });

  it('for column lists as an old or edited chain entry may hold them: unsorted, repeated, unknown', () => {
    for (const columns of [
      ['version', 'id', 'fields'],
      ['id', 'id', 'version'],
      ['id', 'no_such_column', 'version'],
      ['__proto__', 'id'],
      [],
    ]) {
      assert.equal(
        canonicalRow(RECORDS_AUDITED, record, columns),
        referenceRow(RECORDS_AUDITED, record, columns),
      );
    }
  });

  it('hashes an instant column holding text that is no instant as that text, on both paths (an expiry typed by hand)', () => {
    const columns = digestColumns(RECORDS_AUDITED);
    const odd = { ...record, received_at: 'banana' };
    assert.equal(canonicalRow(RECORDS_AUDITED, odd, columns), referenceRow(RECORDS_AUDITED, odd, columns));
    assert.match(canonicalRow(RECORDS_AUDITED, odd, columns), /"received_at":"banana"/);
  });

  it('fails as the definition does on a value it cannot hash', () => {
    const columns = digestColumns(RECORDS_AUDITED);
    for (const bad of [
      { ...record, version: 'two' },
      { ...record, fields: '{"x":' },
    ]) {
      assert.throws(
        () => canonicalRow(RECORDS_AUDITED, bad, columns),
        (error: Error) => {
          assert.throws(() => referenceRow(RECORDS_AUDITED, bad, columns), { message: error.message });
          return true;
        },
      );
    }
  });
});
