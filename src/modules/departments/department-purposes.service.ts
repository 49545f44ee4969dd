import { expiringCache } from '../../platform/cache.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { type Actor, actorId } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { DepartmentPurposesRepository } from './department-purposes.repository.ts';
import type { DepartmentsRepository } from './departments.repository.ts';
import { boundedPurpose, normalizePurpose, purposeMatches, purposeNotRegistered } from './purposes.ts';

/**
 * The purposes (事项) departments registered for their queries (issue 14 §6, decision 0025): the
 * access hook checks a stated `X-Purpose` against its caller's department; the CLI registers and
 * removes them. A department's list is read at most every `CACHE_MS` per process, so a change made by
 * the CLI (another process) holds in a running server within that time; in this process, at once.
 */
export const PURPOSES_CACHE_MS = 30_000;

export type DepartmentPurposesDeps = {
  departments: Pick<DepartmentsRepository, 'findByCode'>;
  purposes: DepartmentPurposesRepository;
  audit: Pick<AuditTrail, 'record'>;
  now: () => string;
};

export function departmentPurposesService(deps: DepartmentPurposesDeps) {
  const cache = expiringCache<string, readonly string[]>({ ttlMs: PURPOSES_CACHE_MS, maxEntries: 1000 });

  async function registered(department: string): Promise<readonly string[]> {
    const hit = cache.get(department);
    if (hit) return hit;
    const purposes = await deps.purposes.purposesOf(department);
    cache.set(department, purposes);
    return purposes;
  }

  async function known(department: string): Promise<void> {
    if (!(await deps.departments.findByCode(department)))
      throw notFound(
        'DEPARTMENT_NOT_FOUND',
        `部门未登记：${department}`,
        `Unknown department: ${department}`,
      );
  }

  return {
    registered,

    /** Every department's registered purposes, by department code (read through, not cached). */
    all: () => deps.purposes.allPurposes(),

    /**
     * A stated purpose of a caller of `department`: free text where the department registered none,
     * else one of its purposes (PURPOSE_NOT_REGISTERED).
     */
    async check(department: string, stated: string): Promise<void> {
      const purposes = await registered(department);
      if (purposes.length > 0 && !purposeMatches(purposes, stated))
        throw purposeNotRegistered(department, purposes);
    },

    async register(actor: Actor, department: string, purposes: readonly string[]): Promise<string[]> {
      await known(department);
      const normalised = purposes.map((p) => boundedPurpose(normalizePurpose(p)));
      if (normalised.some((p) => p === '' || p.includes(':')))
        throw badRequest(
          'PURPOSE_INVALID',
          '事项名称不能为空，也不能含冒号（冒号之后是具体案件）',
          'A purpose may be neither empty nor contain a colon (what follows a colon is the case)',
        );
      const added = await deps.purposes.register(
        department,
        normalised,
        actorId(actor) ?? 'unknown',
        deps.now(),
      );
      cache.delete(department);
      await deps.audit.record({
        actor,
        action: 'department.purposes.register',
        targetType: 'department',
        targetId: department,
        result: 'ok',
        detail: { added },
      });
      return added;
    },

    /** Removes some purposes, or all (`undefined`): the department's callers state free text again. */
    async remove(actor: Actor, department: string, purposes?: readonly string[]): Promise<string[]> {
      await known(department);
      const removed = await deps.purposes.remove(
        department,
        purposes?.map(normalizePurpose),
        actorId(actor) ?? 'unknown',
        deps.now(),
      );
      cache.delete(department);
      await deps.audit.record({
        actor,
        action: 'department.purposes.remove',
        targetType: 'department',
        targetId: department,
        result: 'ok',
        detail: { removed },
      });
      return removed;
    },
  };
}

export type DepartmentPurposesService = ReturnType<typeof departmentPurposesService>;
