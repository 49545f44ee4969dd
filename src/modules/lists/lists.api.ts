/** The lists API: list types, list entries and their history, list decisions, relations (B26), the inbox. */
import { z } from 'zod';
import { SEVERITIES } from '../policy/index.ts';
import { RowErrorView } from '../records/records.api.ts';
import { LIST_POLARITIES, RELATION_ROLES } from './lists.tables.ts';

export const ListTypeView = z.object({
  code: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  name: z.string().min(1).max(50),
  nameEn: z.string().min(1).max(100),
  polarity: z
    .enum(LIST_POLARITIES)
    .describe('red: 激励 (A13); black: 惩戒 (A14) 与 A4 交叉比对; watch: 提示'),
  description: z.string().max(500),
});

/** Request bodies are strict (issue 14 §6): an unknown property is REQUEST_INVALID, naming it. */
export const ListTypeBody = ListTypeView.strict();

export const ListTypesResponse = z.object({ listTypes: z.array(ListTypeView) });

export const EntryView = z.object({
  id: z.string(),
  listType: z.string(),
  listName: z.string(),
  polarity: z.string(),
  origin: z
    .enum(['listed', 'associated'])
    .describe('associated: B26, a person answering for a severe organization'),
  sourceEntryId: z.string().nullable(),
  relationRole: z.string().nullable(),
  subject: z.object({ id: z.string(), kind: z.string(), name: z.string(), code: z.string() }),
  itemCode: z.string(),
  recordId: z.string(),
  providerDepartment: z.string(),
  ground: z.string().nullable().describe('A5/A6 ground, coded (e.g. A6(7))'),
  severity: z.string().nullable(),
  identifiedOn: z.string(),
  validUntil: z.string().nullable().describe('A12: removal date set by the identifying unit'),
  validityEndsOn: z.string().nullable().describe('B27 validity of the record'),
  status: z.enum(['active', 'removed']),
  state: z.enum(['effective', 'expired', 'removed']),
  statusReason: z.string().nullable(),
  removedAt: z.string().nullable(),
  removedByEntry: z.string().nullable(),
  procedure: z.string().nullable().describe('objection | repair_notice while such a procedure runs'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const EntriesResponse = z.object({ entries: z.array(EntryView) });

export const EntryEventView = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  article: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  recordId: z.string().nullable(),
  batchId: z.string().nullable(),
});

export const EntryHistoryResponse = z.object({ entry: EntryView, events: z.array(EntryEventView) });

export const EntriesQuery = z.object({
  listType: z.string().max(40).optional(),
  state: z.enum(['effective', 'expired', 'removed', 'all']).default('all'),
  subjectCode: z.string().max(64).optional(),
  department: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().max(40).optional().describe('createdAt of the last entry of the previous page'),
});

export const DecisionBody = z
  .object({
    item: z.string().min(1).max(60).describe('名单目录项代码，如 blacklist-organization'),
    providerRecordId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('本部门的决定编号；填写后重复提交不会重复登记（缺省时由平台生成）'),
    subject: z
      .object({
        code: z.string().min(1).max(64),
        name: z.string().min(1).max(200),
        selfSupporting: z
          .boolean()
          .optional()
          .describe('B2：认定时16、17周岁并以自己的劳动收入为主要生活来源的，填 true'),
      })
      .strict(),
    severity: z.enum(SEVERITIES).optional(),
    identifiedOn: z.string().describe('认定日期 YYYY-MM-DD'),
    fields: z
      .record(z.string(), z.unknown())
      .describe('the item’s fields; unknown ones are refused by the catalog'),
    reason: z.string().max(500).optional().describe('修改已报送的决定时必填'),
    changeBasis: z
      .string()
      .max(64)
      .optional()
      .describe('减轻已报送决定的修改所依据的决定编号（信用办登记的外部决定；A20、B33）'),
  })
  .strict();

export const DecisionResponse = z.object({
  outcome: z.enum(['created', 'unchanged', 'new_version']),
  recordId: z.string(),
  version: z.number().int(),
  providerRecordId: z.string(),
  warnings: z.array(RowErrorView),
  entry: EntryView,
  removedFromRedLists: z.array(z.string()).describe('A4: red list entries this decision removed'),
  associatedEntries: z.array(z.string()).describe('B26: entries written to responsible persons'),
  notifications: z.array(
    z.object({ id: z.string(), kind: z.string(), article: z.string(), recipientDepartment: z.string() }),
  ),
});

export const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  article: z.string(),
  recipientDepartment: z.string(),
  subjectId: z.string().nullable(),
  entryId: z.string().nullable(),
  title: z.string(),
  body: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
});

export const InboxQuery = z.object({
  unread: z.coerce.boolean().default(false),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(40).optional(),
});

export const InboxResponse = z.object({ notifications: z.array(Notification) });

export const RelationBody = z
  .object({
    person: z.object({ code: z.string().min(1).max(64), name: z.string().min(1).max(100) }).strict(),
    role: z
      .enum(RELATION_ROLES)
      .describe('legal_representative 法定代表人; principal 主要负责人; responsible 直接责任人'),
  })
  .strict();

export const CodeParam = z.object({ code: z.string().min(1).max(64) });
export const IdParam = z.object({ id: z.string().min(1).max(64) });

export const NoContent = z.null();
