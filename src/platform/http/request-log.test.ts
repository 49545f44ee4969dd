import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createHttpServer, type HttpApp } from './server.ts';

async function serverLogging(logDigest?: (value: string) => string) {
  const lines: string[] = [];
  const app: HttpApp = await createHttpServer({
    version: 't',
    permissions: [],
    logger: { level: 'trace', stream: { write: (line: string) => lines.push(line) } },
    ...(logDigest ? { logDigest } : {}),
    routes: [
      (http) =>
        http.get('/things/:id', { config: { access: { kind: 'public', reason: 'test' } } }, async () => 'ok'),
    ],
  });
  await app.ready();
  await app.inject({ method: 'GET', url: '/things/secret-1?name=secret-2&secret-3=x' });
  await app.inject({ method: 'GET', url: '/elsewhere/secret-4' });
  await app.close();
  const requests = lines
    .map((l) => JSON.parse(l) as { msg: string; req?: Record<string, unknown> })
    .filter((l) => l.msg === 'incoming request')
    .map((l) => l.req);
  return { text: lines.join('\n'), requests };
}

it('issue 14 §5: a request log line names the route pattern and digests of the values, never the URL as sent', async () => {
  const { text, requests } = await serverLogging((v) => `d${v.length}`);
  for (const secret of ['secret-1', 'secret-2', 'secret-3', 'secret-4'])
    assert.ok(!text.includes(secret), secret);
  assert.deepEqual(requests[0], {
    method: 'GET',
    route: '/things/:id',
    params: { id: 'd8' },
    query: { name: 'd8', '#d8': 'd1' },
    remoteAddress: '127.0.0.1',
  });
  // No route matched: the path, and the catch-all parameter, are digested.
  assert.deepEqual(requests[1], {
    method: 'GET',
    route: null,
    path: 'd19',
    params: { '*': 'd18' },
    remoteAddress: '127.0.0.1',
  });
});

it('issue 14 §5: without a digest the values are left out', async () => {
  const { text, requests } = await serverLogging();
  for (const secret of ['secret-1', 'secret-2', 'secret-3', 'secret-4'])
    assert.ok(!text.includes(secret), secret);
  assert.deepEqual(requests[0]?.params, { id: '…' });
});
