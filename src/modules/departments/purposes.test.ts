import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { boundedPurpose, MAX_PURPOSE_CHARS, normalizePurpose, purposeMatches } from './purposes.ts';

describe('stated purposes against registered ones (B33)', () => {
  const registered = ['公租房资格审核', '政府采购供应商资格审查'];

  it('issue 14 §6: a stated purpose matches a registered 事项, alone or followed by a colon and the case', () => {
    assert.equal(purposeMatches(registered, '公租房资格审核'), true);
    assert.equal(purposeMatches(registered, '公租房资格审核：2026-118号'), true);
    assert.equal(purposeMatches(registered, ' 公租房资格审核 : 张三申请 '), true);
    assert.equal(purposeMatches(registered, '公租房资格审核复查'), false, 'a longer name is another 事项');
    assert.equal(purposeMatches(registered, '随便看看'), false);
    assert.equal(purposeMatches([], '随便看看'), false);
  });

  it('compares in NFKC with spaces collapsed (full-width forms as typed on a Chinese keyboard)', () => {
    assert.equal(normalizePurpose(' 招投标（ＡＢ）  审查 '), '招投标(AB) 审查');
    assert.equal(purposeMatches(['招投标(AB) 审查'], '招投标（ＡＢ）审查'.replace('）', '） ')), true);
  });

  it(`issue 14 §6: a stated purpose has at most ${MAX_PURPOSE_CHARS} characters (PURPOSE_TOO_LONG)`, () => {
    assert.equal(boundedPurpose('审'.repeat(MAX_PURPOSE_CHARS)), '审'.repeat(MAX_PURPOSE_CHARS));
    assert.equal(
      boundedPurpose('𠀀'.repeat(MAX_PURPOSE_CHARS)).length,
      2 * MAX_PURPOSE_CHARS,
      'characters, not UTF-16 units',
    );
    assert.throws(
      () => boundedPurpose('审'.repeat(MAX_PURPOSE_CHARS + 1)),
      (e) => e instanceof AppError && e.code === 'PURPOSE_TOO_LONG' && e.status === 400,
    );
  });
});
