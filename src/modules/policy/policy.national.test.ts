/**
 * The 2026 national repair policy (policies/national-2026.json: 国办发〔2025〕22号, NDRC Order 36) and the
 * schema that lets a policy say it: publication classes, the mapping of severity marks, no notice.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../platform/errors.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from './policy.loader.ts';
import type { PolicyIssue } from './policy.messages.ts';
import { publicationClassOf, repairNoticePeriod, type SEVERITIES, validityOf } from './policy.ts';
import { parsePolicy, validatePolicy } from './policy-parse.ts';

const NATIONAL_PATH = fileURLToPath(new URL('../../../policies/national-2026.json', import.meta.url));
const NATIONAL_TEXT = readFileSync(NATIONAL_PATH, 'utf8');
const HUAIAN_TEXT = readFileSync(DEFAULT_POLICY_PATH, 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: tests mutate raw JSON freely
type Raw = any;

function issuesOf(text: string, mutate: (p: Raw) => void): PolicyIssue[] {
  const p = JSON.parse(text);
  mutate(p);
  const result = validatePolicy(p);
  assert.equal(result.ok, false, 'expected the policy to be refused');
  return result.ok ? [] : result.issues;
}

describe('policy national-2026 (国办发〔2025〕22号, NDRC Order 36)', () => {
  it('国办发〔2025〕22号 / NDRC Order 36: the shipped national file loads, valid, in force from 2026-04-01', async () => {
    const p = await loadPolicyFile(NATIONAL_PATH);
    assert.deepEqual([p.id, p.version, p.effectiveFrom], ['national-2026', '1.1.0', '2026-04-01']);
    const c = p.publicationClasses!;
    assert.deepEqual(
      [c.minor.name, c.minor.maxPublication.months, c.minor.minPublicationBeforeRepair],
      ['轻微', 3, undefined],
    );
    assert.deepEqual(
      [c.ordinary.name, c.ordinary.maxPublication.years, c.ordinary.minPublicationBeforeRepair?.months],
      ['一般', 1, 3],
    );
    assert.deepEqual(
      [c.severe.name, c.severe.maxPublication.years, c.severe.minPublicationBeforeRepair?.years],
      ['严重', 3, 1],
    );
    // the deciding department decides within 3 working days; the applicant hears back within 10
    assert.equal(p.repairProcedure.providerOpinion.workdays, 3);
    assert.deepEqual(
      [p.repairProcedure.adoption.workdays, p.repairProcedure.adoption.from],
      [10, 'application'],
    );
    // repair by class: no A18/B31 sections and no public notice
    assert.equal(p.blacklistRepair, undefined);
    assert.equal(p.negativeRepair, undefined);
    assert.equal(repairNoticePeriod(p, 'black_list_entry'), null);
    assert.equal(repairNoticePeriod(p, 'negative_record'), null);
  });

  it('国办发〔2025〕22号: severity marks map onto the classes as the file decides (较重 and unmarked → 一般), with a note', async () => {
    const p = await loadPolicyFile(NATIONAL_PATH);
    const classOf = (s: (typeof SEVERITIES)[number] | null) => publicationClassOf(p, s)?.entry.name;
    assert.deepEqual(
      [classOf('一般'), classOf('较重'), classOf('严重'), classOf(null)],
      ['一般', '一般', '严重', '一般'],
    );
    const mapping = p.publicationClasses!.bySeverity;
    assert.equal(mapping.decided, true);
    assert.match(mapping.note ?? '', /较重 → 一般/);
    // a mark's validity is its class's longest publication
    assert.deepEqual(
      [
        validityOf(p, '一般').years,
        validityOf(p, '较重').years,
        validityOf(p, '严重').years,
        validityOf(p, null).years,
      ],
      [1, 1, 3, 1],
    );
  });

  it('B27, A19: huaian-2018 keeps its meaning — no classes, A18/B31 with a 5-working-day notice', async () => {
    const p = await loadPolicyFile(DEFAULT_POLICY_PATH);
    assert.equal(publicationClassOf(p, '较重'), null);
    assert.equal(repairNoticePeriod(p, 'black_list_entry')?.workdays, 5);
    assert.equal(repairNoticePeriod(p, 'negative_record')?.workdays, 5);
    assert.equal(validityOf(p, '较重').years, 3);
  });

  it('国办发〔2025〕22号: a mapping to an unknown class is refused with the path and both languages', () => {
    const issues = issuesOf(NATIONAL_TEXT, (p) => {
      p.publicationClasses.bySeverity.moreSerious = 'medium';
    });
    assert.deepEqual(issues, [
      {
        path: 'publicationClasses.bySeverity.moreSerious',
        message: '应为 "minor"(轻微)、"ordinary"(一般)或 "severe"(严重)',
        messageEn: 'must be "minor" (轻微), "ordinary" (一般) or "severe" (严重)',
      },
    ]);
  });

  it('国办发〔2025〕22号: a validity other than its class’s longest publication is refused (B27: no longer published after it)', () => {
    const issues = issuesOf(NATIONAL_TEXT, (p) => {
      p.validity.moreSerious.years = 3;
    });
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.path, 'validity.moreSerious');
    assert.match(
      issues[0]?.message ?? '',
      /publicationClasses\.ordinary\.maxPublication.*12 个月,现为 36 个月/,
    );
    assert.match(
      issues[0]?.messageEn ?? '',
      /publicationClasses\.ordinary\.maxPublication \(12 months, not 36\)/,
    );
  });

  it('国办发〔2025〕22号: a wait before repair longer than the publication is refused', () => {
    const issues = issuesOf(NATIONAL_TEXT, (p) => {
      p.publicationClasses.ordinary.minPublicationBeforeRepair = { months: 13, basis: 'x' };
    });
    assert.deepEqual(
      issues.map((i) => i.path),
      ['publicationClasses.ordinary.minPublicationBeforeRepair'],
    );
    assert.match(
      issues[0]?.messageEn ?? '',
      /cannot be longer than publicationClasses\.ordinary\.maxPublication \(12 months\)/,
    );
  });

  it('A18, B31 vs 国办发〔2025〕22号: a policy repairs by classes or by A18/B31, not both and not neither', () => {
    const huaian = JSON.parse(HUAIAN_TEXT);
    const both = issuesOf(NATIONAL_TEXT, (p) => {
      p.blacklistRepair = huaian.blacklistRepair;
      p.negativeRepair = huaian.negativeRepair;
    });
    assert.deepEqual(
      both.map((i) => i.path),
      ['publicationClasses'],
    );
    assert.match(both[0]!.message, /不能与 blacklistRepair、negativeRepair 同时给出/);
    assert.match(both[0]!.messageEn, /cannot be given together/);

    const neither = issuesOf(NATIONAL_TEXT, (p) => delete p.publicationClasses);
    assert.deepEqual(
      neither.map((i) => i.path),
      ['publicationClasses'],
    );
    assert.match(neither[0]!.messageEn, /no repair rules/);

    const half = issuesOf(HUAIAN_TEXT, (p) => delete p.negativeRepair);
    assert.deepEqual(
      half.map((i) => [i.path, i.messageEn]),
      [['negativeRepair', 'negativeRepair is missing: repair under A18 and B31 needs both sections']],
    );
  });

  it('A19, B32: a notice period may be left out (no notice step), but then the adoption cannot count from the notice’s end', () => {
    const issues = issuesOf(HUAIAN_TEXT, (p) => delete p.negativeRepair.noticePeriod);
    assert.deepEqual(
      issues.map((i) => i.path),
      ['repairProcedure.adoption.from'],
    );
    assert.match(issues[0]!.message, /没有公示就没有公示期满之日/);
    assert.match(issues[0]!.messageEn, /without a notice there is no end of notice/);

    const raw = JSON.parse(HUAIAN_TEXT);
    delete raw.blacklistRepair.noticePeriod;
    delete raw.negativeRepair.noticePeriod;
    raw.repairProcedure.adoption.from = 'application';
    const p = parsePolicy(raw, 'no-notice.json');
    assert.equal(repairNoticePeriod(p, 'negative_record'), null);
  });

  it('国办发〔2025〕22号: a broken national file is refused by the loader as the platform’s own error (500), naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-policy-'));
    const file = path.join(dir, 'national-broken.json');
    const p = JSON.parse(NATIONAL_TEXT);
    delete p.publicationClasses.severe.maxPublication;
    writeFileSync(file, JSON.stringify(p));
    await assert.rejects(loadPolicyFile(file), (error) => {
      assert.ok(error instanceof AppError);
      assert.deepEqual([error.code, error.status, error.details?.file], ['POLICY_INVALID', 500, file]);
      assert.match(error.message, /publicationClasses\.severe\.maxPublication: 缺少必填字段/);
      assert.match(error.messageEn, /publicationClasses\.severe\.maxPublication: required field is missing/);
      return true;
    });
  });
});
