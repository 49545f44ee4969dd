/** The spreadsheet upload API: `POST /api/v1/records/upload`, a filled template in, per-row results out. */
import { z } from 'zod';
import { INTAKE_MODES } from '../records/intake.types.ts';

export const UploadQuery = z.object({
  item: z.string().min(1).max(60).describe('目录项代码 / catalog item code, e.g. admin-penalty'),
  mode: z
    .enum(INTAKE_MODES)
    .default('accept_valid')
    .describe('all_or_nothing (at most 10,000 rows) or accept_valid'),
  report: z.enum(['json', 'xlsx']).optional().describe('xlsx: the error report (same as Accept: xlsx)'),
});

const RowErrorView = z.object({
  code: z.string(),
  field: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

export const UploadResponse = z.object({
  item: z.object({ code: z.string(), version: z.number().int() }),
  format: z.enum(['xlsx', 'csv']),
  mode: z.enum(INTAKE_MODES),
  batchIds: z.array(z.string()),
  summary: z.object({
    total: z.number().int(),
    created: z.number().int(),
    unchanged: z.number().int(),
    newVersion: z.number().int(),
    refused: z.number().int(),
    aborted: z.number().int(),
  }),
  results: z.array(
    z.object({
      row: z.number().int().describe('spreadsheet row number'),
      providerRecordId: z.string().optional(),
      outcome: z.enum(['created', 'unchanged', 'new_version', 'refused']),
      recordId: z.string().optional(),
      version: z.number().int().optional(),
      errors: z.array(RowErrorView.passthrough()).optional(),
      warnings: z.array(RowErrorView.passthrough()).optional(),
    }),
  ),
});
