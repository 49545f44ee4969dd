/**
 * Display only: how the portal writes what the API answered (the values themselves are the server's).
 */
const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant (ISO 8601 UTC) as Huai'an reads it: 2026-11-26 10:00. */
export function chinaTime(instant: string): string {
  const parts = Object.fromEntries(CHINA_TIME.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A record field's value as text: 是/否 for yes/no, numbers as written, lists joined. */
export function fieldText(value: unknown): string {
  if (value === true) return '是';
  if (value === false) return '否';
  if (Array.isArray(value)) return value.map(fieldText).join('、');
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
