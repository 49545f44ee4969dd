import { endOfChinaDay } from '../../platform/clock.ts';
import { AppError, badRequest, conflict } from '../../platform/errors.ts';
import { isIsoDate } from '../../platform/iso-date.ts';
import type { Store } from '../database.ts';
import { appendAnchorLine, readAnchorLog } from './anchor-log.file.ts';
import { type Anchor, type BrokenLink, type ChainHead, verifyChain } from './audit.chain.ts';
import {
  entryAt,
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
  /** entries read */
  entries: number;
  /** the head hash the chain ends with (as stated by the head row when the chain is broken) */
  headHash: string;
  /** the first broken link, when there is one (the first of `breaks`) */
  firstBroken?: BrokenLink;
  /** every broken link, gap, and anchor the chain misses — the first 100 */
  breaks: BrokenLink[];
  breakCount: number;
  /** anchors the chain was held to, by where they came from */
  anchorsChecked: { stored: number; published: number; external: number };
  /** the external anchor log read (issue 14 §2), and its lines that are not an anchor */
  anchorLog?: { file: string; unreadableLines: number[] };
  rowsChecked: number;
  /** the first 100 row problems */
  rowProblems: RowProblem[];
  rowProblemCount: number;
  checkedAt: string;
};

/** How many breaks and row problems a report lists (all are counted). */
const LISTED = 100;

/**
 * Verifies the whole audit trail (A20, B33, C §4(1)): the chain link by link, the head, every stored
 * anchor, every published one given and every one in the external anchor log, then the row digests of
 * every registered table. Every problem is found, not only the first (issue 14 §2).
 *
 * Read order matters on a live system: anchors (stored, then the external log), then the head, then
 * entries up to that head, so an entry or anchor added meanwhile is never half-seen as a broken link.
 */
export async function verifyAudit(
  store: Store,
  registry: readonly AuditedTable[] = AUDITED_TABLES,
  options: {
    published?: readonly Anchor[];
    /** the external anchor log's file, when one is kept */
    anchorLog?: string | undefined;
    maxRowsInMemory?: number;
    now?: () => string;
  } = {},
): Promise<AuditReport> {
  const stored = await readAnchors(store.db);
  const published = (options.published ?? []).map((a) => ({ ...a, source: 'published' as const }));
  const log = options.anchorLog === undefined ? undefined : await readAnchorLog(options.anchorLog);
  const external = log?.anchors ?? [];
  const head = await readAuditHead(store.db);
  const entries = readAuditEntries(store.db, head ? { until: head.seq } : {});
  const chain = await verifyChain(entries, head, {
    anchors: [...stored, ...published, ...external],
    keep: LISTED,
  });
  const rows = await verifyRows(store, registry, {
    keep: LISTED,
    ...(options.maxRowsInMemory === undefined ? {} : { maxRowsInMemory: options.maxRowsInMemory }),
    ...(head ? { untilSeq: head.seq } : {}),
  });
  return {
    ok: chain.ok && rows.problemCount === 0,
    entries: chain.entries,
    headHash: chain.ok ? chain.headHash : (head?.hash ?? GENESIS_HASH),
    ...(chain.ok ? {} : { firstBroken: chain.firstBroken }),
    breaks: chain.ok ? [] : chain.breaks,
    breakCount: chain.ok ? 0 : chain.breakCount,
    anchorsChecked: { stored: stored.length, published: published.length, external: external.length },
    ...(log && options.anchorLog !== undefined
      ? { anchorLog: { file: options.anchorLog, unreadableLines: log.unreadable.slice(0, LISTED) } }
      : {}),
    rowsChecked: rows.checked,
    rowProblems: rows.problems,
    rowProblemCount: rows.problemCount,
    checkedAt: (options.now ?? (() => new Date().toISOString()))(),
  };
}

/**
 * Anchors the chain head as it is now (issue 14 §2), without waiting for a day to end: appended to
 * the external anchor log, outside the database, and returned for publication. The head row is held
 * to the entry it names first: a head that names no stored entry, or another hash, is not vouched for.
 */
export async function anchorHead(
  store: Store,
  anchorLog: string,
  options: { now?: string } = {},
): Promise<{ at: string; seq: number; hash: string }> {
  const at = options.now ?? new Date().toISOString();
  const head = (await readAuditHead(store.db)) ?? { seq: 0, hash: GENESIS_HASH };
  const entry = head.seq === 0 ? { seq: 0, hash: GENESIS_HASH } : await entryAt(store.db, head.seq);
  if (entry?.hash !== head.hash) {
    throw new AppError(
      'AUDIT_CHAIN_BROKEN',
      500,
      `审计链头（序号 ${head.seq}）与该序号的记录不一致，拒绝锚定；请运行 xinyong audit verify`,
      `The audit chain head (seq ${head.seq}) does not match the entry at that seq; not anchored. Run xinyong audit verify`,
      { head, entry: entry ?? null },
    );
  }
  await appendAnchorLine(anchorLog, { kind: 'head', at, seq: head.seq, hash: head.hash });
  return { at, seq: head.seq, hash: head.hash };
}

/**
 * Stores the chain head at the end of a China day in `audit_anchors` and returns it for publication
 * (the portal, a newspaper): whoever later rewrites the history and recomputes every hash still
 * cannot match a published anchor. The stretch since the previous anchor is verified first, so a
 * broken chain is never vouched for. Anchoring a day again returns the same anchor. With an external
 * anchor log, the day's anchor is appended to it too.
 */
export async function anchorDay(
  store: Store,
  day: string,
  options: { now?: string; anchorLog?: string | undefined } = {},
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
  // Also outside the database: a day anchor stored only in the database can be deleted with the days.
  if (options.anchorLog !== undefined) {
    await appendAnchorLine(options.anchorLog, {
      kind: 'day',
      day,
      at: now,
      seq: point.seq,
      hash: point.hash,
    });
  }
  return { day, seq: point.seq, hash: point.hash };
}
