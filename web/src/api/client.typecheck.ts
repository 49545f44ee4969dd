/**
 * Compiled by `npm run typecheck`, never run: openapi-fetch's types over openapi-typescript 6's output
 * (decision 0039) type paths, parameters, bodies and answers — a wrong one does not compile.
 */
import { api, data } from './client.ts';

export async function clientIsTyped(): Promise<void> {
  const health = await data(api.GET('/api/health'));
  const demo: boolean = health.demo;
  const code = await data(
    api.GET('/api/v1/codes/{code}', { params: { path: { code: '320802199001011234' } } }),
  );
  const me = await data(api.POST('/api/v1/auth/login', { body: { login: 'demo.person', password: '…' } }));
  const token: string | undefined = me.csrfToken;
  // @ts-expect-error a path the server does not have
  await api.GET('/api/v1/no-such-path');
  // @ts-expect-error a body without its required field
  await api.POST('/api/v1/auth/login', { body: { login: 'demo.person' } });
  // @ts-expect-error a path parameter left out
  await api.GET('/api/v1/codes/{code}', {});
  void [demo, code, token];
}
