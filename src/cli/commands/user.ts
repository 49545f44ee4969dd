import { randomBytes } from 'node:crypto';
import { createAppContext } from '../../app/context.ts';
import { cliOperator } from '../../modules/access/actor.ts';
import { purposeStated } from '../../modules/access/authorize.ts';
import { loadConfig } from '../../platform/config.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const USAGE =
  '用法 / usage: xinyong user create --login L --role R --name NAME [--department CODE | --subject-code CODE --purpose TEXT] [--password-stdin]';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Creates an account. Without --password-stdin a strong password is generated and printed once. */
export async function userCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    login: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    department: { type: 'string' },
    'subject-code': { type: 'string' },
    purpose: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  if (positionals[0] !== 'create' || !values.login || !values.role || !values.name)
    throw new UsageError(USAGE);
  // An account acting for a subject opens its whole file: a stated purpose, shown to the subject.
  if (values.role === 'subject' && !purposeStated(values.purpose))
    throw new UsageError(
      `--role subject 须说明用途 --purpose（至少 4 个字）/ --role subject needs --purpose (4+ characters)\n${USAGE}`,
    );
  const generated = !values['password-stdin'];
  const password = generated ? `${randomBytes(12).toString('base64url')}-Xy9` : await readStdin();
  const ctx = await createAppContext(loadConfig());
  try {
    const operator = cliOperator();
    const account = await ctx.accountsAdmin.createAccount(
      {
        login: values.login,
        displayName: values.name,
        role: values.role,
        departmentCode: values.department,
        subjectCode: values['subject-code'],
        password,
      },
      { actor: operator, via: 'operator', purpose: values.purpose },
    );
    await ctx.audit.record({
      actor: operator,
      purpose: values.purpose,
      action: 'account.create',
      targetType: 'account',
      targetId: account.id,
      result: 'ok',
      detail: {
        via: 'cli',
        login: account.login,
        role: account.role,
        departmentCode: account.departmentCode,
      },
    });
    console.log(`✔ 已创建账号 / account created: ${account.login} (${account.role})`);
    if (generated) console.log(`  初始密码（只显示这一次）/ initial password (shown once): ${password}`);
    return 0;
  } finally {
    await ctx.close();
  }
}
