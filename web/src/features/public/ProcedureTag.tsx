import { Tag } from 'antd';
import type { Procedure } from './api-types.ts';

/**
 * An objection (A16) or a repair (A19, B32) in progress on a record, in the platform's words
 * (异议处理中, 信用修复办理中); nothing when none is.
 */
export function ProcedureTag({ procedure }: { procedure: Procedure }) {
  if (!procedure) return null;
  return (
    // colours of our own (public.css): antd's preset and status tag colours fall below 4.5:1
    <Tag className={`procedure-tag ${procedure.kind === 'objection' ? 'tag-warn' : 'tag-info'}`}>
      {procedure.label.zh}
    </Tag>
  );
}
