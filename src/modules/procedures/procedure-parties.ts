import { type Actor, actorDepartment } from '../access/actor.ts';

/** What an objection or repair says about who may take part: its subject and its record's provider. */
export type ProcedureRow = { subject_id: string; provider_department: string };

/**
 * The party an actor is in a subject's procedure on a record — the subject's own account, the credit
 * center, the record's provider (staff, or a system key that writes records) — or null. The credit
 * office's part (appeals) is the objection procedure's own.
 */
export function baseParty(actor: Actor, row: ProcedureRow): 'subject' | 'center' | 'provider' | null {
  if (actor.kind === 'account' && actor.role === 'subject') {
    return actor.subjectId === row.subject_id ? 'subject' : null;
  }
  if (actor.kind === 'account' && actor.role === 'center_staff') return 'center';
  if (
    (actor.kind === 'account' && actor.role === 'provider_staff') ||
    (actor.kind === 'system' && actor.permissions.includes('records.write'))
  ) {
    return actorDepartment(actor) === row.provider_department ? 'provider' : null;
  }
  return null;
}

/**
 * Who may read a procedure: the credit center and office (city-wide), the subject's own accounts, and
 * the record's provider (staff or system, whatever else it may do). Everyone else is told it does not
 * exist (404).
 */
export function mayReadProcedure(actor: Actor, row: ProcedureRow): boolean {
  if (actor.kind === 'account' && (actor.role === 'center_staff' || actor.role === 'credit_office'))
    return true;
  if (actor.kind === 'account' && actor.role === 'subject') return actor.subjectId === row.subject_id;
  return actor.kind !== 'anonymous' && actorDepartment(actor) === row.provider_department;
}
