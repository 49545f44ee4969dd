import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { DEFAULT_POLICY_PATH } from './policy.loader.ts';
import type { PolicyIssue } from './policy.messages.ts';
import { parsePolicy, validatePolicy } from './policy-parse.ts';

const SHIPPED_TEXT = readFileSync(DEFAULT_POLICY_PATH, 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: tests mutate raw JSON freely
type Raw = any;
const raw = (): Raw => JSON.parse(SHIPPED_TEXT);

/** The issues parsePolicy reports after `mutate` edits a copy of the shipped file. */
function issuesAfter(mutate: (p: Raw) => void): PolicyIssue[] {
  const p = raw();
  mutate(p);
  try {
    parsePolicy(p, 'test.json');
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'POLICY_INVALID');
    assert.equal(error.status, 400);
    assert.equal(error.details?.file, 'test.json');
    return error.details?.issues as PolicyIssue[];
  }
  assert.fail('expected POLICY_INVALID');
}

describe('validation errors give a dotted path and a Chinese and English message', () => {
  it('reports a missing field (A-to-D numbers are all required)', () => {
    const issues = issuesAfter((p) => delete p.objection.review);
    assert.deepEqual(issues, [
      { path: 'objection.review', message: '缺少必填字段', messageEn: 'required field is missing' },
    ]);
  });

  it('reports a wrong type (B27 years given as a string)', () => {
    const issues = issuesAfter((p) => {
      p.validity.ordinary.years = '1';
    });
    assert.deepEqual(issues, [
      { path: 'validity.ordinary.years', message: '应为正整数', messageEn: 'must be a positive integer' },
    ]);
  });

  it('reports an unknown key (a typo) and suggests the intended key', () => {
    const issues = issuesAfter((p) => {
      p.validity.ordinary.yeers = 1;
    });
    assert.deepEqual(issues, [
      {
        path: 'validity.ordinary.yeers',
        message: '未知字段(可能拼写错误),是否应为 "years"?',
        messageEn: 'unknown key (a typo?); did you mean "years"?',
      },
    ]);
  });

  it('reports an unknown key without a suggestion when nothing is close', () => {
    const issues = issuesAfter((p) => {
      p.lists.somethingElse = 1;
    });
    assert.deepEqual(issues, [
      { path: 'lists.somethingElse', message: '未知字段(可能拼写错误)', messageEn: 'unknown key (a typo?)' },
    ]);
  });

  it('reports a negative number (A16 workdays) and a negative masking count (A7)', () => {
    const issues = issuesAfter((p) => {
      p.objection.correction.workdays = -3;
      p.disclosure.masking.phone.keepEnd = -1;
    });
    assert.deepEqual(issues, [
      {
        path: 'objection.correction.workdays',
        message: '应为正整数',
        messageEn: 'must be a positive integer',
      },
      {
        path: 'disclosure.masking.phone.keepEnd',
        message: '应为非负整数',
        messageEn: 'must be a non-negative integer',
      },
    ]);
  });

  it('rejects 严重 validity shorter than 一般 (B27)', () => {
    const issues = issuesAfter((p) => {
      p.validity.severe.years = 1;
      p.validity.ordinary.years = 2;
      p.validity.moreSerious.years = 2;
    });
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.path, 'validity.severe.years');
    assert.match(issues[0]?.message ?? '', /^应不小于 validity\.ordinary\.years\(2\):.*B27/);
    assert.match(issues[0]?.messageEn ?? '', /^must be at least validity\.ordinary\.years \(2\).*B27/);
  });

  it('rejects provider verification longer than the center review (A16, B29)', () => {
    const issues = issuesAfter((p) => {
      p.objection.providerVerification.workdays = 11;
    });
    assert.deepEqual(
      issues.map((i) => i.path),
      ['objection.review.workdays'],
    );
    assert.match(issues[0]?.messageEn ?? '', /providerVerification\.workdays \(11\)/);
  });

  it('rejects a repeat-listing wait shorter than a first listing, comparing years and months (A18)', () => {
    const issues = issuesAfter((p) => {
      p.blacklistRepair.repeatListingQuietPeriod = { months: 5, basis: 'A18(2)' };
    });
    assert.deepEqual(
      issues.map((i) => i.path),
      ['blacklistRepair.repeatListingQuietPeriod'],
    );
    const inYears = raw();
    inYears.blacklistRepair.repeatListingQuietPeriod = { years: 1, basis: 'A18(2)' };
    assert.equal(validatePolicy(inYears).ok, true);
  });

  it('rejects a masking rule that would disclose a whole citizen ID (A7)', () => {
    const issues = issuesAfter((p) => {
      p.disclosure.masking.citizenId.keepEnd = 12;
    });
    assert.equal(issues[0]?.path, 'disclosure.masking.citizenId');
    assert.match(issues[0]?.message ?? '', /A7/);
  });

  it('rejects a bad semver version', () => {
    const issues = issuesAfter((p) => {
      p.version = '1.0';
    });
    assert.deepEqual(issues, [
      {
        path: 'version',
        message: '应为语义化版本号,如 "1.0.0"',
        messageEn: 'must be a semantic version such as "1.0.0"',
      },
    ]);
  });

  it('rejects a duration giving both or neither of years and months', () => {
    const issues = issuesAfter((p) => {
      p.negativeRepair.minPublicized.years = 1;
      p.negativeRepair.exclusions.repairs.within = {};
    });
    assert.deepEqual(
      issues.map((i) => [i.path, i.messageEn]),
      [
        ['negativeRepair.minPublicized', 'must give exactly one of "years" or "months"'],
        ['negativeRepair.exclusions.repairs.within', 'must give exactly one of "years" or "months"'],
      ],
    );
  });

  it('rejects a value marked decided without a note saying why', () => {
    const issues = issuesAfter((p) => delete p.validity.moreSerious.note);
    assert.equal(issues[0]?.path, 'validity.moreSerious.note');
    assert.match(issues[0]?.messageEn ?? '', /decided/);
  });

  it('rejects impossible dates and an effective date before issue', () => {
    assert.deepEqual(
      issuesAfter((p) => {
        p.effectiveFrom = '2018-02-30';
      }).map((i) => [i.path, i.message]),
      [['effectiveFrom', '应为有效日期,格式 YYYY-MM-DD']],
    );
    assert.deepEqual(
      issuesAfter((p) => {
        p.effectiveFrom = '2018-10-29';
      }).map((i) => i.path),
      ['effectiveFrom'],
    );
  });

  it('lists every shape issue at once, not just the first', () => {
    const issues = issuesAfter((p) => {
      p.id = 'Huai An';
      delete p.title;
      p.notes = 'one note';
      p.validity.severe.years = 0;
      p.disclosure.masking.personName.keepStart = 'given';
      p.disclosure.masking.citizenId.maskChar = '**';
    });
    assert.deepEqual(
      issues.map((i) => i.path),
      [
        'id',
        'title',
        'notes',
        'validity.severe.years',
        'disclosure.masking.citizenId.maskChar',
        'disclosure.masking.personName.keepStart',
      ],
    );
    for (const i of issues) assert.ok(i.message.length > 0 && i.messageEn.length > 0);
  });

  it('reports a top-level non-object at path "$"', () => {
    assert.deepEqual(validatePolicy([]), {
      ok: false,
      issues: [{ path: '$', message: '应为对象', messageEn: 'must be an object' }],
    });
  });

  it('puts the path and both messages in the error text', () => {
    assert.throws(
      () => parsePolicy({ ...raw(), version: 'v1' }),
      (e: AppError) =>
        e.message.includes('version: 应为语义化版本号') &&
        e.messageEn.includes('version: must be a semantic version') &&
        e.details?.file === '<inline>',
    );
  });
});
