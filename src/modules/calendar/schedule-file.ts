import { z } from 'zod';
import { joinPath, type ScheduleError, validateSchedule, type YearSchedule } from './schedule.ts';

/**
 * Reads an administrator's schedule file (format in README.md): one year object, an array of them, or
 * `{ "schedules": [...] }`. The shape is checked with zod, then the calendar rules by validateSchedule.
 * Unknown fields are rejected so that a misspelt `makeupWorkday` cannot silently drop the makeup days.
 */
const MAX_SCHEDULES_PER_FILE = 100;

const entry = z.strictObject({ date: z.string(), name: z.string() });
const yearShape = z.strictObject({
  $comment: z.string().optional(),
  year: z.number(),
  source: z.string(),
  holidays: z.array(entry).max(366),
  makeupWorkdays: z.array(entry).max(366),
});
const wrapperShape = z.strictObject({
  $comment: z.string().optional(),
  schedules: z.array(z.unknown()).max(MAX_SCHEDULES_PER_FILE),
});

export type ParseScheduleResult =
  | { ok: true; schedules: YearSchedule[] }
  | { ok: false; errors: ScheduleError[] };

export function parseScheduleFile(json: unknown): ParseScheduleResult {
  const errors: ScheduleError[] = [];
  let items: unknown[];
  let pathOf: (i: number) => string;
  if (Array.isArray(json)) {
    if (json.length > MAX_SCHEDULES_PER_FILE) return { ok: false, errors: [tooMany('')] };
    items = json;
    pathOf = (i) => `[${i}]`;
  } else if (isPlainObject(json) && 'schedules' in json) {
    const wrapper = wrapperShape.safeParse(json, { reportInput: true });
    if (!wrapper.success)
      return { ok: false, errors: wrapper.error.issues.flatMap((i) => fromZodIssue(i, '')) };
    items = wrapper.data.schedules;
    pathOf = (i) => `schedules[${i}]`;
  } else if (isPlainObject(json)) {
    items = [json];
    pathOf = () => '';
  } else {
    return {
      ok: false,
      errors: [
        {
          code: 'CALENDAR_FILE_INVALID',
          message: '文件内容应为一个年度安排对象、其数组，或 { "schedules": [...] }',
          messageEn: 'the file must hold a year object, an array of them, or { "schedules": [...] }',
          path: '',
        },
      ],
    };
  }
  if (items.length === 0) {
    errors.push({
      code: 'CALENDAR_FILE_EMPTY',
      message: '文件中没有年度安排',
      messageEn: 'the file holds no year schedule',
      path: '',
    });
  }

  const schedules: YearSchedule[] = [];
  const yearAt = new Map<number, string>();
  items.forEach((item, i) => {
    const prefix = pathOf(i);
    const shaped = yearShape.safeParse(item, { reportInput: true });
    if (!shaped.success) {
      errors.push(...shaped.error.issues.flatMap((issue) => fromZodIssue(issue, prefix)));
      return;
    }
    const { $comment: _ignored, ...input } = shaped.data;
    const checked = validateSchedule(input, prefix);
    errors.push(...checked.errors);
    const first = yearAt.get(input.year);
    if (first !== undefined) {
      errors.push({
        code: 'CALENDAR_YEAR_DUPLICATE',
        message: `${input.year} 年在文件中出现两次（已见于 ${first}）`,
        messageEn: `year ${input.year} appears twice in the file (already at ${first})`,
        path: joinPath(prefix, 'year'),
      });
    } else {
      yearAt.set(input.year, joinPath(prefix, 'year'));
    }
    schedules.push(checked.schedule);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, schedules };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function tooMany(path: string): ScheduleError {
  return {
    code: 'CALENDAR_FILE_INVALID',
    message: `一个文件最多 ${MAX_SCHEDULES_PER_FILE} 个年度安排`,
    messageEn: `a file holds at most ${MAX_SCHEDULES_PER_FILE} year schedules`,
    path,
  };
}

const TYPE_NAMES_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  boolean: '布尔值',
  array: '数组',
  object: '对象',
  null: 'null',
};
const zhType = (t: string) => TYPE_NAMES_ZH[t] ?? t;
const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** `['holidays', 3, 'date']` -> `holidays[3].date`. */
function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (path, s) => (typeof s === 'number' ? `${path}[${s}]` : joinPath(path, String(s))),
    '',
  );
}

function fromZodIssue(issue: z.core.$ZodIssue, prefix: string): ScheduleError[] {
  const path = joinPath(prefix, formatPath(issue.path));
  const invalid = (message: string, messageEn: string, at = path): ScheduleError => ({
    code: 'CALENDAR_FILE_INVALID',
    message,
    messageEn,
    path: at,
  });
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return [invalid('缺少必填字段', 'required field is missing')];
      return [
        invalid(
          `类型错误：应为${zhType(issue.expected)}，实际为${zhType(typeName(issue.input))}`,
          `expected ${issue.expected}, got ${typeName(issue.input)}`,
        ),
      ];
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        invalid(`不允许的字段：${key}`, `unknown field ${JSON.stringify(key)}`, joinPath(path, key)),
      );
    case 'too_big':
      return [invalid(`条目过多（最多 ${issue.maximum} 条）`, `too many entries (at most ${issue.maximum})`)];
    default:
      return [invalid('格式错误', issue.message)];
  }
}
