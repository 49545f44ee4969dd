/**
 * The repair procedure as a step source of the scheduler (decision 0031): an open repair's open steps
 * (the provider's opinion, its verification of an objection to the notice, the center's adoption), with
 * who must act and a step key stable across ticks (the adoption's names the day it opened: a late
 * verification of an objection to the notice re-opens it with a new deadline). Pure.
 */
import { type OpenStep, openStepsOf } from './procedure-steps.ts';
import { REPAIR_OPEN_STATES, type RepairStatus, type RepairStepName } from './repair-procedure.ts';
import type { RepairRow } from './repairs.repository.ts';

export const REPAIR_STEP_LABELS: Record<RepairStepName, { zh: string; en: string }> = {
  opinion: { zh: '出具修复意见', en: 'repair opinion' },
  notice_verification: { zh: '核实公示期间的异议', en: 'verification of an objection to the notice' },
  adoption: { zh: '采纳决定', en: 'adoption decision' },
};

const PROCEDURE_LABEL = { zh: '信用修复', en: 'Credit repair' };

export function repairOpenSteps(
  row: Pick<RepairRow, 'id' | 'record_id' | 'provider_department' | 'subject_id' | 'entry_id'>,
  status: Pick<RepairStatus, 'state' | 'steps'>,
): OpenStep[] {
  if (!REPAIR_OPEN_STATES.includes(status.state)) return [];
  // While an objection to the notice is being verified the center cannot adopt: its step waits (and
  // re-opens with a new deadline once verified late, keyed by the day it opened so that one fires too).
  const steps =
    status.state === 'notice_objection' ? status.steps.filter((s) => s.step !== 'adoption') : status.steps;
  return openStepsOf(
    {
      kind: 'repair',
      label: PROCEDURE_LABEL,
      stepLabels: REPAIR_STEP_LABELS,
      idKey: 'repairId',
      keyOf: (key, s) => (s.step === 'adoption' ? `${key}@${s.opened}` : key),
    },
    row,
    steps,
  );
}
