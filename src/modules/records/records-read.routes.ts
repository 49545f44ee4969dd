import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { fromJson } from '../../platform/db/engine.ts';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { type Actor, actorDepartment } from '../access/actor.ts';
import { canRead, type ReadDecision } from '../access/scope.ts';
import { type CatalogItemVersion, catalogRepository } from '../catalog/index.ts';
import type { RecordTable } from './records.tables.ts';

const RecordView = z.object({
  id: z.string(),
  recordKey: z.string(),
  version: z.number().int(),
  item: z.string(),
  itemName: z.string(),
  usageScope: z.enum(['public', 'government', 'authorized']),
  providerDepartment: z.string(),
  severity: z.string().nullable(),
  identifiedOn: z.string(),
  validityEndsOn: z.string().nullable(),
  expired: z.boolean(),
  fields: z.record(z.string(), z.unknown()),
  readBasis: z.string(),
});
const RecordsResponse = z.object({
  records: z.array(RecordView),
  /** records that exist but this caller may not read, by reason (so a clerk knows consent is needed) */
  withheld: z.object({
    CONSENT_REQUIRED: z.number().int(),
    SCOPE_DENIED: z.number().int(),
    EXPIRED: z.number().int(),
  }),
});

/**
 * Reading credit records: the subject reads all of its own (B20, archived ones included); anyone else
 * reads the current versions the item's usage scope allows them (B18), 授权查询 items only under the
 * subject's consent (B21), never information past its validity (B27: no longer published or used).
 */
export function recordsReadRoutes(ctx: AppContext) {
  const catalog = catalogRepository(ctx.store);
  const itemCache = new Map<string, CatalogItemVersion>();
  async function itemOf(code: string, version: number): Promise<CatalogItemVersion> {
    const key = `${code}@${version}`;
    let item = itemCache.get(key);
    if (!item) {
      item = await catalog.version(code, version);
      if (!item) throw new Error(`catalog item ${key} missing`);
      itemCache.set(key, item);
    }
    return item;
  }

  async function readable(actor: Actor, subjectId: string) {
    const rows = await ctx.store.db
      .selectFrom('records')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('record_key')
      .orderBy('version')
      .execute();
    const current = new Map<string, RecordTable>();
    for (const row of rows) current.set(row.record_key, row as RecordTable);
    const department = actorDepartment(actor);
    const consents = department ? await ctx.consents.forSubjectAndDepartment(subjectId, department) : [];
    const today = ctx.now().slice(0, 10);
    const records: z.infer<typeof RecordView>[] = [];
    const withheld = { CONSENT_REQUIRED: 0, SCOPE_DENIED: 0, EXPIRED: 0 };
    for (const row of current.values()) {
      const item = await itemOf(row.item_code, row.item_version);
      const expired = row.validity_ends_on !== null && row.validity_ends_on < today;
      const decision: ReadDecision = canRead(
        actor,
        {
          subjectId,
          itemCode: item.code,
          scope: item.usageScope,
          providerDepartment: row.provider_department,
        },
        consents,
        ctx.now(),
      );
      if (!decision.allowed) {
        withheld[decision.code]++;
        continue;
      }
      if (expired && decision.basis !== 'own_subject' && decision.basis !== 'own_provider') {
        withheld.EXPIRED++;
        continue;
      }
      const fields = fromJson<Record<string, unknown>>(row.fields);
      for (const [key, value] of Object.entries(fields)) {
        if (value && typeof value === 'object' && 'sealed' in value)
          fields[key] = ctx.sealer.open(String(value.sealed));
      }
      records.push({
        id: row.id,
        recordKey: row.record_key,
        version: Number(row.version),
        item: item.code,
        itemName: item.name,
        usageScope: item.usageScope,
        providerDepartment: row.provider_department,
        severity: row.severity,
        identifiedOn: row.identified_on,
        validityEndsOn: row.validity_ends_on,
        expired,
        fields,
        readBasis: decision.basis,
      });
    }
    return { records, withheld };
  }

  return (app: HttpApp) => {
    app.get(
      '/api/v1/me/records',
      {
        schema: {
          tags: ['records'],
          summary: '我的信用记录 / my credit records (B20)',
          response: { 200: RecordsResponse },
        },
        config: { access: { kind: 'permission', permission: 'subjects.read_own', systems: false } },
      },
      async (request) => {
        const actor = request.actor;
        if (actor.kind !== 'account' || !actor.subjectId)
          throw new AppError('ACCESS_DENIED', 403, '仅限信息主体本人', 'Only the subject itself');
        const result = await readable(actor, actor.subjectId);
        await ctx.audit.record({
          actor,
          action: 'records.read_own',
          targetType: 'subject',
          targetId: actor.subjectId,
          result: 'ok',
          detail: { records: result.records.length },
          requestId: request.id,
        });
        return result;
      },
    );

    app.get(
      '/api/v1/subjects/:code/records',
      {
        schema: {
          tags: ['records'],
          summary:
            '查询信用记录 / a subject’s credit records as the caller may read them (X-Purpose required, audited)',
          params: z.object({ code: z.string().min(1).max(64) }),
          response: { 200: RecordsResponse },
        },
        config: { access: { kind: 'permission', permission: 'subjects.read', purpose: true } },
      },
      async (request) => {
        const subject = await ctx.subjects.findByCode(ctx.codes.normalize(request.params.code));
        if (!subject)
          throw new AppError(
            'SUBJECT_NOT_FOUND',
            404,
            '平台上没有这个信息主体',
            'No such subject on the platform',
          );
        const result = await readable(request.actor, subject.id);
        await ctx.audit.record({
          actor: request.actor,
          purpose: request.purpose,
          action: 'records.read',
          targetType: 'subject',
          targetId: subject.id,
          result: 'ok',
          detail: {
            records: result.records.map((r) => [r.id, r.readBasis]),
            withheld: result.withheld,
          },
          requestId: request.id,
        });
        return result;
      },
    );
  };
}
