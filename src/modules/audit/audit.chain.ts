/**
 * The audit trail as a hash chain (A20, B33, C §4(1)): every entry's hash covers the previous entry's
 * hash and the entry's own canonical content, so editing, deleting or reordering any entry breaks every
 * link after it. Pure: no database here, so an outside verifier can be written from this file alone.
 */
import { sm3 } from '../../platform/crypto/sm3.ts';
import { canonicalJson, GENESIS_HASH } from './canonical.ts';

export type AuditResult = 'ok' | 'denied' | 'error';

/** One link of the chain as stored (column names in camelCase). */
export type AuditRecord = {
  seq: number;
  id: string;
  /** ISO 8601 UTC instant, as written by `Date.prototype.toISOString` */
  at: string;
  actorId: string | null;
  actorRole: string;
  actorDepartment: string | null;
  /** the purpose stated for the query (B33: staff query only as their duties need) */
  purpose: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  result: AuditResult;
  detail: Record<string, unknown>;
  policyId: string;
  policyVersion: string;
  requestId: string | null;
  prevHash: string;
  hash: string;
};

export type AuditContent = Omit<AuditRecord, 'prevHash' | 'hash'>;

/**
 * A record as read back for verification. `detailText` is the detail column's stored text where the
 * engine keeps text (SQLite): it is hashed exactly as stored, so even a whitespace edit is caught.
 */
export type StoredRecord = AuditRecord & { detailText?: string };

export type ChainHead = { seq: number; hash: string };
/**
 * A point of the chain vouched for outside it: the head at the end of a China day (`day`, stored and
 * published), or the head at any moment (`at`), written to the external anchor log (`anchor-log.file.ts`).
 * A history rewritten with every hash recomputed, or cut short, still misses it.
 */
export type Anchor = {
  day?: string;
  /** when a head anchor was taken (ISO 8601 UTC) */
  at?: string;
  seq: number;
  hash: string;
  source?: 'stored' | 'published' | 'external';
};

/** An anchor of a day's end, as stored in `audit_anchors` and published. */
export type DayAnchor = Anchor & { day: string };

export type BreakReason = 'gap' | 'prev_mismatch' | 'hash_mismatch' | 'head_mismatch' | 'anchor_mismatch';
export type BrokenLink = { seq: number; reason: BreakReason; detail: string };
export type ChainVerdict =
  | { ok: true; entries: number; headHash: string }
  | {
      ok: false;
      entries: number;
      /** the first of `breaks` (by seq, as found) */
      firstBroken: BrokenLink;
      /** every broken link found, the first `keep` of them */
      breaks: BrokenLink[];
      /** how many were found in all */
      breakCount: number;
    };

/**
 * The bytes an entry's hash covers: canonical JSON (sorted keys, explicit nulls) of every column but
 * the two hashes, under the table's column names. `detail` is embedded in canonical form, or as stored
 * where the engine keeps it as text; canonical form is what `append` writes, so both agree.
 */
