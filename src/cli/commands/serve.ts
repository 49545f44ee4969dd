import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createApp } from '../../app/app.ts';
import { type AppContext, createAppContext } from '../../app/context.ts';
import { DEMO_ENVIRONMENT_NOTICE } from '../../modules/access/identity-verification.ts';
import { hasDemoAccounts } from '../../modules/demo/demo.loader.ts';
import { startProcedureScheduler } from '../../modules/procedures/procedure-scheduler.service.ts';
import { pendingSeedChanges, referenceDataStatus } from '../../modules/reference/reference.seed.ts';
import { asDemo, loadConfig, redactUrl } from '../../platform/config.ts';
import { sqliteFileOf } from '../../platform/db/database.ts';
import { tuneForServing } from '../../platform/runtime.ts';
import { noReferenceDataMessage, startupWarnings } from '../startup-checks.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const FEED_RETENTION_MS = 24 * 3600_000;
const FEED_PRUNE_EVERY_MS = 3600_000;

export async function serveCommand(args: string[]): Promise<number> {
  tuneForServing();
  const { values } = parseCommandArgs(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'boolean' },
  });
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port 应为 0–65535 / --port must be 0–65535`);
  }
  // --port and --host stand for PORT and HOST: what depends on the address (the Secure cookie) follows.
  const loaded = loadConfig({
    ...process.env,
    ...(values.port !== undefined ? { PORT: values.port } : {}),
    ...(values.host ? { HOST: values.host } : {}),
  });
  // --demo (what `npm run demo` runs): a demonstration, with the demo verifier, announced everywhere.
  const config = values.demo ? asDemo(loaded) : loaded;
  const ctx = await createAppContext(config);
  // An empty platform is no platform: say what to run instead (issue 14 §0).
  const { missing } = await referenceDataStatus(ctx.store);
  if (missing.length > 0) {
    console.error(noReferenceDataMessage(missing, redactUrl(config.databaseUrl)));
    await ctx.close();
    return 2;
  }
  const sqliteFile = sqliteFileOf(config.databaseUrl);
  const demoAccounts = await hasDemoAccounts(ctx);
  const warnings = startupWarnings({
    sqliteFile,
    sqliteFileMode: sqliteFile && sqliteFile !== ':memory:' ? statSync(sqliteFile).mode : undefined,
    keySource: ctx.keySource,
    demoEnvironment: config.demo,
    demoAccounts,
    admins: (await ctx.auth.accounts.list()).filter((a) => a.role === 'admin' && a.status === 'active')
      .length,
    pendingSeed: await pendingSeedChanges(ctx),
  });
  for (const warning of warnings) console.warn(`⚠ ${warning}`);
  // The check index (decision 0011) is loaded before the port opens: the first check is as fast as any.
  await ctx.checks.warmUp();
  const app = await createApp(ctx, { logger: { level: config.logLevel } });
  const address = await app.listen({ port: config.port, host: config.host });
  console.log(`xinyong ${ctx.version} 已启动 / serving on ${address.replace('127.0.0.1', 'localhost')}`);
  console.log(`  数据库 / database: ${redactUrl(config.databaseUrl)}`);
  console.log(`  政策 / policy: ${ctx.policy.id} ${ctx.policy.version}`);
  console.log(
    existsSync(path.join(config.webDist, 'index.html'))
      ? `  网页应用 / web application: ${address.replace('127.0.0.1', 'localhost')}/`
      : '  网页应用 / web application: 未构建 / not built (npm run web:build)',
  );
  console.log(`  接口文档 / API docs: ${address}/api/docs`);
  console.log(
    `  自助注册 / self-registration: ${ctx.identityVerifier ? ctx.identityVerifier.label : '关闭 / off'}`,
  );
  console.log(
    ctx.audit.anchorLog && config.auditAnchorEverySeconds > 0
      ? `  审计锚点 / audit anchors: 每 ${config.auditAnchorEverySeconds} 秒 / every ${config.auditAnchorEverySeconds} s → ${ctx.audit.anchorLog}`
      : '  审计锚点 / audit anchors: 未按计划写入 / not on a schedule (XINYONG_AUDIT_ANCHOR_FILE, XINYONG_AUDIT_ANCHOR_EVERY)',
  );
  console.log(
    config.proceduresTickEverySeconds > 0
      ? `  程序期限提醒与督办 / procedure reminders and escalations: 每 ${config.proceduresTickEverySeconds} 秒 / every ${config.proceduresTickEverySeconds} s`
      : '  程序期限提醒与督办 / procedure reminders and escalations: 关闭 / off (XINYONG_PROCEDURES_TICK_EVERY; xinyong procedures tick)',
  );
  if (config.demo) {
    console.log(`  ⚠ ${DEMO_ENVIRONMENT_NOTICE.zh}`);
    console.log(`  ⚠ ${DEMO_ENVIRONMENT_NOTICE.en}`);
  }
  // The notification outbox (A4, A11, B26): deliver what is pending now and every few seconds; a
  // notice written just before a crash is delivered by the next start.
  const dispatch = () =>
    ctx.lists.dispatch().catch((error) => app.log.error(error, 'notification dispatch failed'));
  await dispatch();
  const dispatcher = setInterval(dispatch, 5_000);
  dispatcher.unref();
  // The check index's change feed: a day is kept; an index further behind reloads everything.
  const prune = () =>
    ctx.checks
      .pruneFeed(new Date(Date.parse(ctx.now()) - FEED_RETENTION_MS).toISOString())
      .catch((error) => app.log.error(error, 'check feed pruning failed'));
  const pruner = setInterval(prune, FEED_PRUNE_EVERY_MS);
  pruner.unref();
  const anchorer = scheduleHeadAnchors(ctx, config.auditAnchorEverySeconds, (error) =>
    app.log.error(error, 'audit head anchoring failed'),
  );
  // Issue 16: reminders of deadlines due within a working day, escalations of overdue steps to the
  // credit office (decision 0031); with several processes on one PostgreSQL each step fires once.
  const scheduler = startProcedureScheduler(ctx.scheduler, config.proceduresTickEverySeconds, {
    fired: (report) =>
      app.log.info(
        { fired: report.fired.length, unaddressed: report.unaddressed },
        'procedure reminders and escalations sent',
      ),
    error: (error) => app.log.error(error, 'procedure scheduler tick failed'),
  });
  const stop = async () => {
    clearInterval(dispatcher);
    clearInterval(pruner);
    if (anchorer) clearInterval(anchorer);
    await scheduler?.stop();
    await app.close();
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

/**
 * The audit chain's head appended to the external anchor log now and every `seconds` (issue 14 §2):
 * cutting the newest entries off then misses the latest anchor. A head that has not moved since this
 * process last anchored it is not written again. Undefined when there is no log or no schedule.
 */
export function scheduleHeadAnchors(
  ctx: Pick<AppContext, 'audit'>,
  seconds: number,
  onError: (error: unknown) => void,
): NodeJS.Timeout | undefined {
  if (!ctx.audit.anchorLog || seconds <= 0) return undefined;
  let last: { seq: number; hash: string } | undefined;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const head = await ctx.audit.repository.head();
      if (head && last && head.seq === last.seq && head.hash === last.hash) return;
      last = await ctx.audit.anchorHead();
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return timer;
}
