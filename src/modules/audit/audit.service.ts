import { endOfChinaDay } from '../../platform/clock.ts';
import { AppError, badRequest, conflict } from '../../platform/errors.ts';
import { isIsoDate } from '../../platform/iso-date.ts';
import type { Store } from '../database.ts';
import { type Anchor, type BrokenLink, type ChainHead, verifyChain } from './audit.chain.ts';
import {
  insertAnchor,
  lastEntryBefore,
  readAnchors,
  readAuditEntries,
  readAuditHead,
} from './audit.repository.ts';
import { AUDITED_TABLES } from './audited-tables.ts';
import { GENESIS_HASH } from './canonical.ts';
import type { AuditedTable } from './row-digest.ts';
import { type RowProblem, verifyRows } from './row-digests.service.ts';

export type AuditReport = {
  /** the chain is intact, every anchor lies on it, and every registered row matches its record */
  ok: boolean;
  /** entries verified (up to the first broken link) */
  entries: number;
  /** the head hash the chain ends with (as stated by the head row when the chain is broken) */
  headHash: string;
  firstBroken?: BrokenLink;
  rowsChecked: number;
  /** the first 100 row problems */
  rowProblems: RowProblem[];
  rowProblemCount: number;
  checkedAt: string;
};

/**
 * Verifies the whole audit trail (A20, B33, C §4(1)): the chain link by link, the head, every stored
 * anchor and every published one given, then the row digests of every registered table.
 *
 * Read order matters on a live system: anchors, then the head, then entries up to that head, so an
 * entry or anchor added meanwhile is never half-seen as a broken link.
 */
export async function verifyAudit(
  store: Store,
  registry: readonly AuditedTable[] = AUDITED_TABLES,
  options: { published?: readonly Anchor[]; maxRowsInMemory?: number; now?: () => string } = {},
): Promise<AuditReport> {
  const stored = await readAnchors(store.db);
  const published = (options.published ?? []).map((a) => ({ ...a, source: 'published' as const }));
  const head = await readAuditHead(store.db);
  const entries = readAuditEntries(store.db, head ? { until: head.seq } : {});
  const chain = await verifyChain(entries, head, { anchors: [...stored, ...published] });
  const rows = await verifyRows(store, registry, {
    ...(options.maxRowsInMemory === undefined ? {} : { maxRowsInMemory: options.maxRowsInMemory }),
    ...(head ? { untilSeq: head.seq } : {}),
  });
  return {
    ok: chain.ok && rows.problemCount === 0,
    entries: chain.entries,
    headHash: chain.ok ? chain.headHash : (head?.hash ?? GENESIS_HASH),
    ...(chain.ok ? {} : { firstBroken: chain.firstBroken }),
    rowsChecked: rows.checked,
    rowProblems: rows.problems,
    rowProblemCount: rows.problemCount,
    checkedAt: (options.now ?? (() => new Date().toISOString()))(),
  };
}

/**
 * Stores the chain head at the end of a China day in `audit_anchors` and returns it for publication
 * (the portal, a newspaper): whoever later rewrites the history and recomputes every hash still
 * cannot match a published anchor. The stretch since the previous anchor is verified first, so a
 * broken chain is never vouched for. Anchoring a day again returns the same anchor.
 */
export async function anchorDay(
  store: Store,
  day: string,
  options: { now?: string } = {},
): Promise<{ day: string; seq: number; hash: string }> {
  if (!isIsoDate(day)) {
    throw badRequest(
      'AUDIT_DAY_INVALID',
      `日期 "${day}" 无效，应为 YYYY-MM-DD`,
      `Day "${day}" is not YYYY-MM-DD`,
    );
  }
  const end = endOfChinaDay(day);
  const now = options.now ?? new Date().toISOString();
  if (Date.parse(now) < Date.parse(end)) {
    throw badRequest(
      'AUDIT_DAY_NOT_OVER',
      `${day} 尚未结束（北京时间），不能锚定`,
      `${day} is not over yet (China time) and cannot be anchored`,
      { day, endsAt: end },
    );
  }
  const point = await lastEntryBefore(store.db, end);
  const anchors = await readAnchors(store.db);
  const existing = anchors.find((a) => a.day === day);
  if (existing) {
    if (existing.seq === point.seq && existing.hash === point.hash)
      return { day, seq: point.seq, hash: point.hash };
    throw conflict(
      'AUDIT_ANCHOR_CONFLICT',
      `${day} 的锚点（序号 ${existing.seq}）与当前审计链不一致：历史记录已被改动`,
      `The anchor of ${day} (seq ${existing.seq}) no longer matches the audit chain: its history was changed`,
      { day, anchored: existing, now: point },
    );
  }
  const base: ChainHead = anchors
    .filter((a) => a.seq <= point.seq)
    .reduce<ChainHead>((best, a) => (a.seq > best.seq ? a : best), { seq: 0, hash: GENESIS_HASH });
  const stretch = readAuditEntries(store.db, { after: base.seq, until: point.seq });
  const verdict = await verifyChain(stretch, point, { from: base });
  if (!verdict.ok) {
    const { seq, reason } = verdict.firstBroken;
    throw new AppError(
      'AUDIT_CHAIN_BROKEN',
      500,
      `审计链在序号 ${seq} 处断裂（${reason}），拒绝锚定 ${day}`,
      `The audit chain is broken at seq ${seq} (${reason}); ${day} is not anchored`,
      { day, firstBroken: verdict.firstBroken },
    );
  }
  await insertAnchor(store.db, { day, seq: point.seq, hash: point.hash }, now);
  return { day, seq: point.seq, hash: point.hash };
}
