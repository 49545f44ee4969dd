import { AppError, badRequest } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { actorDepartment } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import { providerDepartmentOf } from '../records/records.routes.ts';
import { isPolarity } from './list-types.ts';
import {
  CodeParam,
  DecisionBody,
  DecisionResponse,
  EntriesQuery,
  EntriesResponse,
  EntryHistoryResponse,
  IdParam,
  InboxQuery,
  InboxResponse,
  ListTypeBody,
  ListTypesResponse,
  ListTypeView,
  NoContent,
  RelationBody,
} from './lists.api.ts';
import type { ListsService } from './lists.service.ts';

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
          response: { 200: ListTypesResponse },
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
          body: ListTypeBody,
          response: { 201: ListTypeView },
        },
        config: { access: { kind: 'permission', permission: 'lists.manage', systems: false }, errors: [409] },
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
          response: { 200: EntriesResponse },
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
          response: { 200: EntryHistoryResponse },
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
        config: { access: { kind: 'permission', permission: 'records.write' }, errors: [422] },
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
          summary:
            '登记组织的责任人，即时适用于其有效的严重失信记录 / link a responsible person to an organization; applies at once to its severe records in force (B26)',
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
          querystring: InboxQuery,
          response: { 200: InboxResponse },
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
          response: { 204: NoContent },
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
