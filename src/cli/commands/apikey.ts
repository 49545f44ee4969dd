import { createAppContext } from '../../app/context.ts';
import { cliOperator } from '../../modules/access/actor.ts';
import { loadConfig } from '../../platform/config.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const USAGE =
  '用法 / usage: xinyong apikey create --department CODE --permissions p1,p2 --label TEXT [--expires INSTANT|DATE] | apikey list | apikey revoke ID | apikey rotate ID';

/** API keys for department systems; the full key is printed once and never stored. */
export async function apikeyCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    department: { type: 'string' },
    permissions: { type: 'string' },
    label: { type: 'string' },
    expires: { type: 'string' },
  });
  const [sub, id] = positionals;
  if (sub === 'create' && (!values.department || !values.permissions || !values.label))
    throw new UsageError(USAGE);
  if ((sub === 'revoke' || sub === 'rotate') && !id) throw new UsageError(USAGE);
  if (!['create', 'list', 'revoke', 'rotate'].includes(sub ?? '')) throw new UsageError(USAGE);
  const ctx = await createAppContext(loadConfig());
  const cli = { actor: cliOperator(), targetType: 'api_key', result: 'ok' as const };
  try {
    if (sub === 'list') {
      for (const k of await ctx.auth.apiKeys.list()) {
        const state = k.revokedAt ? `revoked ${k.revokedAt}` : `expires ${k.expiresAt ?? 'never'}`;
        console.log(`${k.id}\t${k.departmentCode}\t${k.permissions.join(',')}\t${state}\t${k.label}`);
      }
      return 0;
    }
    if (sub === 'revoke') {
      const revoked = await ctx.auth.apiKeys.revoke(id!, ctx.now());
      await ctx.audit.record({
        ...cli,
        action: 'apikey.revoke',
        targetId: id,
        detail: { via: 'cli' },
        result: revoked ? 'ok' : 'error',
      });
      console.log(revoked ? `✔ 已吊销 / revoked ${id}` : `✘ 没有有效的密钥 ${id} / no live key ${id}`);
      return revoked ? 0 : 1;
    }
    const issued =
      sub === 'rotate'
        ? await ctx.accountsAdmin.rotateApiKey(id!, 'cli')
        : await ctx.accountsAdmin.issueApiKey({
            departmentCode: values.department!,
            permissions: values.permissions!.split(',').map((p) => p.trim()),
            label: values.label!,
            createdBy: 'cli',
            expiresAt: values.expires,
          });
    await ctx.audit.record({
      ...cli,
      action: sub === 'rotate' ? 'apikey.rotate' : 'apikey.issue',
      targetId: issued.id,
      detail: { via: 'cli' },
    });
    console.log(`✔ API 密钥 / API key ${issued.id}, 有效至 / expires ${issued.expiresAt}`);
    console.log(`  ${issued.key}`);
    console.log('  完整密钥只显示这一次，请妥善保存 / the full key is shown this once only; store it safely');
    return 0;
  } finally {
    await ctx.close();
  }
}
