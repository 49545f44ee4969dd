import { createAppContext } from '../../app/context.ts';
import { cliOperator } from '../../modules/access/actor.ts';
import { loadConfig } from '../../platform/config.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const USAGE = '用法 / usage: xinyong department purposes CODE [--add TEXT]… [--remove TEXT]… [--clear]';

/**
 * `xinyong department purposes CODE`: the purposes (事项) a department registered for its queries
 * (B33, decision 0025). Where it registered some, its callers' `X-Purpose` must be one of them
 * (optionally followed by "：" and the case); `--clear` makes it free text again.
 */
export async function departmentCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    add: { type: 'string', multiple: true },
    remove: { type: 'string', multiple: true },
    clear: { type: 'boolean' },
  });
  const [sub, code, ...extra] = positionals;
  if (sub !== 'purposes' || !code || extra.length > 0) throw new UsageError(USAGE);
  if (values.clear && values.remove)
    throw new UsageError(`--clear 与 --remove 不能同用 / not both\n${USAGE}`);
  const ctx = await createAppContext(loadConfig());
  try {
    const actor = cliOperator();
    if (values.clear || values.remove) {
      const removed = await ctx.departmentPurposes.remove(
        actor,
        code,
        values.clear ? undefined : values.remove,
      );
      for (const p of removed) console.log(`- ${p}`);
    }
    if (values.add) {
      const added = await ctx.departmentPurposes.register(actor, code, values.add);
      for (const p of added) console.log(`+ ${p}`);
    }
    const purposes = await ctx.departmentPurposes.registered(code);
    if (purposes.length === 0)
      console.log(`${code}：未登记事项，查询事由可自由填写 / no registered purposes: free text`);
    else {
      console.log(`${code} 登记的查询事项 / registered purposes:`);
      for (const p of purposes) console.log(`  ${p}`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
