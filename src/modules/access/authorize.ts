import type { RouteAccess as PlatformRouteAccess } from '../../platform/http/route-access.ts';
import type { Actor } from './actor.ts';
import { isPermission, type Permission } from './roles.ts';
import { hasPermission } from './roles-check.ts';

/**
 * What a route requires (platform/http/route-access.ts), with this module's permission names:
 * `purpose: true` is B33's "非履职需要，不得查询" for staff and systems.
 */
export type RouteAccess = PlatformRouteAccess<Permission>;

export type Decision =
  | { allowed: true }
  | { allowed: false; status: 401 | 403; code: string; message: string; messageEn: string };

/** Pure decision for one request; the HTTP hook turns a denial into the error body and an audit entry. */
export function authorize(actor: Actor, access: PlatformRouteAccess, purpose: string | undefined): Decision {
  if (access.kind === 'public') return { allowed: true };
  if (actor.kind === 'anonymous') {
    return {
      allowed: false,
      status: 401,
      code: 'AUTH_REQUIRED',
      message: '请先登录，或使用部门系统的 API 密钥调用',
      messageEn: 'Sign in first, or call with your department system’s API key',
    };
  }
  if (access.kind === 'signed_in') {
    if (actor.kind === 'account') return { allowed: true };
    return {
      allowed: false,
      status: 403,
      code: 'ACCESS_DENIED',
      message: '此操作须由本人登录完成，不接受系统密钥',
      messageEn: 'This action must be taken by a signed-in person, not by a system key',
    };
  }
  if (actor.kind === 'system' && access.systems === false) {
    return {
      allowed: false,
      status: 403,
      code: 'ACCESS_DENIED',
      message: '此操作须由工作人员本人登录完成，不接受系统密钥',
      messageEn: 'This action must be taken by a signed-in person, not by a system key',
    };
  }
  if (!isPermission(access.permission) || !hasPermission(actor, access.permission)) {
    return {
      allowed: false,
      status: 403,
      code: 'ACCESS_DENIED',
      message: `当前身份无权执行此操作（需要权限 ${access.permission}）`,
      messageEn: `Your role does not allow this (permission ${access.permission} required)`,
    };
  }
  if (access.purpose && !purposeStated(purpose)) {
    return {
      allowed: false,
      status: 403,
      code: 'PURPOSE_REQUIRED',
      message: '查询非公开信用信息须说明履职用途（请求头 X-Purpose，至少 4 个字），非履职需要不得查询（B33）',
      messageEn:
        'Reading non-public credit information requires a stated official purpose (X-Purpose header, 4+ characters; B33)',
    };
  }
  return { allowed: true };
}

/** Whether a stated purpose (X-Purpose) says something: at least 4 characters. */
export function purposeStated(purpose: string | undefined): purpose is string {
  return purpose !== undefined && purpose.trim().length >= 4;
}
