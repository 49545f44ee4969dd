/**
 * How the subject's pages write what the API gives: instants in China time (the platform's dates are
 * China dates; a phone abroad still reads the time the platform acted), sizes in words.
 */
import { chinaTime } from '../public/format.ts';

/** An ISO instant as 北京时间 "2026-12-08 13:05", written as the portal writes it. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : chinaTime(iso);
}

/**
 * The last day of a period that ends at an instant — a consent's `expiresAt` is the end of its last
 * China day (the next day's 00:00) — as the China date the grantor chose: "2027-12-08".
 */
export function lastChinaDay(endsAt: string): string {
  const instant = new Date(endsAt).getTime();
  if (Number.isNaN(instant)) return endsAt;
  return chinaTime(new Date(instant - 1).toISOString()).slice(0, 10);
}

/** "有效至 2027-12-08（含当日）": a consent's period as the grantor chose it. */
export const validThrough = (endsAt: string) => `${lastChinaDay(endsAt)}（含当日）`;

/** A size in bytes as "12 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A path inside the app, or undefined: `next` never leads to another site (//evil.example). */
export function safeNext(next: string | null): string | undefined {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  return next;
}
