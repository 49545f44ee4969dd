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
import { departmentCommand } from './commands/department.ts';
import { importCommand } from './commands/import.ts';
import { initCommand } from './commands/init.ts';
import { migrateCommand } from './commands/migrate.ts';
import { objectionsCommand } from './commands/objections.ts';
import { policyCommand } from './commands/policy.ts';
import { proceduresCommand } from './commands/procedures.ts';
import { serveCommand } from './commands/serve.ts';
import { userCommand } from './commands/user.ts';
import { isHelp, requireWellFormedArguments, UsageError, usageOf } from './usage.ts';

export const USAGE = `用法 / usage: xinyong <command>

  serve [--port N] [--host H] [--demo]
                                   启动平台 / start the platform (default port 3000, or PORT);
                                   --demo: 演示环境（演示核验）/ a demo environment (demo verifier)
  migrate                          执行数据库迁移 / run forward migrations
  init                             加载参考数据：地区、部门、名单类型、目录、措施（重复执行不变）
                                   / load the reference data of the policy (idempotent; no subjects, no accounts)
  demo                             参考数据（同 init）加上虚构的主体和演示账号（重复执行不变）
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
  apikey create --department CODE --permissions p1,p2 --label TEXT [--expires INSTANT|DATE]
                                   签发系统 API 密钥（只显示一次）/ issue a system API key (shown once);
                                   到期 / expiry: 2027-06-30T00:00:00+08:00, or 2027-06-30 (00:00 China time)
  apikey list                      列出密钥 / list keys
  apikey revoke ID                 吊销密钥 / revoke a key
  apikey rotate ID                 轮换密钥 / rotate a key (the old one is revoked)
  audit verify [--anchor DAY:SEQ:HASH]… [--anchor-log FILE]
                                   校验审计链，列出全部问题 / verify the audit chain and row digests, every problem
  audit anchor [--day YYYY-MM-DD]  锚定当前链头（外部日志）；--day：某日链头 / anchor the head now; --day: a day's head
  department purposes CODE [--add TEXT]… [--remove TEXT]… [--clear]
                                   部门登记的查询事项（X-Purpose 须为其一）/ a department's registered purposes
  import FILE --item CODE --provider DEPT [--mode accept_valid|all_or_nothing] [--batch-size N] [--restart]
                                   批量导入 xlsx/CSV（可断点续传）/ bulk import, resumable
  objections overdue [--department CODE]
                                   列出超期的异议处理步骤 / list overdue objection steps (A16)
  procedures stats (--quarter 2026Q4|--from DATE --to DATE) [--json]
                                   各部门异议、信用修复及按期办结率 / objections and repairs per department,
                                   outcomes and share of steps on time (A21, B35)
  procedures tick                  程序期限提醒与超期督办执行一次（供 cron）/ send due reminders and overdue
                                   escalations once (for cron; serve does it every XINYONG_PROCEDURES_TICK_EVERY s)

环境变量 / environment: DATABASE_URL (sqlite:FILE | postgres://…), PORT, HOST, XINYONG_DATA_DIR,
XINYONG_POLICY, XINYONG_DATA_KEY, XINYONG_INDEX_KEY, XINYONG_KEY_FILE, XINYONG_SEAL_ALGORITHM,
XINYONG_COOKIE_SECURE, XINYONG_DEMO, XINYONG_IDENTITY_VERIFIER, XINYONG_TRUST_PROXY,
XINYONG_AUDIT_ANCHOR_FILE, XINYONG_AUDIT_ANCHOR_EVERY, XINYONG_PROCEDURES_TICK_EVERY,
XINYONG_UPLOAD_MAX_ROWS, XINYONG_UPLOAD_MAX_UNPACKED_MB, LOG_LEVEL (README: 配置 / Configuration)`;

export const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
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
  department: departmentCommand,
  objections: objectionsCommand,
  procedures: proceduresCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || isHelp(name)) {
    // `xinyong help CMD [SUB]`: that command's usage.
    const asked =
      name === 'help' && rest[0] && COMMANDS[rest[0]] ? usageOf(USAGE, rest[0], rest.slice(1)) : undefined;
    console.log(asked ?? USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`未知命令 / unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  // `xinyong CMD [SUB] --help`: the command's own usage, exit 0, and nothing run (issue 14 §6).
  if (rest.some(isHelp)) {
    const words = rest.slice(
      0,
      rest.findIndex((a) => a.startsWith('-')),
    );
    console.log(usageOf(USAGE, name, words) ?? USAGE);
    return 0;
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

/** The command line of this process (bin/xinyong.js, `node src/cli/xinyong.ts`). */
export async function run(): Promise<void> {
  const code = await main(process.argv.slice(2));
  if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
}

// Imported by bin/xinyong.js (which calls run) or by a test (which calls main): nothing runs.
if (import.meta.main) await run();
