import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import ExcelJS from 'exceljs';
import { createHttpServer, declaredAccess, type HttpApp } from '../../platform/http/server.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { PERMISSIONS } from '../access/roles.ts';
import { catalogRoutes } from './catalog.routes.ts';
import { ensureSeedCatalog, SEED_CATALOG } from './catalog.seed.ts';
import { INSTRUCTIONS_SHEET } from './template.ts';

const NOW = '2026-11-26T08:00:00.000Z';

describeEachEngine('catalog routes (B8: the catalog is public)', (getStore) => {
  let t: TestApp;
  let app: HttpApp;
  before(async () => {
    t = await createTestApp(getStore(), { now: () => NOW });
    app = await createHttpServer({
      version: t.ctx.version,
      logger: false,
      permissions: PERMISSIONS,
      routes: [catalogRoutes(t.ctx)],
    });
    await app.ready();
    await ensureSeedCatalog(t.ctx.store, NOW, t.ctx.rowWriter);
    const honor = structuredClone(SEED_CATALOG.find((d) => d.code === 'honor')!);
    honor.updateCycle = 'quarterly';
    await t.ctx.catalog.publish(honor, NOW);
  });
  after(async () => {
    await app.close();
    await t.close();
  });

  it('declares every catalog route public, with the reason (decision 0006)', () => {
    for (const route of [
      'GET /api/v1/catalog',
      'GET /api/v1/catalog/:code',
      'GET /api/v1/catalog/:code/template.xlsx',
    ]) {
      assert.deepEqual(declaredAccess.get(route), {
        kind: 'public',
        reason: 'the catalog is published by the government (B8)',
      });
    }
  });

  it('lists the current version of every item, filterable by category', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/catalog' });
    assert.equal(response.statusCode, 200);
    const { items } = response.json() as {
      items: { code: string; version: number; currentVersion: number }[];
    };
    assert.equal(items.length, SEED_CATALOG.length);
    assert.equal(items.find((i) => i.code === 'honor')?.version, 2);
    const negative = await app.inject({ method: 'GET', url: '/api/v1/catalog?category=negative' });
    const codes = (negative.json() as { items: { code: string }[] }).items.map((i) => i.code);
    assert.ok(
      codes.includes('tax-arrears') && codes.includes('blacklist-person') && !codes.includes('honor'),
    );
  });

  it('returns one item, current or by version', async () => {
    const current = (await app.inject({ method: 'GET', url: '/api/v1/catalog/honor' })).json();
    assert.equal(current.version, 2);
    assert.equal(current.updateCycle, 'quarterly');
    const first = (await app.inject({ method: 'GET', url: '/api/v1/catalog/honor?version=1' })).json();
    assert.equal(first.version, 1);
    assert.equal(first.currentVersion, 2);
    assert.equal(first.updateCycle, 'monthly');
  });

  it('answers 404 with a stable code for an unknown item or version', async () => {
    const item = await app.inject({ method: 'GET', url: '/api/v1/catalog/no-such-item' });
    assert.equal(item.statusCode, 404);
    assert.equal(item.json().error.code, 'CATALOG_ITEM_NOT_FOUND');
    const version = await app.inject({ method: 'GET', url: '/api/v1/catalog/honor?version=9' });
    assert.equal(version.statusCode, 404);
    assert.equal(version.json().error.code, 'CATALOG_VERSION_NOT_FOUND');
    assert.equal(version.json().error.details.currentVersion, 2);
  });

  it('serves the xlsx template of an item version as a download', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/catalog/blacklist-person/template.xlsx',
    });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /spreadsheetml/);
    assert.match(String(response.headers['content-disposition']), /filename="blacklist-person-v1\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as never);
    assert.equal(workbook.worksheets[0]?.getRow(1).getCell(1).value, '公民身份号码*');
    assert.ok(workbook.getWorksheet(INSTRUCTIONS_SHEET));
    const old = await app.inject({ method: 'GET', url: '/api/v1/catalog/honor/template.xlsx?version=1' });
    assert.equal(old.statusCode, 200);
    assert.match(String(old.headers['content-disposition']), /honor-v1\.xlsx/);
  });
});
