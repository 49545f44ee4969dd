import type { Permission, Role } from './roles.ts';

/**
 * The party behind a request, resolved once per request by the access hook:
 * - anonymous: the public (社会公众);
 * - account: a person signed in with a web session (staff or subject);
 * - system: a department's business system calling with an API key;
 * - operator: someone running the `xinyong` command line on the server (the OS account is recorded).
 */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'account';
      accountId: string;
      login: string;
      role: Role;
      departmentCode: string | null;
      regionCode: string | null;
      /** for role 'subject': the subject the account acts for (self, or the organization it represents) */
      subjectId: string | null;
      sessionId: string;
    }
  | {
      kind: 'system';
      apiKeyId: string;
      departmentCode: string;
      regionCode: string | null;
      permissions: readonly Permission[];
    }
  | { kind: 'operator'; name: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** The person running the command line, as the operating system names them. */
export function cliOperator(): Actor {
  return { kind: 'operator', name: process.env.SUDO_USER || process.env.USER || 'unknown' };
}

/** Role label recorded in the audit trail. */
export function actorRole(actor: Actor): string {
  if (actor.kind === 'account') return actor.role;
  if (actor.kind === 'system') return 'system';
  if (actor.kind === 'operator') return 'operator';
  return 'public';
}

export function actorId(actor: Actor): string | null {
  if (actor.kind === 'account') return actor.accountId;
  if (actor.kind === 'system') return actor.apiKeyId;
  if (actor.kind === 'operator') return `os:${actor.name}`;
  return null;
}

export function actorDepartment(actor: Actor): string | null {
  return actor.kind === 'anonymous' || actor.kind === 'operator' ? null : actor.departmentCode;
}
