import { Tag } from 'antd';
import type { Procedure } from './api-types.ts';

/**
 * An objection (A16) or a repair (A19, B32) in progress on a record, in the platform's words
 * (异议处理中, 信用修复办理中); nothing when none is.
 */
export function ProcedureTag({ procedure }: { procedure: Procedure }) {
  if (!procedure) return null;
  return (
    // status colours follow the theme's AA tokens (antd's orange preset is below 4.5:1)
    <Tag color={procedure.kind === 'objection' ? 'warning' : 'blue'} className="procedure-tag">
      {procedure.label.zh}
    </Tag>
  );
}
