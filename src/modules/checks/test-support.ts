/** Test support for the checks module: check rows written straight to the tables. */

import type { Insertable } from 'kysely';
import { chinaDayOf } from '../../platform/clock.ts';
import type { CheckTable } from './checks.tables.ts';

/**
 * A check header of one subject with no decision, every column given (as the recorder writes it);
 * `fields` replaces any of them (purpose, scenario, channel, policy, results…).
 */
export function checkHeaderRow(
  id: string,
  fields: Partial<Insertable<CheckTable>> = {},
): Insertable<CheckTable> {
  const at = new Date().toISOString();
  return {
    id,
    at,
    check_day: chinaDayOf(at),
    actor_id: null,
    actor_role: 'system',
    department: 'HA-CZJ',
    api_key_id: null,
    purpose: '投标资格审查',
    scenario: 'public_resource_trading',
    channel: 'api',
    subject_count: 1,
    block_count: 0,
    warn_count: 0,
    favor_count: 0,
    none_count: 1,
    error_count: 0,
    policy_id: 'huaian-2018',
    policy_version: '1.0.0',
    request_id: null,
    results: null,
    ...fields,
  };
}
