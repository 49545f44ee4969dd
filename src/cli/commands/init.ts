import { createAppContext } from '../../app/context.ts';
import { cliOperator } from '../../modules/access/actor.ts';
import { loadReferenceData, referenceDataStatus } from '../../modules/reference/reference.seed.ts';
import { loadConfig, redactUrl } from '../../platform/config.ts';
import { parseCommandArgs } from '../usage.ts';

/**
 * `xinyong init`: the reference data of the configured policy (regions, departments, list types,
 * catalog, measures; modules/reference), for a real deployment. No subject and no account: it ends by
 * saying how to create the first administrator. Running it again changes nothing.
 */
export async function initCommand(args: string[]): Promise<number> {
  parseCommandArgs(args, {});
  const config = loadConfig();
  const ctx = await createAppContext(config);
  try {
    const added = await loadReferenceData(ctx);
    const total = added.regions + added.departments + added.listTypes + added.catalogItems + added.measures;
    if (total + added.measuresUpdated + added.catalogItemsCorrected > 0) {
      await ctx.audit.record({
        actor: cliOperator(),
        action: 'reference.load',
        targetType: 'reference',
        result: 'ok',
        detail: { via: 'cli', policy: ctx.policy.id, ...added },
      });
    }
    const { counts } = await referenceDataStatus(ctx.store);
    console.log(
      `✔ 参考数据 / reference data (${redactUrl(config.databaseUrl)}; ${ctx.policy.id} ${ctx.policy.version}): ` +
        `新增 / added ${added.regions} regions, ${added.departments} departments, ${added.listTypes} list types, ` +
        `${added.catalogItems} catalog items, ${added.measures} measures` +
        (added.measuresUpdated > 0 ? ` (${added.measuresUpdated} seed measures updated)` : '') +
        (added.catalogItemsCorrected > 0
          ? `; 更正 / corrected ${added.catalogItemsCorrected} seed catalog items`
          : '') +
        `\n  共有 / in the database: ${counts.regions} regions, ${counts.departments} departments, ` +
        `${counts.listTypes} list types, ${counts.catalogItems} catalog items, ${counts.measures} measures; ` +
        `${added.scenarios} business scenarios (built in)`,
    );
    const accounts = await ctx.auth.accounts.list();
    if (!accounts.some((a) => a.role === 'admin')) {
      const [center] = await ctx.departments.list({ kind: 'credit_center' });
      console.log(
        [
          '',
          '下一步：创建第一个管理员账号（不给 --password-stdin 时生成密码并只显示这一次）',
          'Next: create the first administrator (without --password-stdin a password is generated and shown once):',
          '',
          `  xinyong user create --login admin --role admin --name 平台管理员 --department ${center?.code ?? '<CODE>'}`,
          `  printf '%s' "$PASSWORD" | xinyong user create --login admin --role admin --name 平台管理员 --department ${center?.code ?? '<CODE>'} --password-stdin`,
          '',
          '然后启动 / then start:  xinyong serve',
        ].join('\n'),
      );
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
