/**
 * Issue 15 W3 (A20, B33; A17–A19, B30–B32): what a new version of a negative record takes away, and
 * whether it names the procedure that allows that. Nobody may alter credit information outside the
 * legal procedures: a provider's "correction" that lowers the severity, moves the identification date
 * earlier, shortens the validity, brings the removal date forward, changes the listed ground, drops a
 * fact (or empties it to a placeholder such as 无) or lowers an amount would lift a punishment with no
 * procedure. Such a version is refused unless it names its basis — an external decision the credit
 * office recorded for this record (administrative review, judgment, revocation) or an upheld objection
 * (issue 16); appeal and repair decisions come next. A version that rests on a decision is not undone
 * by a plain correction either. A change that weakens nothing (a typo in a name, an added fact, a later
 * removal date) needs only its reason, as before. Pure: the caller reads the stored version and the
 * named basis.
 */
import { GROUND_FIELDS, REMOVAL_FIELD, type RowError, validUntilOf } from '../catalog/index.ts';
import * as E from './records.errors.ts';
import type { ChangeBasisKind } from './records.tables.ts';

/** A version as the comparison needs it; `fields` as stored or as validated (a blank is null). */
export type ComparableVersion = {
  /** the blind index of the subject's code */
  subjectIndex: string;
  severity: string | null;
  identifiedOn: string;
  /** B27: the last day of validity (negative items) */
  validityEndsOn: string | null;
  fields: Readonly<Record<string, unknown>>;
  /** the decision the version rests on (W3), if any: a plain correction may not undo it */
  changeBasisId?: string | null;
  /** the version withdraws the record (撤销) */
  withdrawn?: boolean;
};

export type WeakeningKind =
  | 'withdrawal'
  | 'severity'
  | 'identifiedOn'
  | 'validity'
  | 'validUntil'
  | 'ground'
  | 'fact'
  | 'amount';

/** One thing a new version takes away; `field` is the row's path (`fields.facts`, `severity`). */
export type Weakening = { kind: WeakeningKind; field: string };

/** What the comparison knows of the item (its current version). */
export type ItemShape = {
  /** a list item: its removal date (A12) and ground (A5/A6) count */
  listed: boolean;
  /** the item's field keys now: a field the catalog has since dropped is not a fact the provider dropped */
  keys: ReadonlySet<string>;
  /** integer and decimal fields: a lower amount (a fine, arrears) weakens the record */
  numeric: ReadonlySet<string>;
};

/**
 * The order of severity (B15, B27, B31(2)): 一般 < 较重 < 严重. An unmarked severity counts as 较重: B27
 * gives it the 3 years of 严重, yet a measure bound to 严重 (A14(11)) does not reach it, so 严重 →
 * unmarked weakens and unmarked → 一般 weakens.
 */
const SEVERITY_RANK: Readonly<Record<string, number>> = { 一般: 1, 较重: 2, 严重: 3 };
const rankOf = (severity: string | null) => (severity === null ? 2 : (SEVERITY_RANK[severity] ?? 2));

/**
 * A text that states nothing: emptied to a placeholder, a fact is dropped as surely as when left blank
 * (a review found 违法事实 → "无" and 文号 → "-" accepted as plain corrections).
 */
const PLACEHOLDER = /^(?:无|暂无|没有|不详|未知|略|空|[-—–_/\\.。·、xX?？]+)$/u;

const present = (value: unknown) =>
  value !== null &&
  value !== undefined &&
  value !== '' &&
  !(typeof value === 'string' && PLACEHOLDER.test(value.trim()));
const numberOf = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Stored code fields are `{ sealed, index }`: compared by their blind index, like the fingerprint. */
function comparable(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'index' in value)
    return (value as { index: unknown }).index;
  return value;
}

/**
 * What `next` takes away from `previous`, for a negative item (B12; black and joint-punishment lists
 * are negative items). Empty: nothing is weakened. (A change of subject is not a weakening but a
 * different record: intake refuses it outright, `RECORD_SUBJECT_CHANGED`.)
 */
