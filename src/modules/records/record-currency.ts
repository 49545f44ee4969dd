/**
 * Whether a record is current: the one rule every read applies (issue 15 W1, W10). A record stops being
 * current when
 * - its list entry was removed (A4: a black listing removes the subject's red entries; or any later
 *   removal of the entry) — `removed`;
 * - its list entry's removal date has passed (A12, `validUntil`) — `expired`;
 * - its validity has ended (B27: 一般 1 year, 严重 3 years from identification) — `expired`;
 * - its item's usage period has ended (B8 使用期限, counted from identification) — `usage_ended`;
 * - for a record written into a responsible person's credit record from an organization's (B26,
 *   issue 15 W5): its source no longer reaches the person (no longer 严重, or no longer naming them) —
 *   `removed`; otherwise it follows its source, whose list entry and dates it is read with.
 * - it was withdrawn (撤销) on a decision (issue 15 W3: an upheld objection, an annulling judgment) —
 *   `withdrawn`, A20.
 * - it was repaired (信用修复, issue 16): the credit center adopted the repair, and the original became
 *   an archive (A19 for a black-list record, B32 for another negative record) — `repaired`; for a B26
 *   record, its source was repaired.
 * An objection in progress leaves a record current (it is flagged, A16). Pure: the caller supplies the
 * list entry's state, the item's period and the procedures' outcome.
 */
import { addPolicyDuration, type CalendarDuration } from '../policy/index.ts';

export type RecordCurrencyState =
  | 'current'
  | 'expired'
  | 'removed'
  | 'usage_ended'
  | 'withdrawn'
  | 'repaired';

export type RecordCurrency = {
  state: RecordCurrencyState;
  /** the article that ends it (A4, A12, B27, B8, B26); null while current */
  basis: string | null;
  /** the last day it was current, where a date decides it; null while current or for a removal */
  lastDay: string | null;
};

/** The list entry made from the record (`origin: listed`), as the lists module keeps it. */
export type ListEntryState = {
  status: 'active' | 'removed';
  validUntil: string | null;
  /** set when A4 removed it (the black entry that did) */
  removedByEntry: string | null;
};

export type CurrencyInput = {
  identifiedOn: string;
  validityEndsOn: string | null;
  usagePeriod: CalendarDuration | null;
  listEntry?: ListEntryState | undefined;
  /** B26: the latest version of a person's record written from an organization's says it has ended */
  derivationEnded?: boolean | undefined;
  /** issue 15 W3: the record's latest version withdraws it */
  withdrawn?: boolean | undefined;
  /** issue 16: a repair adopted on it (or, for a B26 record, on its source): the article it followed */
  repaired?: string | null | undefined;
};

const CURRENT: RecordCurrency = { state: 'current', basis: null, lastDay: null };

/** The record's state on `today` (a China date, YYYY-MM-DD). */
export function recordCurrency(record: CurrencyInput, today: string): RecordCurrency {
  if (record.withdrawn) return { state: 'withdrawn', basis: 'A20', lastDay: null };
  if (record.repaired) return { state: 'repaired', basis: record.repaired, lastDay: null };
  if (record.derivationEnded) return { state: 'removed', basis: 'B26', lastDay: null };
  const entry = record.listEntry;
  if (entry?.status === 'removed') {
    return { state: 'removed', basis: entry.removedByEntry ? 'A4' : 'A12', lastDay: null };
  }
  if (entry?.validUntil != null && entry.validUntil < today) {
    return { state: 'expired', basis: 'A12', lastDay: entry.validUntil };
  }
  if (record.validityEndsOn !== null && record.validityEndsOn < today) {
    return { state: 'expired', basis: 'B27', lastDay: record.validityEndsOn };
  }
  if (record.usagePeriod !== null) {
    // The last day of use, counted as B27's last valid day is.
    const ends = addPolicyDuration(record.identifiedOn, record.usagePeriod);
    if (ends < today) return { state: 'usage_ended', basis: 'B8', lastDay: ends };
  }
  return CURRENT;
}

/**
 * The last day a current record is publicly disclosed (B8 公示期限; C §6(3) 双公示), where its item
 * declares a publication period, counted from identification as B27 is; null where the item declares
 * none — the record is then disclosed while it is current (for negative information the policy's
 * validity or publication class already ends it). A record past this day stays current for government
 * use within its usage period; only its public disclosure ends. Pure: the caller supplies the period.
 */
export function publicationLastDay(
  identifiedOn: string,
  publicationPeriod: CalendarDuration | null,
): string | null {
  return publicationPeriod === null ? null : addPolicyDuration(identifiedOn, publicationPeriod);
}
