/** Test support: seed items as published versions, valid codes and rows, assertions on row errors. */
import assert from 'node:assert/strict';
import { citizenIdCheckChar } from '../identity-codes/index.ts';
import { SEED_CATALOG } from './catalog.seed.ts';
import type { CatalogItemVersion } from './catalog.ts';
import type { RowError, RowValidation } from './validate-row.ts';

export const TODAY = '2026-11-26';
export const OPTIONS = { today: TODAY };

/** A seed item as version 1 (one object per code, so compiled validators are reused across tests). */
const cache = new Map<string, CatalogItemVersion>();
export function seedItem(code: string): CatalogItemVersion {
  let item = cache.get(code);
  if (!item) {
    const draft = SEED_CATALOG.find((d) => d.code === code);
    if (!draft) throw new Error(`no seed item ${code}`);
    item = { ...structuredClone(draft), version: 1, publishedAt: `${TODAY}T00:00:00.000Z` };
    cache.set(code, item);
  }
  return item;
}

/** A valid citizen ID number: 淮安市清江浦区, the given birth date (YYYYMMDD) and sequence. */
export function citizenId(birth = '19900307', sequence = '123'): string {
  const first17 = `320812${birth}${sequence}`;
  return first17 + citizenIdCheckChar(first17);
}

/** A real-format USCC that passes both check characters (from the identity-codes tests). */
export const ORGANIZATION_CODE = '91320811696707409A';

/** A complete, valid admin-penalty row for a person. */
export function penaltyRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    item: 'admin-penalty',
    providerRecordId: 'HA-GSJ-2024-0001',
    subject: { code: citizenId(), name: '王芳' },
    severity: '一般',
    identifiedOn: '2024-03-15',
    fields: {
      documentNumber: '淮市监罚〔2024〕56号',
      violationType: '销售不合格产品',
      facts: '销售经抽检不合格的电线电缆',
      legalBasis: '《中华人民共和国产品质量法》第四十九条',
      penaltyType: '罚款',
      penaltyContent: '罚款人民币三万元',
      fineAmount: '3',
      authority: '淮安市工商行政管理局',
    },
    ...overrides,
  };
}

export function errorsOf(result: RowValidation): RowError[] {
  assert.equal(result.ok, false, 'expected the row to be refused');
  return result.ok ? [] : result.errors;
}

/** Asserts the row was refused for exactly this one problem, explained in both languages. */
export function only(result: RowValidation, code: string, field: string): RowError {
  const errors = errorsOf(result);
  assert.deepEqual(
    errors.map((e) => [e.code, e.field]),
    [[code, field]],
  );
  const error = errors[0]!;
  assert.ok(error.message.length > 0 && error.messageEn.length > 0, 'says what to fix in zh and en');
  return error;
}
