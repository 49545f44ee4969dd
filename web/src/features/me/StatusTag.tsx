import type { ReactNode } from 'react';
import './status-tag.css';

/** The tones a state may take; each is dark text on a light ground, at least 4.5:1 (WCAG AA). */
export type Tone =
  | 'green'
  | 'red'
  | 'orange'
  | 'blue'
  | 'gray'
  | 'purple'
  | 'gold'
  | 'cyan'
  | 'volcano'
  | 'geekblue';

/**
 * A short state in words ("有效", "异议处理中", "已逾期"). antd's preset tag colours fall below AA
 * contrast (green on pale green is about 3:1), so the pages use these.
 */
export function StatusTag({ tone = 'gray', children }: { tone?: Tone | undefined; children: ReactNode }) {
  return <span className={`status-tag status-tag-${tone}`}>{children}</span>;
}
