/**
 * The objection procedure as a step source of the scheduler (decision 0031): an open objection's open
 * steps that have a deadline (the appeal's decision has none: nothing to remind of or escalate), with
 * who must act and a step key stable across ticks. Pure.
 */
import { type ObjectionStatus, OPEN_STATES, type StepName } from './objection-procedure.ts';
import type { ObjectionRow } from './objections.repository.ts';
import { type OpenStep, openStepsOf } from './procedure-steps.ts';

export const OBJECTION_STEP_LABELS: Record<StepName, { zh: string; en: string }> = {
  review: { zh: '审核', en: 'review' },
  verification: { zh: '核实', en: 'verification' },
  correction: { zh: '更正', en: 'correction' },
  appeal: { zh: '申诉决定', en: 'appeal decision' },
};

const PROCEDURE_LABEL = { zh: '异议处理', en: 'Objection' };

export function objectionOpenSteps(
  row: Pick<ObjectionRow, 'id' | 'record_id' | 'provider_department' | 'subject_id' | 'entry_id'>,
  status: Pick<ObjectionStatus, 'state' | 'steps'>,
): OpenStep[] {
  if (!OPEN_STATES.includes(status.state)) return [];
  return openStepsOf(
    { kind: 'objection', label: PROCEDURE_LABEL, stepLabels: OBJECTION_STEP_LABELS, idKey: 'objectionId' },
    row,
    status.steps,
  );
}
