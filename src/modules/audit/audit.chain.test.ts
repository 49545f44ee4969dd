import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sm3 } from '../../platform/crypto/sm3.ts';
import {
  type AuditRecord,
  canonicalEntry,
  entryHash,
  type StoredRecord,
  verifyChain,
} from './audit.chain.ts';
import { CanonicalFormError, canonicalJson, GENESIS_HASH } from './canonical.ts';
import { partitionOf, rowDigest } from './row-digest.ts';

function buildChain(n: number): AuditRecord[] {
  const rows: AuditRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq,
      id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
      at: '2026-11-26T08:00:00.000Z',
      actorId: 'u1',
      actorRole: 'credit_center_staff',
      actorDepartment: 'D01',
      purpose: '行政许可审查',
      action: 'subject.read',
      targetType: 'subject',
      targetId: `s${seq}`,
      result: 'ok' as const,
      detail: { fields: ['name'], n: seq },
      policyId: 'huaian-2018',
      policyVersion: '1',
      requestId: null,
    };
    const hash = entryHash(prevHash, content);
    rows.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

const headOf = (rows: AuditRecord[]) => ({ seq: rows.length, hash: rows.at(-1)?.hash ?? GENESIS_HASH });

describe('canonical form and SM3', () => {
  it('computes SM3 per GB/T 32905 (test vector "abc")', () => {
    assert.equal(sm3('abc'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('sorts keys, keeps nulls explicit, drops undefined members', () => {
    assert.equal(
      canonicalJson({ b: 1, a: null, c: undefined, d: [undefined, '值'] }),
      '{"a":null,"b":1,"d":[null,"值"]}',
    );
  });

  it('refuses fractions and unsafe integers in audit entries, takes finite numbers in row digests', () => {
    assert.throws(() => canonicalJson({ amount: 0.1 }), CanonicalFormError);
    assert.throws(() => canonicalJson({ n: 2 ** 53 }), /safe integers/);
    assert.throws(() => canonicalJson({ when: new Date() }), /Date/);
    assert.equal(canonicalJson({ capital: 100.5 }, { fractions: true }), '{"capital":100.5}');
    assert.throws(() => canonicalJson({ x: Number.NaN }, { fractions: true }), /finite/);
  });

  it('names every column of the entry in the hashed bytes, detail as stored when it is text', () => {
    const [row] = buildChain(1);
    const text = canonicalEntry(row!);
    assert.match(text, /^\{"action":"subject.read","actor_department":"D01",.*"target_type":"subject"\}$/);
    assert.equal(JSON.parse(text).request_id, null);
    assert.notEqual(
      entryHash(GENESIS_HASH, { ...row!, detailText: '{"fields":["name"], "n":1}' }),
      row!.hash,
    );
  });
});

describe('verifyChain names every broken link (A20, B33)', () => {
  it('accepts an intact chain and returns its head hash', async () => {
    const rows = buildChain(20);
    assert.deepEqual(await verifyChain(rows, headOf(rows)), {
      ok: true,
      entries: 20,
      headHash: rows[19]!.hash,
    });
    assert.deepEqual(await verifyChain([], undefined), { ok: true, entries: 0, headHash: GENESIS_HASH });
  });

  it('an edited entry is a hash_mismatch at its seq', async () => {
    const rows = buildChain(10);
    const tampered = rows.map((r) => (r.seq === 3 ? { ...r, purpose: '行政许可审查x' } : r));
    const verdict = await verifyChain(tampered, headOf(rows));
    assert.equal(verdict.ok, false);
    assert.deepEqual(!verdict.ok && [verdict.firstBroken.seq, verdict.firstBroken.reason], [
      3,
      'hash_mismatch',
    ]);
  });

  it('an edited entry with its own hash recomputed breaks the next link: prev_mismatch', async () => {
    const rows = buildChain(10);
    const edited = { ...rows[3]!, targetId: 'other' };
    edited.hash = entryHash(edited.prevHash, edited);
    const verdict = await verifyChain(rows.with(3, edited), headOf(rows));
    assert.deepEqual(!verdict.ok && [verdict.firstBroken.seq, verdict.firstBroken.reason], [
      5,
      'prev_mismatch',
    ]);
  });

  it('a deleted middle entry is a gap naming the missing seq', async () => {
    const rows = buildChain(10).filter((r) => r.seq !== 6);
    const verdict = await verifyChain(rows, { seq: 10, hash: rows.at(-1)!.hash });
    assert.deepEqual(!verdict.ok && [verdict.firstBroken.seq, verdict.firstBroken.reason], [6, 'gap']);
  });

  it('deleted trailing entries or a tampered head are a head_mismatch', async () => {
    const rows = buildChain(10);
    const short = await verifyChain(rows.slice(0, 9), headOf(rows));
    assert.deepEqual(!short.ok && [short.firstBroken.seq, short.firstBroken.reason], [10, 'head_mismatch']);
    const head = await verifyChain(rows, { seq: 10, hash: GENESIS_HASH });
    assert.deepEqual(!head.ok && head.firstBroken.reason, 'head_mismatch');
  });

  it('a history recomputed from an edit on passes every link but not the anchor', async () => {
    const rows = buildChain(10);
    const anchor = { day: '2026-11-26', seq: 7, hash: rows[6]!.hash };
    const rewritten: StoredRecord[] = [];
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const content = r.seq === 2 ? { ...r, result: 'denied' as const } : r;
      const hash = entryHash(prev, content);
      rewritten.push({ ...content, prevHash: prev, hash });
      prev = hash;
    }
    const head = { seq: 10, hash: prev };
    assert.equal((await verifyChain(rewritten, head)).ok, true);
    const verdict = await verifyChain(rewritten, head, { anchors: [anchor] });
    assert.deepEqual(!verdict.ok && [verdict.firstBroken.seq, verdict.firstBroken.reason], [
      7,
      'anchor_mismatch',
    ]);
    const beyond = await verifyChain(rows, headOf(rows), { anchors: [{ ...anchor, seq: 11 }] });
    assert.deepEqual(!beyond.ok && beyond.firstBroken.reason, 'anchor_mismatch');
  });

  it('issue 14 §2: one break never hides another — an edit, a deletion and a second edit are each named', async () => {
    const rows = buildChain(12);
    const tampered = rows
      .filter((r) => r.seq !== 6)
      .map((r) => (r.seq === 3 || r.seq === 9 ? { ...r, purpose: '改过的事由' } : r));
    const verdict = await verifyChain(tampered, headOf(rows));
    assert.equal(verdict.ok, false);
    assert.deepEqual(!verdict.ok && verdict.breaks.map((b) => [b.seq, b.reason]), [
      [3, 'hash_mismatch'],
      [6, 'gap'],
      [9, 'hash_mismatch'],
    ]);
    assert.equal(!verdict.ok && verdict.breakCount, 3);
    assert.deepEqual(!verdict.ok && [verdict.firstBroken.seq, verdict.firstBroken.reason], [
      3,
      'hash_mismatch',
    ]);
    // The first edit alone gives the same first break: only the full list tells them apart.
    const one = await verifyChain(rows.with(2, tampered[2]!), headOf(rows));
    assert.equal(!one.ok && one.breakCount, 1);
  });

  it('issue 14 §2: only the prev_hash column edited is one prev_mismatch, not two breaks', async () => {
    const rows = buildChain(5);
    const verdict = await verifyChain(rows.with(2, { ...rows[2]!, prevHash: GENESIS_HASH }), headOf(rows));
    assert.deepEqual(!verdict.ok && verdict.breaks.map((b) => [b.seq, b.reason]), [[3, 'prev_mismatch']]);
  });

  it('issue 14 §2: breaks are all counted, the first `keep` listed', async () => {
    const rows = buildChain(150).map((r) => ({ ...r, targetId: 'edited' }));
    const verdict = await verifyChain(rows, headOf(rows), { keep: 100 });
    assert.deepEqual(!verdict.ok && [verdict.breaks.length, verdict.breakCount], [100, 150]);
  });

  it('issue 14 §2: a chain cut short misses every later anchor, each named', async () => {
    const rows = buildChain(10);
    const anchors = [7, 8, 10].map((seq) => ({
      at: `2026-11-26T08:0${seq % 10}:00.000Z`,
      seq,
      hash: rows[seq - 1]!.hash,
      source: 'external' as const,
    }));
    const cut = rows.slice(0, 6);
    const verdict = await verifyChain(cut, headOf(cut), { anchors });
    assert.deepEqual(!verdict.ok && verdict.breaks.map((b) => [b.seq, b.reason]), [
      [7, 'anchor_mismatch'],
      [8, 'anchor_mismatch'],
      [10, 'anchor_mismatch'],
    ]);
    assert.match(!verdict.ok ? verdict.breaks[0]!.detail : '', /external anchor .* chain ends at 6/);
    assert.equal((await verifyChain(rows, headOf(rows), { anchors })).ok, true);
  });

  it('streams 100,000 entries from an async source without holding them', async () => {
    const n = 100_000;
    const base = buildChain(1)[0]!;
    let last = GENESIS_HASH;
    async function* source(): AsyncGenerator<StoredRecord> {
      let prevHash = GENESIS_HASH;
      for (let seq = 1; seq <= n; seq++) {
        const content = { ...base, seq };
        const hash = entryHash(prevHash, content);
        yield { ...content, prevHash, hash };
        prevHash = hash;
        last = hash;
      }
    }
    const verdict = await verifyChain(source(), {
      seq: n,
      get hash() {
        return last;
      },
    });
    assert.deepEqual(verdict, { ok: true, entries: n, headHash: last });
  });
});

describe('row digests', () => {
  const table = { table: 't', idColumn: 'id', columns: { id: 'uuid', doc: 'json', at: 'instant' } } as const;

  it('digest a row the same however the engine hands its values back', () => {
    const written = { id: 'ABC', doc: '{"b":1,"a":[1.5]}', at: '2026-11-26T08:00:00Z' };
    const readBack = { id: 'abc', doc: { a: [1.5], b: 1 }, at: '2026-11-26T08:00:00.000Z' };
    assert.equal(rowDigest(table, written), rowDigest(table, readBack));
    assert.notEqual(rowDigest(table, written), rowDigest({ ...table, table: 'u' }, written));
    assert.notEqual(rowDigest(table, written), rowDigest(table, { ...readBack, doc: { a: [1.5], b: 2 } }));
  });

  it('spreads ids over partitions', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[partitionOf(`id-${i}`, 4)]!++;
    for (const c of counts) assert.ok(c > 800, String(counts));
    assert.equal(partitionOf('x', 1), 0);
  });
});
