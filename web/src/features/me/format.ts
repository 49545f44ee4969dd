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