export function weakeningsOf(
  previous: ComparableVersion,
  next: ComparableVersion,
  item: ItemShape,
): Weakening[] {
  const out: Weakening[] = [];
  // the whole record withdrawn (撤销): the strongest weakening of all
  if (next.withdrawn === true && previous.withdrawn !== true)
    out.push({ kind: 'withdrawal', field: 'withdrawn' });
  if (rankOf(next.severity) < rankOf(previous.severity)) out.push({ kind: 'severity', field: 'severity' });
  if (next.identifiedOn < previous.identifiedOn) out.push({ kind: 'identifiedOn', field: 'identifiedOn' });
  if (
    previous.validityEndsOn !== null &&
    (next.validityEndsOn === null || next.validityEndsOn < previous.validityEndsOn) &&
    !out.some((w) => w.kind === 'severity' || w.kind === 'identifiedOn')
  ) {
    // named on its own only when neither the severity nor the identification date explains it
    out.push({ kind: 'validity', field: 'severity' });
  }
  if (item.listed) {
    // A removal date set where there was none, or brought forward, ends the listing sooner (A12);
    // one dropped lets the entry run to its B27 validity, which weakens nothing.
    const before = validUntilOf(previous.fields);
    const after = validUntilOf(next.fields);
    if (after !== null && (before === null || after < before)) {
      out.push({ kind: 'validUntil', field: `fields.${REMOVAL_FIELD}` });
    }
    for (const key of GROUND_FIELDS) {
      if (
        present(previous.fields[key]) &&
        comparable(previous.fields[key]) !== comparable(next.fields[key])
      ) {
        out.push({ kind: 'ground', field: `fields.${key}` });
      }
    }
  }
  for (const [key, value] of Object.entries(previous.fields)) {
    if (
      !item.keys.has(key) ||
      key === REMOVAL_FIELD ||
      (item.listed && (GROUND_FIELDS as readonly string[]).includes(key))
    )
      continue;
    if (present(value) && !present(next.fields[key])) {
      out.push({ kind: 'fact', field: `fields.${key}` });
      continue;
    }
    const was = numberOf(value);
    const now = numberOf(next.fields[key]);
    if (item.numeric.has(key) && was !== null && now !== null && now < was) {
      out.push({ kind: 'amount', field: `fields.${key}` });
    }
  }
  return out;
}

/**
 * A basis as its module found it: what it is, the record it was recorded for, and whether it allows a
 * change now (an objection only once upheld, and until its correction; absent: yes).
 */
export type ChangeBasisFound = { kind: ChangeBasisKind; recordKey: string; ready?: boolean };

export type ChangeToJudge = {
  outcome: 'created' | 'new_version';
  /** the record's key (null for a new record) */
  recordKey: string | null;
  /** the basis the row names, or null */
  basisId: string | null;
  /** the named basis, when it exists */
  basis: ChangeBasisFound | undefined;
  /** the version of this or another record that already rests on the named basis */
  basisUsedBy: { recordKey: string; version: number } | undefined;
  weakenings: readonly Weakening[];
  /**
   * What the change takes back of a version that rests on a decision (the stored version's own
   * weakenings in reverse): a decision is not undone by a plain correction either (A20, B33).
   */
  undoes?: readonly Weakening[];
};

/**
 * The errors of a change (none: it may be written). A named basis must exist, belong to this record
 * and not have allowed a version already; a weakening needs one.
 */
export function judgeChange(change: ChangeToJudge): RowError[] {
  if (change.basisId !== null) {
    if (change.outcome === 'created') return [E.changeBasisNotForNew()];
    if (!change.basis) return [E.changeBasisUnknown()];
    if (change.basis.recordKey !== change.recordKey) return [E.changeBasisOtherRecord()];
    if (change.basis.ready === false) return [E.changeBasisNotReady()];
    if (change.basisUsedBy) {
      return [
        E.changeBasisUsed(
          change.basisUsedBy.recordKey === change.recordKey ? change.basisUsedBy.version : null,
        ),
      ];
    }
    return [];
  }
  if (change.weakenings.length > 0) return [E.weakeningNeedsBasis(change.weakenings)];
  if (change.undoes && change.undoes.length > 0) return [E.decisionUndone(change.undoes)];
  return [];
}
