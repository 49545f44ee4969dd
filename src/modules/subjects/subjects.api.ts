/** The subjects API: a subject as itself, as staff and systems see it, and an organization's public view. */
import { z } from 'zod';

export const SubjectView = z.object({
  id: z.string(),
  kind: z.enum(['person', 'organization']),
  code: z.string(),
  codeKind: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
});

export const PublicOrganizationView = z.object({
  kind: z.literal('organization'),
  code: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
  legalForm: z.string().optional(),
  legalRepresentative: z.string().optional().describe('masked per policy disclosure.masking.personName (A7)'),
});

export const CodeParam = z.object({ code: z.string().min(1).max(64) });
