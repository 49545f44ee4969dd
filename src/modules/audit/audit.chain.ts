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
/** The chain head at the end of a day, stored and published so a recomputed history is caught. */
export type Anchor = { day: string; seq: number; hash: string; source?: 'stored' | 'published' };

export type BreakReason = 'gap' | 'prev_mismatch' | 'hash_mismatch' | 'head_mismatch' | 'anchor_mismatch';
export type BrokenLink = { seq: number; reason: BreakReason; detail: string };
export type ChainVerdict =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; firstBroken: BrokenLink };

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
 * Incremental verifier: feed rows in seq order, constant memory (only the previous hash and the
 * anchors are kept). Stops at the first broken link and names it. `from` starts from a trusted point
 * (an earlier anchor) instead of the genesis.
 */
export function createChainVerifier(options: { anchors?: readonly Anchor[]; from?: ChainHead } = {}) {
  const start = options.from ?? { seq: 0, hash: GENESIS_HASH };
  const anchors = [...(options.anchors ?? [])].sort((a, b) => a.seq - b.seq);
  let nextAnchor = 0;
  let expectedSeq = start.seq + 1;
  let prevHash = start.hash;
  let entries = 0;
  let broken: BrokenLink | undefined;

  const anchorLabel = (a: Anchor) => `${a.source === 'published' ? 'published' : 'stored'} anchor ${a.day}`;
  const checkAnchorsUpTo = (seq: number, hashAt: (s: number) => string | undefined) => {
    while (!broken && nextAnchor < anchors.length && anchors[nextAnchor]!.seq <= seq) {
      const anchor = anchors[nextAnchor++]!;
      const actual = hashAt(anchor.seq);
      if (actual !== undefined && actual !== anchor.hash) {
        broken = {
          seq: anchor.seq,
          reason: 'anchor_mismatch',
          detail: `${anchorLabel(anchor)} says seq ${anchor.seq} has hash ${anchor.hash}, the chain has ${actual}: the history up to seq ${anchor.seq} was rewritten`,
        };
      }
    }
  };
  // Anchors at or before the starting point (the genesis, a trusted earlier anchor).
  checkAnchorsUpTo(start.seq, (s) => (s === start.seq ? start.hash : undefined));

  return {
    /** Feeds the next row; returns the first broken link once one is found. */
    push(row: StoredRecord): BrokenLink | undefined {
      if (broken) return broken;
      if (row.seq !== expectedSeq) {
        broken = {
          seq: expectedSeq,
          reason: 'gap',
          detail:
            row.seq > expectedSeq
              ? `entries ${expectedSeq}..${row.seq - 1} are missing (deleted); the next stored entry is ${row.seq}`
              : `entry ${row.seq} arrived where ${expectedSeq} was expected`,
        };
        return broken;
      }
      if (row.prevHash !== prevHash) {
        broken = {
          seq: row.seq,
          reason: 'prev_mismatch',
          detail: `prev_hash ${row.prevHash} does not match the hash of entry ${row.seq - 1} (${prevHash})`,
        };
        return broken;
      }
      const computed = entryHash(prevHash, row);
      if (computed !== row.hash) {
        broken = {
          seq: row.seq,
          reason: 'hash_mismatch',
          detail: `entry ${row.seq} (${row.action}, ${row.id}) was altered: its content hashes to ${computed}, stored ${row.hash}`,
        };
        return broken;
      }
      prevHash = row.hash;
      expectedSeq++;
      entries++;
      checkAnchorsUpTo(row.seq, (s) => (s === row.seq ? row.hash : undefined));
      return broken;
    },

    /** Ends the stream: the head must name the last entry, every anchor must lie on the chain. */
    finish(head: ChainHead | undefined): ChainVerdict {
      const lastSeq = expectedSeq - 1;
      if (!broken) {
        const stated = head ?? { seq: 0, hash: GENESIS_HASH };
        if (stated.seq !== lastSeq || stated.hash !== prevHash) {
          broken = {
            seq: stated.seq > lastSeq ? lastSeq + 1 : stated.seq,
            reason: 'head_mismatch',
            detail:
              stated.seq > lastSeq
                ? `the head says ${stated.seq} entries but the chain ends at ${lastSeq}: trailing entries were deleted`
                : `the head (seq ${stated.seq}, ${stated.hash}) does not match the last entry (seq ${lastSeq}, ${prevHash})`,
          };
        }
      }
      if (!broken && nextAnchor < anchors.length) {
        const anchor = anchors[nextAnchor]!;
        broken = {
          seq: anchor.seq,
          reason: 'anchor_mismatch',
          detail: `${anchorLabel(anchor)} names seq ${anchor.seq} but the chain ends at ${lastSeq}: entries were removed`,
        };
      }
      return broken ? { ok: false, entries, firstBroken: broken } : { ok: true, entries, headHash: prevHash };
    },
  };
}

/** Verifies rows given in seq order (an array or a paged async stream) against the head. */
export async function verifyChain(
  rows: Iterable<StoredRecord> | AsyncIterable<StoredRecord>,
  head: ChainHead | undefined,
  options: { anchors?: readonly Anchor[]; from?: ChainHead } = {},
): Promise<ChainVerdict> {
  const verifier = createChainVerifier(options);
  for await (const row of rows) {
    if (verifier.push(row)) break;
  }
  return verifier.finish(head);
}
