/**
 * Issue 14 §5: no identity code or name in any log line. Requests carrying codes and names in every
 * part of a URL go through the whole application, logged at trace level; the log names route patterns
 * and keyed digests. (Every other suite built on createTestApp is scanned the same way when it closes.)
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { DEMO_PASSWORD, loadDemoData } from '../modules/demo/demo.loader.ts';
import { createTestApp, relaxedPolicy, signIn, type TestApp } from '../testing/app.ts';
import { createTestStore, type TestStore } from '../testing/engines.ts';

const PURPOSE = { 'x-purpose': encodeURIComponent('行政许可审查核实主体') };

let store: { store: TestStore; dispose(): Promise<void> };
let t: TestApp;
let person = { code: '', name: '' };
let company = { code: '', name: '' };

before(async () => {
  store = await createTestStore('sqlite');
  t = await createTestApp(store.store, { policy: await relaxedPolicy() });
  await loadDemoData(t.ctx, { persons: 4, organizations: 2 });
  const [p] = await t.ctx.subjects.firstRegistered('person', 1);
  const [o] = await t.ctx.subjects.firstRegistered('organization', 1);
  person = { code: p!.code, name: p!.name };
  company = { code: o!.code, name: o!.name };
});
after(async () => {
  await t.close();
  await store.dispose();
});

type Line = { msg?: string; req?: { route: string | null; path?: string; params?: Record<string, string> } };
const incoming = () =>
  t.logs
    .lines()
    .map((l) => JSON.parse(l) as Line)
    .filter((l) => l.msg === 'incoming request');

it('issue 14 §5: request logs carry the route pattern and keyed digests, never an ID number, a USCC or a name', async () => {
  const staff = { ...(await signIn(t.app, 'demo.center', DEMO_PASSWORD)), ...PURPOSE };
  const fragment = person.name.slice(1); // the given name, as a partial search would send it
  const urls = [
    `/api/v1/codes/${person.code}`,
    `/api/v1/codes/${company.code}`,
    `/api/v1/subjects/${person.code}`,
    `/api/v1/subjects/${person.code}`,
    `/api/v1/subjects/${person.code}/records`,
    `/api/v1/public/subjects/${company.code}`,
    `/api/v1/subjects/search?q=${encodeURIComponent(person.name)}`,
    `/api/v1/subjects/search?q=${encodeURIComponent(fragment)}&kind=person`,
    `/api/v1/regions?${person.code}=1`,
    `/api/v1/no-such-route/${person.code}`,
    `/api/v1/subjects/${person.code}x`,
  ];
  for (const url of urls) await t.app.inject({ method: 'GET', url, headers: staff });
  // no route at all (a GET outside the API's routes is the web application's fallback, `/*`)
  await t.app.inject({ method: 'POST', url: `/api/v1/no-such-route/${person.code}`, headers: staff });
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: person.code, password: person.name },
  });

  const names = [person.name, company.name, fragment];
  assert.deepEqual(t.logs.findings(names), []);
  const lines = t.logs.lines().join('\n');
  for (const value of [person.code, company.code, encodeURIComponent(person.name)]) {
    assert.ok(!lines.includes(value), `${value} in the log`);
  }

  // What the log does say: the pattern, and the same digest for the same code (an operator with the
  // key can follow one subject's requests), another for another code.
  const lookups = incoming().filter((l) => l.req?.route === '/api/v1/subjects/:code');
  assert.equal(lookups.length, 3, JSON.stringify(incoming().map((l) => l.req)));
  const [first, second, third] = lookups.map((l) => l.req?.params?.code);
  assert.match(first ?? '', /^[0-9a-f]{16}$/);
  assert.equal(first, second);
  assert.notEqual(first, third);
  const unmatched = incoming().find((l) => l.req?.route === null);
  assert.match(unmatched?.req?.path ?? '', /^[0-9a-f]{16}$/, 'an unmatched path is digested too');
  const fallback = incoming().find((l) => l.req?.route === '/*');
  assert.match(fallback?.req?.params?.['*'] ?? '', /^[0-9a-f]{16}$/, "the web fallback's path is digested");
});
