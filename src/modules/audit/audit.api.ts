/** The audit API for auditors: verify the chain, page through entries, list the daily anchors. */
import { z } from 'zod';

export const BrokenLinkView = z.object({
  seq: z.number(),
  reason: z.enum(['gap', 'prev_mismatch', 'hash_mismatch', 'head_mismatch', 'anchor_mismatch']),
  detail: z.string(),
});

export const ReportView = z.object({
  ok: z.boolean(),
  entries: z.number(),
  headHash: z.string(),
  firstBroken: BrokenLinkView.optional(),
  breaks: z.array(BrokenLinkView),
  breakCount: z.number(),
  anchorsChecked: z.object({ stored: z.number(), published: z.number(), external: z.number() }),
  anchorLog: z.object({ file: z.string(), unreadableLines: z.array(z.number()) }).optional(),
  rowsChecked: z.number(),
  rowProblems: z.array(
    z.object({
      table: z.string(),
      id: z.string().nullable(),
      reason: z.string(),
      seq: z.number().optional(),
      detail: z.string(),
    }),
  ),
  rowProblemCount: z.number(),
  checkedAt: z.string(),
});

export const EntryView = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string(),
  actorDepartment: z.string().nullable(),
  purpose: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  result: z.enum(['ok', 'denied', 'error']),
  detail: z.record(z.string(), z.unknown()),
  policyId: z.string(),
  policyVersion: z.string(),
  requestId: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

export const EntriesQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  action: z.string().max(100).optional(),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(100).optional(),
});

export const AnchorView = z.object({ day: z.string(), seq: z.number(), hash: z.string() });

export const EntriesResponse = z.object({ entries: z.array(EntryView), next: z.number().nullable() });

export const AnchorsResponse = z.object({ anchors: z.array(AnchorView) });
