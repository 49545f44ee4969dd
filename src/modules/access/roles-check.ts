import type { Actor } from './actor.ts';
import { type Permission, ROLE_PERMISSIONS } from './roles.ts';

/** Whether the actor's role (account) or key (system) grants a permission; the public has none. */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'account') return ROLE_PERMISSIONS[actor.role].includes(permission);
  if (actor.kind === 'system') return actor.permissions.includes(permission);
  return false;
}
