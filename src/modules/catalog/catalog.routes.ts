import { notFound } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import type { DepartmentsRepository } from '../departments/departments.repository.ts';
import { CatalogItemView, CatalogQuery, CatalogResponse, ItemParams, VersionQuery } from './catalog.api.ts';
import type { CatalogRepository } from './catalog.repository.ts';
import type { CatalogItemVersion } from './catalog.ts';
import { buildTemplate } from './template.ts';

const access = { kind: 'public', reason: 'the catalog is published by the government (B8)' } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEMPLATE_CACHE_LIMIT = 200;

/**
 * The catalog as the government publishes it (B8): every item's current version, any version by
 * number (records name theirs), and the spreadsheet template providers fill in (B16).
 */
export type CatalogRoutesDeps = {
  catalog: Pick<CatalogRepository, 'current' | 'version' | 'list'>;
  departments: Pick<DepartmentsRepository, 'list'>;
};

export function catalogRoutes(ctx: CatalogRoutesDeps) {
  const { catalog } = ctx;
  // A version never changes, so its template is built once.
  const templates = new Map<string, Buffer>();

  async function find(code: string, version: number | undefined) {
    const current = await catalog.current(code);
    if (!current) {
      throw notFound('CATALOG_ITEM_NOT_FOUND', `目录中没有 ${code}`, `No catalog item ${code}`, { code });
    }
    if (version === undefined || version === current.version) return { item: current, current };
    const item = await catalog.version(code, version);
    if (!item) {
      throw notFound(
        'CATALOG_VERSION_NOT_FOUND',
        `目录项 ${code} 没有第 ${version} 版（当前为第 ${current.version} 版）`,
        `Catalog item ${code} has no version ${version} (current: ${current.version})`,
        { code, version, currentVersion: current.version },
      );
    }
    return { item, current };
  }
  const view = (item: CatalogItemVersion, current: CatalogItemVersion) => ({
    ...item,
    currentVersion: current.version,
  });

  return (app: HttpApp) => {
    app.get(
      '/api/v1/catalog',
      {
        schema: {
          tags: ['catalog'],
          summary: '公共信用信息目录 / the catalog: current version of every item (B8–B13)',
          querystring: CatalogQuery,
          response: { 200: CatalogResponse },
        },
        config: { access },
      },
      async (request) => {
        const items = await catalog.list({ category: request.query.category });
        return { items: items.map((item) => view(item, item)) };
      },
    );

    app.get(
      '/api/v1/catalog/:code',
      {
        schema: {
          tags: ['catalog'],
          summary: '目录项 / one catalog item, current or a given version',
          params: ItemParams,
          querystring: VersionQuery,
          response: { 200: CatalogItemView },
        },
        config: { access },
      },
      async (request) => {
        const { item, current } = await find(request.params.code, request.query.version);
        return view(item, current);
      },
    );

    app.get(
      '/api/v1/catalog/:code/template.xlsx',
      {
        schema: {
          tags: ['catalog'],
          summary: '报送模板 / the xlsx template of an item (headers, example row, 填写说明)',
          params: ItemParams,
          querystring: VersionQuery,
        },
        config: { access },
      },
      async (request, reply) => {
        const { item } = await find(request.params.code, request.query.version);
        const key = `${item.code}@${item.version}`;
        let body = templates.get(key);
        if (!body) {
          const names = new Map((await ctx.departments.list()).map((d) => [d.code, d.name]));
          body = await buildTemplate(item, { departmentName: (code) => names.get(code) });
          if (templates.size >= TEMPLATE_CACHE_LIMIT) templates.clear();
          templates.set(key, body);
        }
        const file = `${item.code}-v${item.version}.xlsx`;
        const zhFile = encodeURIComponent(`${item.name}-第${item.version}版.xlsx`);
        return reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${file}"; filename*=UTF-8''${zhFile}`)
          .send(body);
      },
    );
  };
}
