import { badRequest } from '../../platform/errors.ts';
import { type Actor, actorDepartment, actorId, actorRole } from '../access/actor.ts';

/**
 * A procedure's required text field, trimmed: `<PREFIX>_FIELD_MISSING` when empty,
 * `<PREFIX>_FIELD_TOO_LONG` past `max` characters, each naming the field in Chinese and English.
 */
export function requiredText(prefix: 'OBJECTION' | 'REPAIR') {
  return (value: string | undefined, field: string, zh: string, max: number): string => {
    const trimmed = (value ?? '').trim();
    if (trimmed === '') {
      throw badRequest(`${prefix}_FIELD_MISSING`, `请填写${zh}（${field}）`, `Fill in ${field}`, { field });
    }
    if (trimmed.length > max) {
      throw badRequest(
        `${prefix}_FIELD_TOO_LONG`,
        `${zh}（${field}）最多 ${max} 个字符`,
        `${field} may have at most ${max} characters`,
        { field, max },
      );
    }
    return trimmed;
  };
}

/** Who took a step, as its row records it. */
export type StepActor = { actor_id: string | null; actor_role: string; actor_department: string | null };

export const stepActorOf = (actor: Actor): StepActor => ({
  actor_id: actorId(actor),
  actor_role: actorRole(actor),
  actor_department: actorDepartment(actor),
});
