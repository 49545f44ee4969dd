import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { canonicalJson } from '../audit/index.ts';
import { builtInSchedules, createCalendar } from '../calendar/index.ts';
import { type CatalogItemVersion, validateRecordRow } from '../catalog/index.ts';
import { penaltyRow, seedItem, TODAY } from '../catalog/test-support.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from '../policy/policy.loader.ts';
import { contentFingerprint, pushTimeliness, storedFields, validityEndsOn } from './records.content.ts';

const policy = await loadPolicyFile(DEFAULT_POLICY_PATH);
const calendar = createCalendar(builtInSchedules());
const blind = (code: string) => `idx(${code.length})`;

function valid(item: CatalogItemVersion, overrides: Record<string, unknown> = {}) {
  const result = validateRecordRow(item, penaltyRow({ item: item.code, ...overrides }), { today: TODAY });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.row;
}

describe('record content rules', () => {
  const penalty = seedItem('admin-penalty');

  it('B27: validity per severity from the identification date; 较重 and unmarked as the policy decides', () => {
    const on = { identifiedOn: '2024-02-29' };
    assert.equal(validityEndsOn(policy, penalty, valid(penalty, { ...on, severity: '一般' })), '2025-02-28');
    assert.equal(validityEndsOn(policy, penalty, valid(penalty, { ...on, severity: '较重' })), '2027-02-28');
    assert.equal(validityEndsOn(policy, penalty, valid(penalty, { ...on, severity: '严重' })), '2027-02-28');
    const unmarked = { ...valid(penalty, on), severity: null };
    assert.equal(validityEndsOn(policy, penalty, unmarked), '2027-02-28');
  });

  it('gives non-negative items no validity end (their usage period is the catalog’s, B8)', () => {
    const honor = { ...penalty, category: 'positive' as const };
    assert.equal(validityEndsOn(policy, honor, valid(penalty)), null);
  });

  it('digests the content only: the reason and the item version do not make a change', () => {
    const row = valid(penalty);
    const digest = contentFingerprint(penalty, row, blind);
    assert.equal(contentFingerprint(penalty, { ...row, reason: '更正', itemVersion: 2 }, blind), digest);
    assert.notEqual(
      contentFingerprint(penalty, { ...row, fields: { ...row.fields, fineAmount: 4 } }, blind),
      digest,
    );
    assert.notEqual(contentFingerprint(penalty, { ...row, severity: '严重' }, blind), digest);
  });

  it('digests the canonical JSON of the content, code fields as their blind index', () => {
    const reference = (item: CatalogItemVersion, row: ReturnType<typeof valid>) => {
      const fields = { ...row.fields };
      for (const f of item.fields) {
        const value = fields[f.key];
        if (f.type === 'code' && typeof value === 'string') fields[f.key] = blind(value);
      }
      const content = {
        item: row.item,
        subject: { code: blind(row.subject.code), name: row.subject.name },
        severity: row.severity,
        identifiedOn: row.identifiedOn,
        fields,
      };
      return createHash('sha256')
        .update(canonicalJson(content, { fractions: true }))
        .digest('hex');
    };
    const coded = {
      ...penalty,
      fields: [
        ...penalty.fields,
        { key: 'partner', label: '关联人', type: 'code' as const, required: false },
      ],
    } as CatalogItemVersion;
    const row = valid(penalty);
    for (const [item, r] of [
      [penalty, row],
      [penalty, { ...row, severity: null, subject: { ...row.subject, name: '王"芳\\\ud800' } }],
      [coded, { ...row, fields: { ...row.fields, partner: '91320811696707409A', fineAmount: 2.5 } }],
    ] as const) {
      assert.equal(contentFingerprint(item, r, blind), reference(item, r));
    }
  });

  it('A9: flags only list items beyond the push limit; the working days count holidays out', () => {
    const blacklist = seedItem('blacklist-person');
    assert.deepEqual(pushTimeliness(calendar, policy, blacklist, '2025-09-26', '2025-10-10'), {
      workdays: 5,
      late: false,
      provisional: false,
    });
    assert.equal(pushTimeliness(calendar, policy, blacklist, '2025-09-19', '2025-10-10').late, true);
    assert.equal(pushTimeliness(calendar, policy, penalty, '2025-09-19', '2025-10-10').late, false);
  });

  it('leaves fields without identity codes as they are', () => {
    const row = valid(penalty);
    const sealer = { seal: () => assert.fail('nothing to seal'), blindIndex: blind };
    assert.deepEqual(storedFields(penalty, row.fields, sealer), row.fields);
  });
});
