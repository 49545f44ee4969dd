/**
 * The repair procedure as a step source of the scheduler (decision 0031): an open repair's open steps
 * (the provider's opinion, its verification of an objection to the notice, the center's adoption), with
 * who must act and a step key stable across ticks. Pure.
 */
import { type OpenStep, stepKeys } from './procedure-steps.ts';
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
  const keys = stepKeys(status.steps.map((s) => s.step));
  const out: OpenStep[] = [];
  for (const [i, s] of status.steps.entries()) {
    if (s.closed !== null) continue;
    out.push({
      procedure: 'repair',
      procedureId: row.id,
      stepKey: keys[i]!,
      step: s.step,
      party: s.party,
      partyDepartment: s.party === 'provider' ? row.provider_department : null,
      article: s.article,
      opened: s.opened,
      due: s.due,
      provisional: s.provisional,
      labels: { procedure: PROCEDURE_LABEL, step: REPAIR_STEP_LABELS[s.step] },
      subjectId: row.subject_id,
      entryId: row.entry_id,
      refs: { repairId: row.id, recordId: row.record_id },
    });
  }
  return out;
}
