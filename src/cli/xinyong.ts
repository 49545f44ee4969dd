#!/usr/bin/env node
/**
 * `xinyong` — the platform's command line. Each command is a small module under ./commands; this file
 * only dispatches. Exit codes: 0 done, 1 the command ran and found problems (invalid codes, a bad
 * policy file), 2 usage error or failure to run.
 */
import { AppError } from '../platform/errors.ts';
import { apikeyCommand } from './commands/apikey.ts';
import { auditCommand } from './commands/audit.ts';
import { calendarCommand } from './commands/calendar.ts';
import { codesCommand } from './commands/codes.ts';
import { demoCommand } from './commands/demo.ts';
import { importCommand } from './commands/import.ts';
import { initCommand } from './commands/init.ts';
import { migrateCommand } from './commands/migrate.ts';
import { policyCommand } from './commands/policy.ts';
import { serveCommand } from './commands/serve.ts';
import { userCommand } from './commands/user.ts';
import { requireWellFormedArguments, UsageError } from './usage.ts';

export const USAGE = `用法 / usage: xinyong <command>

  serve [--port N] [--host H] [--demo]
                                   启动平台 / start the platform (default port 3000, or PORT);
                                   --demo: 演示环境（演示核验）/ a demo environment (demo verifier)
  migrate                          执行数据库迁移 / run forward migrations
  init                             加载参考数据：地区、部门、名单类型、目录、措施（重复执行不变）
                                   / load the reference data of the policy (idempotent; no subjects, no accounts)
  demo                             init 加上虚构的主体和演示账号（重复执行不变）
                                   / init plus invented subjects and demo accounts (idempotent)
  calendar import FILE             导入年度节假日安排 / import a yearly holiday schedule (JSON)
  calendar years                   列出已加载年份 / list loaded years
  policy check FILE                校验政策文件 / validate a policy file
  codes check CODE…                校验身份代码 / check identity codes
  codes exception add CODE --reason TEXT [--by NAME]
                                   登记校验位例外 / register a real code that fails its check character
  codes exception list             列出例外 / list registered exceptions
  user create --login L --role R --name N [--department CODE | --subject-code CODE] [--password-stdin]
                                   创建账号（不给密码则生成并显示一次）/ create an account
  apikey create --department CODE --permissions p1,p2 --label TEXT [--expires ISO]
                                   签发系统 API 密钥（只显示一次）/ issue a system API key (shown once)
  apikey list | apikey revoke ID | apikey rotate ID
  audit verify [--anchor DAY:SEQ:HASH]… [--anchor-log FILE]
                                   校验审计链，列出全部问题 / verify the audit chain and row digests, every problem
  audit anchor [--day YYYY-MM-DD]  锚定当前链头（外部日志）；--day：某日链头 / anchor the head now; --day: a day's head
  import FILE --item CODE --provider DEPT [--mode accept_valid|all_or_nothing] [--batch-size N] [--restart]
                                   批量导入 xlsx/CSV（可断点续传）/ bulk import, resumable

环境变量 / environment: DATABASE_URL (sqlite:FILE | postgres://…), PORT, HOST, XINYONG_DATA_DIR,
XINYONG_POLICY, XINYONG_DATA_KEY, XINYONG_INDEX_KEY, XINYONG_KEY_FILE, XINYONG_SEAL_ALGORITHM,
XINYONG_COOKIE_SECURE, XINYONG_DEMO, XINYONG_IDENTITY_VERIFIER, XINYONG_TRUST_PROXY,
XINYONG_AUDIT_ANCHOR_FILE, XINYONG_AUDIT_ANCHOR_EVERY, LOG_LEVEL (README: 配置 / Configuration)`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  serve: serveCommand,
  migrate: migrateCommand,
  init: initCommand,
  demo: demoCommand,
  calendar: calendarCommand,
  policy: policyCommand,
  codes: codesCommand,
  audit: auditCommand,
  user: userCommand,
  apikey: apikeyCommand,
  import: importCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`未知命令 / unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  try {
    requireWellFormedArguments(rest);
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AppError) {
      console.error(`错误 ${error.code}：${error.message}\nError ${error.code}: ${error.messageEn}`);
      if (error.details) console.error(JSON.stringify(error.details, null, 2));
      return 2;
    }
    throw error;
  }
}

const code = await main(process.argv.slice(2));
if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
