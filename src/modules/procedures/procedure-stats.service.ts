/**
 * The procedure statistics of a period (A21, B35; procedure-stats.ts): every objection and repair read
 * as it stood on the report's day, through the services that replay them (a page at a time), counted
 * per provider department and for the city.
 */
import type { Policy } from '../policy/index.ts';
import type { ObjectionsService } from './objections.service.ts';
import {
  type ObjectionForStats,
  type ProcedureStats,
  procedureStats,
  type RepairForStats,
  statsPeriod,
} from './procedure-stats.ts';
import type { RepairsService } from './repairs.service.ts';

export type ProcedureStatsDeps = {
  policy: Pick<Policy, 'effectiveFrom'>;
  today: () => string;
  objections: Pick<ObjectionsService, 'asOf'>;
  repairs: Pick<RepairsService, 'asOf'>;
  /** department code → name, for the report's rows */
  departmentNames: () => Promise<ReadonlyMap<string, string>>;
};

export function procedureStatsService(deps: ProcedureStatsDeps) {
  return {
    /** A quarter (`2026Q4`) or from/to (China dates): per department and for the city. */
    async report(asked: {
      quarter?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
    }): Promise<ProcedureStats> {
      const period = statsPeriod(asked, deps.policy.effectiveFrom, deps.today());
      const objections: ObjectionForStats[] = [];
      for await (const o of deps.objections.asOf(period.asOf)) objections.push(o);
      const repairs: RepairForStats[] = [];
      for await (const r of deps.repairs.asOf(period.asOf)) repairs.push(r);
      return procedureStats(period, objections, repairs, await deps.departmentNames());
    },
  };
}

export type ProcedureStatsService = ReturnType<typeof procedureStatsService>;
