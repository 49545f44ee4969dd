/**
 * What each valid row becomes, given the provider's stored records: a new record, an unchanged retry,
 * the next version of a changed record (with its reason), or a refusal. Pure; the service reads the
 * latest versions inside its transaction and writes what this plan says.
 */
import type { RowError } from '../catalog/index.ts';
import * as E from './records.errors.ts';
import type { LatestVersion } from './records.repository.ts';
import type { ChangeBasisKind } from './records.tables.ts';

export type PlanInput = {
  index: number;
  providerRecordId: string;
  item: string;
  reason: string | null;
  fingerprint: string;
  /** the change basis the row names (W3), or null */
  namedBasis?: string | null;
};

export type Planned = PlanInput &
  (
    | { outcome: 'created'; recordKey: null; version: 1 }
    | {
        outcome: 'new_version';
        recordKey: string;
        version: number;
        previousId: string;
        /** issue 15 W3: the procedure the version rests on, once judged (record-change.ts) */
        changeBasis?: { kind: ChangeBasisKind; id: string };
      }
    | { outcome: 'unchanged'; recordId: string; version: number }
    | { outcome: 'refused'; errors: RowError[] }
  );

/** A planned row that writes a record version (created or new version). */
export const isWrite = (p: Planned) => p.outcome === 'created' || p.outcome === 'new_version';

/**
 * Idempotency on (provider department, provider record id) — the department is in the key, so a
 * provider can never reach another's record (B4 谁提供谁负责): the same id from another department is
 * that department's own record. Same content → unchanged; other content → a new version, which needs a
 * reason (A20, B33: no change outside a recorded procedure); a record's item never changes.
 */
export function planRows(rows: readonly PlanInput[], latest: ReadonlyMap<string, LatestVersion>): Planned[] {
  return rows.map((row): Planned => {
    const previous = latest.get(row.providerRecordId);
    if (!previous) return { ...row, outcome: 'created', recordKey: null, version: 1 };
    if (previous.itemCode !== row.item) return { ...row, outcome: 'refused', errors: [E.itemChanged()] };
    const basis = row.namedBasis ?? null;
    // Same content: unchanged — unless the row names a basis the stored version does not rest on
    // (an upheld objection whose correction was pushed before without naming it): then it is the
    // version that records the basis, and closes the procedure (A16, W3).
    if (
      previous.contentFingerprint === row.fingerprint &&
      (basis === null || basis === (previous.changeBasisId ?? null))
    ) {
      return { ...row, outcome: 'unchanged', recordId: previous.id, version: previous.version };
    }
    if (row.reason === null) return { ...row, outcome: 'refused', errors: [E.reasonRequired()] };
    return {
      ...row,
      outcome: 'new_version',
      recordKey: previous.recordKey,
      version: previous.version + 1,
      previousId: previous.id,
    };
  });
}
