/**
 * Several modules add to intake (the lists module: A4 refusals, list entries; the procedures module:
 * an objection closed by its correction). Their hooks run in the order given, inside the batch's
 * transaction: refusals are merged (a row keeps every module's reasons), `written` hooks run one after
 * the other (the lists first, so a correction's entry is updated before its objection flag is cleared)
 * and their row warnings are merged.
 */
import type { RowError } from '../catalog/index.ts';
import type { IntakeHooks } from './intake.types.ts';

export function combineIntakeHooks(...hooks: IntakeHooks[]): IntakeHooks {
  return {
    async refuse(trx, rows, today) {
      const merged = new Map<number, RowError[]>();
      for (const h of hooks) {
        if (!h.refuse) continue;
        for (const [index, errors] of await h.refuse(trx, rows, today)) {
          merged.set(index, [...(merged.get(index) ?? []), ...errors]);
        }
      }
      return merged;
    },
    async written(trx, written, batch) {
      const warnings = new Map<number, RowError[]>();
      for (const h of hooks) {
        const added = await h.written?.(trx, written, batch);
        for (const [index, list] of added ?? [])
          warnings.set(index, [...(warnings.get(index) ?? []), ...list]);
      }
      return warnings;
    },
  };
}
