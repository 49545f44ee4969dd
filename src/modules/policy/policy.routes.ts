import type { HttpApp } from '../../platform/http/server.ts';
import type { Policy } from './index.ts';
import { PolicyResponse } from './policy.api.ts';

export type PolicyRoutesDeps = { policy: Policy; policyFingerprint: string };

export function policyRoutes(ctx: PolicyRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/policy',
      {
        schema: {
          tags: ['reference'],
          summary: '当前政策参数 / the active policy (periods, deadlines, counts)',
          description:
            '平台所有期限、时限与次数均来自此政策文件；每项决定记录所依据的政策编号与版本。\n' +
            'Every period, deadline and count the platform applies comes from this policy; decisions record its id and version.',
          response: { 200: PolicyResponse },
        },
        config: { access: { kind: 'public', reason: 'the rules applied are public (A7 objectivity)' } },
      },
      async () => ({
        id: ctx.policy.id,
        version: ctx.policy.version,
        digest: ctx.policyFingerprint,
        policy: ctx.policy as unknown as Record<string, unknown>,
      }),
    );
  };
}
