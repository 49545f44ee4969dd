import { createAppContext } from '../../app/context.ts';
import { cliOperator } from '../../modules/access/actor.ts';
import { loadConfig } from '../../platform/config.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

export async function codesCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    reason: { type: 'string' },
    by: { type: 'string' },
  });
  const [sub, ...rest] = positionals;
  if (sub === 'check' && rest.length > 0) return checkCodes(rest);
  if (sub === 'exception' && rest[0] === 'add' && rest[1]) {
    if (!values.reason) throw new UsageError('--reason 必填 / --reason is required');
    return addException(rest[1], values.reason, values.by ?? process.env.USER ?? 'cli');
  }
  if (sub === 'exception' && rest[0] === 'list') return listExceptions();
  throw new UsageError(
    '用法 / usage: xinyong codes check CODE… | codes exception add CODE --reason TEXT | codes exception list',
  );
}

/** The same answer as the API, registered exceptions included. */
async function checkCodes(codes: string[]): Promise<number> {
  const ctx = await createAppContext(loadConfig());
  let invalid = 0;
  for (const code of codes) {
    const r = await ctx.codes.check(code, ctx.today());
    if (r.valid) {
      const facts = [r.kind, r.region?.fullName, r.birthDate, r.upgraded && `18位 ${r.upgraded}`]
        .filter(Boolean)
        .join('  ');
      console.log(`✔ ${r.normalized}  ${facts}`);
    } else {
      invalid++;
      console.log(`✘ ${code}  ${r.error?.code}: ${r.error?.message} / ${r.error?.messageEn}`);
    }
    for (const w of r.warnings) console.log(`  ! ${w.code}: ${w.message} / ${w.messageEn}`);
  }
  await ctx.close();
  return invalid === 0 ? 0 : 1;
}

async function addException(code: string, reason: string, by: string): Promise<number> {
  const ctx = await createAppContext(loadConfig());
  try {
    const added = await ctx.codes.registerException({ code, reason, registeredBy: by, now: ctx.now() });
    await ctx.audit.record({
      actor: cliOperator(),
      action: 'code_exception.register',
      targetType: 'code_exception',
      targetId: ctx.sealer.blindIndex(added.code),
      result: 'ok',
      detail: { kind: added.kind, reason: added.reason, via: 'cli' },
    });
    console.log(`✔ 已登记例外 / registered: ${added.code} (${added.kind}) — ${added.reason}`);
    return 0;
  } finally {
    await ctx.close();
  }
}

async function listExceptions(): Promise<number> {
  const ctx = await createAppContext(loadConfig());
  try {
    for (const e of await ctx.codes.listExceptions())
      console.log(`${e.code}\t${e.kind}\t${e.registeredBy}\t${e.createdAt}\t${e.reason}`);
    return 0;
  } finally {
    await ctx.close();
  }
}
