import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AppError } from '../../platform/errors.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from './policy.loader.ts';
import { canonicalJson, parsePolicy, policyFingerprint, policyStamp } from './policy-parse.ts';

const SHIPPED_TEXT = readFileSync(DEFAULT_POLICY_PATH, 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: tests mutate raw JSON freely
type Raw = any;
const raw = (): Raw => JSON.parse(SHIPPED_TEXT);

describe('the shipped Huai’an 2018 policy (淮政发〔2018〕103号)', () => {
  it('loads from DEFAULT_POLICY_PATH and validates', async () => {
    assert.match(DEFAULT_POLICY_PATH, /policies[\\/]huaian-2018\.json$/);
    const policy = await loadPolicyFile(DEFAULT_POLICY_PATH);
    assert.equal(policy.id, 'huaian-2018');
    assert.equal(policy.version, '1.2.0');
    assert.equal(policy.source.documentNumber, '淮政发〔2018〕103号');
  });

  it('holds the numbers of B27, A9, A16, A18, A19, A21, B29, B31, B32 with their bases', async () => {
    const p = await loadPolicyFile(DEFAULT_POLICY_PATH);
    assert.deepEqual(
      [p.validity.ordinary.years, p.validity.severe.years, p.validity.unmarked.years],
      [1, 3, 3],
    );
    assert.equal(p.lists.pushDeadline.workdays, 7);
    assert.equal(p.lists.pushDeadline.basis, 'A9');
    const o = p.objection;
    assert.deepEqual([o.review.workdays, o.providerVerification.workdays, o.correction.workdays], [10, 5, 3]);
    assert.equal(p.blacklistRepair!.firstListingQuietPeriod.months, 6);
    assert.equal(p.blacklistRepair!.repeatListingQuietPeriod.months, 12);
    assert.equal(p.blacklistRepair!.noticePeriod?.workdays, 5);
    const n = p.negativeRepair!;
    assert.equal(n.minPublicized.months, 3);
    assert.equal(n.noSameKindSinceCorrection.years, 1);
    assert.deepEqual(
      Object.values(n.exclusions).map((x) => [x.atLeast, x.within.years]),
      [
        [1, 1],
        [3, 1],
        [1, 1],
        [2, 5],
        [1, 5],
      ],
    );
    assert.equal(n.noticePeriod?.workdays, 5);
    assert.equal(p.reporting.jointMeasures.months, 3);
    assert.equal(p.reporting.jointMeasures.basis, 'A21');
  });

  it('records every decided value with a note, including 较重 validity (B27 is silent)', async () => {
    const p = await loadPolicyFile(DEFAULT_POLICY_PATH);
    assert.equal(p.validity.moreSerious.decided, true);
    assert.match(p.validity.moreSerious.note ?? '', /B27/);
    const decided: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const rec = node as Record<string, unknown>;
      if (rec.decided === true) {
        decided.push(path);
        assert.ok(typeof rec.note === 'string' && rec.note.length > 20, `${path} explains its decision`);
      }
      for (const [k, v] of Object.entries(rec)) walk(v, path ? `${path}.${k}` : k);
    };
    walk(p, '');
    assert.ok(decided.includes('validity.moreSerious'));
    assert.ok(decided.includes('disclosure.masking.citizenId'));
  });

  it('is frozen, so no module can change the numbers in memory', async () => {
    const p = await loadPolicyFile(DEFAULT_POLICY_PATH);
    assert.throws(() => {
      (p.validity.ordinary as { years: number }).years = 5;
    }, TypeError);
  });
});

describe('loadPolicyFile', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xinyong-policy-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a JSON syntax error with its line and column', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{\n  "id": "x",\n  "version": "1.0.0"\n  "title": "t"\n}\n');
    await assert.rejects(loadPolicyFile(file), (e: AppError) => {
      assert.equal(e.code, 'POLICY_JSON_SYNTAX');
      assert.equal(e.status, 500);
      assert.deepEqual([e.details?.line, e.details?.column], [4, 3]);
      assert.match(e.message, /第 4 行第 3 列/);
      assert.match(e.messageEn, /line 4, column 3/);
      return true;
    });
  });

  it('locates errors V8 reports without a position (a bare word)', async () => {
    const file = join(dir, 'bare.json');
    await writeFile(file, '{\n  "id": huaian\n}');
    await assert.rejects(
      loadPolicyFile(file),
      (e: AppError) => e.details?.line === 2 && e.details?.column === 9,
    );
  });

  it('reports an unreadable file', async () => {
    await assert.rejects(loadPolicyFile(join(dir, 'missing.json')), (e: AppError) => {
      assert.equal(e.code, 'POLICY_FILE_UNREADABLE');
      assert.equal(e.details?.reason, 'ENOENT');
      return true;
    });
  });

  it('reports an invalid policy file as a 500 naming the file, and accepts a BOM', async () => {
    const file = join(dir, 'invalid.json');
    await writeFile(file, `\uFEFF${JSON.stringify({ ...raw(), version: 'x' })}`);
    await assert.rejects(loadPolicyFile(file), (e: AppError) => e.status === 500 && e.details?.file === file);
    await writeFile(file, `\uFEFF${SHIPPED_TEXT}`);
    assert.equal((await loadPolicyFile(file)).id, 'huaian-2018');
  });
});

describe('policyFingerprint proves which exact content a decision applied', () => {
  it('is stable under key order and formatting', () => {
    const a = parsePolicy(raw());
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    const b = parsePolicy(reversed(raw()));
    assert.notEqual(JSON.stringify(a), JSON.stringify(b));
    assert.equal(canonicalJson(a), canonicalJson(b));
    assert.match(policyFingerprint(a), /^[0-9a-f]{64}$/);
    assert.equal(policyFingerprint(a), policyFingerprint(b));
  });

  it('changes when a number changes (B27 一般 1 → 2 years)', () => {
    const changed = raw();
    changed.validity.ordinary.years = 2;
    assert.notEqual(policyFingerprint(parsePolicy(changed)), policyFingerprint(parsePolicy(raw())));
  });

  it('is part of the stamp a decision stores, with id and version', () => {
    const p = parsePolicy(raw());
    assert.deepEqual(policyStamp(p), { id: 'huaian-2018', version: '1.2.0', digest: policyFingerprint(p) });
  });
});