export function canonicalEntry(entry: AuditContent & { detailText?: string }): string {
  const members: Array<[string, string]> = [
    ['seq', canonicalJson(entry.seq)],
    ['id', canonicalJson(entry.id)],
    ['at', canonicalJson(entry.at)],
    ['actor_id', canonicalJson(entry.actorId)],
    ['actor_role', canonicalJson(entry.actorRole)],
    ['actor_department', canonicalJson(entry.actorDepartment)],
    ['purpose', canonicalJson(entry.purpose)],
    ['action', canonicalJson(entry.action)],
    ['target_type', canonicalJson(entry.targetType)],
    ['target_id', canonicalJson(entry.targetId)],
    ['result', canonicalJson(entry.result)],
    ['detail', entry.detailText ?? canonicalJson(entry.detail)],
    ['policy_id', canonicalJson(entry.policyId)],
    ['policy_version', canonicalJson(entry.policyVersion)],
    ['request_id', canonicalJson(entry.requestId)],
  ];
  members.sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

/** hash = SM3(prev_hash as 64 hex chars ‖ canonical entry), both as UTF-8 text. */
export function entryHash(prevHash: string, entry: AuditContent & { detailText?: string }): string {
  return sm3(prevHash + canonicalEntry(entry));
}

/**
 * Incremental verifier: feed rows in seq order, constant memory (the previous hash, the anchors and
 * the first `keep` breaks are kept). Every broken link is found, not only the first, so one break can
 * never hide another (issue 14 §2): each entry is held to its own stored `prev_hash` and `hash` — a
 * missing stretch is one `gap`, an entry whose content was edited one `hash_mismatch`, a link to a
 * rewritten predecessor one `prev_mismatch` — and every anchor to the stored hash at its seq. `from`
 * starts from a trusted point (an earlier anchor) instead of the genesis.
 */
export function createChainVerifier(
  options: { anchors?: readonly Anchor[]; from?: ChainHead; keep?: number } = {},
) {
  const start = options.from ?? { seq: 0, hash: GENESIS_HASH };
  const keep = options.keep ?? 100;
  const anchors = [...(options.anchors ?? [])].sort((a, b) => a.seq - b.seq);
  let nextAnchor = 0;
  let expectedSeq = start.seq + 1;
  let prevHash = start.hash;
  let entries = 0;
  const breaks: BrokenLink[] = [];
  let breakCount = 0;
  const report = (broken: BrokenLink) => {
    breakCount++;
    if (breaks.length < keep) breaks.push(broken);
  };

  // Anchors up to `seq`: the one at `seq` is held to `hash`; one before it names an entry not stored.
  const checkAnchorsUpTo = (seq: number, hash: string) => {
    while (nextAnchor < anchors.length && anchors[nextAnchor]!.seq <= seq) {
      const anchor = anchors[nextAnchor++]!;
      if (anchor.seq < seq) {
        report({
          seq: anchor.seq,
          reason: 'anchor_mismatch',
          detail: `${anchorLabel(anchor)} names seq ${anchor.seq}, which is no longer in the chain: entries were removed`,
        });
      } else if (anchor.hash !== hash) {
        report({
          seq: anchor.seq,
          reason: 'anchor_mismatch',
          detail: `${anchorLabel(anchor)} says seq ${anchor.seq} has hash ${anchor.hash}, the chain has ${hash}: the history up to seq ${anchor.seq} was rewritten`,
        });
      }
    }
  };
  // Anchors at or before the starting point (the genesis, a trusted earlier anchor).
  while (nextAnchor < anchors.length && anchors[nextAnchor]!.seq < start.seq) nextAnchor++;
  checkAnchorsUpTo(start.seq, start.hash);

  return {
    /** Feeds the next row; returns the first broken link found so far, if any. */
    push(row: StoredRecord): BrokenLink | undefined {
      let linked = true;
      if (row.seq !== expectedSeq) {
        report({
          seq: expectedSeq,
          reason: 'gap',
          detail:
            row.seq > expectedSeq
              ? `entries ${expectedSeq}..${row.seq - 1} are missing (deleted); the next stored entry is ${row.seq}`
              : `entry ${row.seq} arrived where ${expectedSeq} was expected`,
        });
        // The link to a missing entry cannot be judged; the entry's own hash still can.
        linked = false;
      }
      if (linked && row.prevHash !== prevHash) {
        report({
          seq: row.seq,
          reason: 'prev_mismatch',
          detail: `prev_hash ${row.prevHash} does not match the hash of entry ${row.seq - 1} (${prevHash}): entry ${row.seq - 1} was rewritten, or this link edited`,
        });
      }
      const computed = entryHash(row.prevHash, row);
      // Only the prev_hash column edited: already named above.
      const linkOnly = computed !== row.hash && linked && entryHash(prevHash, row) === row.hash;
      if (computed !== row.hash && !linkOnly) {
        report({
          seq: row.seq,
          reason: 'hash_mismatch',
          detail: `entry ${row.seq} (${row.action}, ${row.id}) was altered: its content hashes to ${computed}, stored ${row.hash}`,
        });
      }
      checkAnchorsUpTo(row.seq, row.hash);
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      entries++;
      return breaks[0];
    },

    /** Ends the stream: the head must name the last entry, every anchor must lie on the chain. */
    finish(head: ChainHead | undefined): ChainVerdict {
      const lastSeq = expectedSeq - 1;
      const stated = head ?? { seq: 0, hash: GENESIS_HASH };
      if (stated.seq !== lastSeq || stated.hash !== prevHash) {
        report({
          seq: stated.seq > lastSeq ? lastSeq + 1 : stated.seq,
          reason: 'head_mismatch',
          detail:
            stated.seq > lastSeq
              ? `the head says ${stated.seq} entries but the chain ends at ${lastSeq}: trailing entries were deleted`
              : `the head (seq ${stated.seq}, ${stated.hash}) does not match the last entry (seq ${lastSeq}, ${prevHash})`,
        });
      }
      for (const anchor of anchors.slice(nextAnchor)) {
        report({
          seq: anchor.seq,
          reason: 'anchor_mismatch',
          detail: `${anchorLabel(anchor)} names seq ${anchor.seq} but the chain ends at ${lastSeq}: entries were removed (the chain was cut short)`,
        });
      }
      nextAnchor = anchors.length;
      return breakCount === 0
        ? { ok: true, entries, headHash: prevHash }
        : { ok: false, entries, firstBroken: breaks[0]!, breaks: [...breaks], breakCount };
    },
  };
}

function anchorLabel(a: Anchor): string {
  const when = a.day ?? a.at ?? '';
  const source = a.source ?? 'stored';
  return `${source} anchor${when === '' ? '' : ` ${when}`}`;
}

/** Verifies rows given in seq order (an array or a paged async stream) against the head. */
export async function verifyChain(
  rows: Iterable<StoredRecord> | AsyncIterable<StoredRecord>,
  head: ChainHead | undefined,
  options: { anchors?: readonly Anchor[]; from?: ChainHead; keep?: number } = {},
): Promise<ChainVerdict> {
  const verifier = createChainVerifier(options);
  for await (const row of rows) verifier.push(row);
  return verifier.finish(head);
}
