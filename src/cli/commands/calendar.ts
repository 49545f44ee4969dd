import { readFile } from 'node:fs/promises';
import { createAppContext } from '../../app/context.ts';
import { cliOperator } from '../../modules/access/actor.ts';
import { parseScheduleFile } from '../../modules/calendar/index.ts';
import { loadConfig } from '../../platform/config.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

export async function calendarCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, { by: { type: 'string' } });
  const [sub, file] = positionals;
  if (sub === 'import' && file) return importSchedule(file, values.by ?? process.env.USER ?? 'cli');
  if (sub === 'years') return listYears();
  throw new UsageError('用法 / usage: xinyong calendar import FILE | xinyong calendar years');
}

async function importSchedule(file: string, by: string): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    console.error(`✘ ${file}: 无法读取或不是 JSON / cannot read or not JSON: ${(error as Error).message}`);
    return 1;
  }
  const parsed = parseScheduleFile(json);
  if (!parsed.ok) {
    console.error(`✘ ${file}: 节假日安排文件有误 / the schedule file has errors:`);
    for (const e of parsed.errors) console.error(`  - ${e.path}: ${e.message} / ${e.messageEn}`);
    return 1;
  }
  const ctx = await createAppContext(loadConfig());
  try {
    const years = await ctx.calendar.importSchedules(parsed.schedules, by, ctx.now());
    await ctx.audit.record({
      actor: cliOperator(),
      action: 'calendar.import',
      targetType: 'calendar_year',
      targetId: years.join(','),
      result: 'ok',
      detail: { years, sources: parsed.schedules.map((s) => s.source), via: 'cli' },
    });
    console.log(
      `✔ 已导入 / imported: ${years.join(', ')}（运行中的服务重启后生效 / a running server picks it up on restart）`,
    );
    return 0;
  } finally {
    await ctx.close();
  }
}

async function listYears(): Promise<number> {
  const ctx = await createAppContext(loadConfig());
  try {
    for (const y of ctx.calendar.years()) console.log(`${y.year}\t${y.origin}\t${y.source}`);
    return 0;
  } finally {
    await ctx.close();
  }
}
