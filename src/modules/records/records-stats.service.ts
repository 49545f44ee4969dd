import { endOfChinaDay } from '../../platform/clock.ts';
import { badRequest } from '../../platform/errors.ts';
import { dayNumberOf, formatDayNumber, isIsoDate } from '../../platform/iso-date.ts';
import type { Policy } from '../policy/index.ts';
import type { DepartmentIntakeStats, RecordsRepository } from './records.repository.ts';

export type IntakeStatsReport = {
  from: string;
  to: string;
  /** A9: the policy's limit for list decisions, in working days */
  pushDeadlineWorkdays: number;
  departments: DepartmentIntakeStats[];
};

/**
 * Timeliness and volume per provider for China dates [from, to], both inclusive (A9, A22; the
 * quarterly B35 reports build on these figures). Receipt instants are compared in China time.
 */
export async function intakeStats(
  repository: RecordsRepository,
  policy: Policy,
  from: string,
  to: string,
): Promise<IntakeStatsReport> {
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
    throw badRequest(
      'RECORD_STATS_RANGE_INVALID',
      '统计区间无效：from 和 to 应为 YYYY-MM-DD 格式的有效日期，且 from 不晚于 to',
      'Invalid range: from and to must be real dates YYYY-MM-DD, from not after to',
      { from, to },
    );
  }
  const dayBefore = formatDayNumber(dayNumberOf(from) - 1);
  const departments = await repository.stats(endOfChinaDay(dayBefore), endOfChinaDay(to));
  return { from, to, pushDeadlineWorkdays: policy.lists.pushDeadline.workdays, departments };
}
