import { z } from 'zod';
import { AppError, badRequest } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { actorDepartment } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import { SEVERITIES } from '../policy/index.ts';
import { providerDepartmentOf, RowErrorView } from '../records/records.routes.ts';
import { isPolarity } from './list-types.ts';
import type { ListsService } from './lists.service.ts';
import { LIST_POLARITIES, RELATION_ROLES } from './lists.tables.ts';

const ListTypeView = z.object({
  code: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  name: z.string().min(1).max(50),
  nameEn: z.string().min(1).max(100),
  polarity: z
    .enum(LIST_POLARITIES)
    .describe('red: 激励 (A13); black: 惩戒 (A14) 与 A4 交叉比对; watch: 提示'),
  description: z.string().max(500),
});

const EntryView = z.object({
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

const EntriesQuery = z.object({
  listType: z.string().max(40).optional(),
  state: z.enum(['effective', 'expired', 'removed', 'all']).default('all'),
  subjectCode: z.string().max(64).optional(),
  department: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().max(40).optional().describe('createdAt of the last entry of the previous page'),
});

const DecisionBody = z.object({
  item: z.string().min(1).max(60).describe('名单目录项代码，如 blacklist-organization'),
  providerRecordId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('本部门的决定编号；填写后重复提交不会重复登记（缺省时由平台生成）'),
  subject: z.object({ code: z.string().min(1).max(64), name: z.string().min(1).max(200) }),
  severity: z.enum(SEVERITIES).optional(),
  identifiedOn: z.string().describe('认定日期 YYYY-MM-DD'),
  fields: z.record(z.string(), z.unknown()),
  reason: z.string().max(500).optional().describe('修改已报送的决定时必填'),
});

const DecisionResponse = z.object({
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

const Notification = z.object({
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

const RelationBody = z.object({
  person: z.object({ code: z.string().min(1).max(64), name: z.string().min(1).max(100) }),
  role: z
    .enum(RELATION_ROLES)
    .describe('legal_representative 法定代表人; principal 主要负责人; responsible 直接责任人'),
});

const CodeParam = z.object({ code: z.string().min(1).max(64) });
const IdParam = z.object({ id: z.string().min(1).max(64) });

const departmentOf = (actor: Parameters<typeof actorDepartment>[0]) => {
  const department = actorDepartment(actor);
  if (!department) {
    throw new AppError(
      'INBOX_DEPARTMENT_REQUIRED',
      403,
      '只有部门账号或部门系统有收件箱',
      'Only department accounts and systems have an inbox',
    );
  }
  return department;
};

/**
 * Red and black lists (A3–A12): list types, entries with their history, single decisions as a form,
 * the relations B26 needs, and each department's inbox of notices (A4, A11).
 */
export type ListsRoutesDeps = { lists: ListsService; audit: Pick<AuditTrail, 'record'> };

export function listsRoutes(ctx: ListsRoutesDeps) {
  const { lists } = ctx;
  return (app: HttpApp) => {
    app.get(
      '/api/v1/list-types',
      {
        schema: {
          tags: ['lists'],
          summary: '名单类型 / list types',
          response: { 200: z.object({ listTypes: z.array(ListTypeView) }) },
        },
        config: { access: { kind: 'public', reason: 'which lists the city keeps is public policy (A3)' } },
      },
      async () => ({ listTypes: await lists.listTypes() }),
    );

    app.post(
      '/api/v1/list-types',
      {
        schema: {
          tags: ['lists'],
          summary: '新增名单类型 / add a list type (e.g. 重点关注名单)',
          body: ListTypeView,
          response: { 201: ListTypeView },
        },
        config: { access: { kind: 'permission', permission: 'lists.manage', systems: false } },
      },
      async (request, reply) => {
        const type = request.body;
        if (!isPolarity(type.polarity))
          throw badRequest('LIST_TYPE_INVALID', '名单性质无效', 'Unknown polarity');
        await lists.addListType(type);
        await ctx.audit.record({
          actor: request.actor,
          action: 'lists.type_added',
          targetType: 'list_type',
          targetId: type.code,
          result: 'ok',
          detail: { polarity: type.polarity },
          requestId: request.id,
        });
        return reply.code(201).send(type);
      },
    );

    app.get(
      '/api/v1/lists/entries',
      {
        schema: {
          tags: ['lists'],
          summary: '名单记录 / list entries',
          querystring: EntriesQuery,
          response: { 200: z.object({ entries: z.array(EntryView) }) },
        },
        config: { access: { kind: 'permission', permission: 'lists.read', purpose: true } },
      },
      async (request) => {
        const entries = await lists.search(request.query);
        await ctx.audit.record({
          actor: request.actor,
          purpose: request.purpose,
          action: 'lists.read',
          targetType: 'list_entries',
          targetId: request.query.subjectCode ? 'by_subject' : 'search',
          result: 'ok',
          detail: { count: entries.length, listType: request.query.listType ?? null },
          requestId: request.id,
        });
        return { entries };
      },
    );

    app.get(
      '/api/v1/lists/entries/:id',
      {
        schema: {
          tags: ['lists'],
          summary: '名单记录及其变动 / a list entry with its history',
          params: IdParam,
          response: {
            200: z.object({
              entry: EntryView,
              events: z.array(
                z.object({
                  id: z.string(),
                  at: z.string(),
                  kind: z.string(),
                  article: z.string().nullable(),
                  detail: z.record(z.string(), z.unknown()),
                  recordId: z.string().nullable(),
                  batchId: z.string().nullable(),
                }),
              ),
            }),
          },
        },
        config: { access: { kind: 'permission', permission: 'lists.read', purpose: true } },
      },
      async (request) => {
        const found = await lists.entry(request.params.id);
        await ctx.audit.record({
          actor: request.actor,
          purpose: request.purpose,
          action: 'lists.read',
          targetType: 'list_entry',
          targetId: request.params.id,
          result: 'ok',
          requestId: request.id,
        });
        return found;
      },
    );

    app.post(
      '/api/v1/lists/decisions',
      {
        schema: {
          tags: ['lists'],
          summary: '登记一项名单认定 / record one list decision (form)',
          body: DecisionBody,
          response: { 201: DecisionResponse },
        },
        config: { access: { kind: 'permission', permission: 'records.write' } },
      },
      async (request, reply) => {
        const department = providerDepartmentOf(request.actor);
        const result = await lists.decide(request.actor, department, request.body, request.id);
        return reply.code(201).send(result);
      },
    );

    app.get(
      '/api/v1/subjects/:code/relations',
      {
        schema: {
          tags: ['lists'],
          summary: '组织的法定代表人与责任人 / who answers for an organization (B26)',
          params: CodeParam,
        },
        config: { access: { kind: 'permission', permission: 'lists.read', purpose: true } },
      },
      async (request) => {
        const found = await lists.relations(request.params.code);
        await ctx.audit.record({
          actor: request.actor,
          purpose: request.purpose,
          action: 'subject.relations_read',
          targetType: 'subject',
          targetId: found.organization.id,
          result: 'ok',
          requestId: request.id,
        });
        return found;
      },
    );

    app.post(
      '/api/v1/subjects/:code/relations',
      {
        schema: {
          tags: ['lists'],
          summary: '登记组织的责任人 / link a responsible person to an organization (B26)',
          params: CodeParam,
          body: RelationBody,
        },
        config: { access: { kind: 'permission', permission: 'relations.manage', systems: false } },
      },
      async (request, reply) => {
        const result = await lists.relate(
          request.actor,
          request.params.code,
          request.body.person,
          request.body.role,
          request.id,
        );
        return reply.code(result.created ? 201 : 200).send(result);
      },
    );

    app.get(
      '/api/v1/inbox',
      {
        schema: {
          tags: ['lists'],
          summary: '本部门收到的通报 / my department’s notices (A4, A11)',
          querystring: z.object({
            unread: z.coerce.boolean().default(false),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            before: z.string().max(40).optional(),
          }),
          response: { 200: z.object({ notifications: z.array(Notification) }) },
        },
        config: { access: { kind: 'permission', permission: 'inbox.read' } },
      },
      async (request) => {
        const department = departmentOf(request.actor);
        return {
          notifications: await lists.inbox(department, {
            unreadOnly: request.query.unread,
            limit: request.query.limit,
            before: request.query.before,
          }),
        };
      },
    );

    app.post(
      '/api/v1/inbox/:id/read',
      {
        schema: {
          tags: ['lists'],
          summary: '标记通报已读 / mark a notice read',
          params: IdParam,
          response: { 204: z.null() },
        },
        config: { access: { kind: 'permission', permission: 'inbox.read' } },
      },
      async (request, reply) => {
        const department = departmentOf(request.actor);
        const reader =
          request.actor.kind === 'account'
            ? request.actor.login
            : request.actor.kind === 'system'
              ? request.actor.apiKeyId
              : 'unknown';
        await lists.read(request.params.id, department, reader);
        return reply.code(204).send(null);
      },
    );
  };
}
