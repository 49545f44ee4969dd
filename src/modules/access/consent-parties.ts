/**
 * The parties to a consent as its views show them (decision 0040): a department by its code and name;
 * an organization as registered (its code and name are public); a person masked by the policy's
 * rules (A7) — to the granter too, who typed the code — unless the view owes the full form (the
 * counterparty reading under a live consent needs the granter's code to name it).
 */

import { maskCitizenId, maskPersonName, type Policy } from '../policy/index.ts';
import type { Subject } from '../subjects/subjects.repository.ts';

export type ConsentPartyView = { kind: 'department' | 'organization' | 'person'; code: string; name: string };

export function departmentParty(code: string, names: ReadonlyMap<string, string>): ConsentPartyView {
  return { kind: 'department', code, name: names.get(code) ?? code };
}

export function subjectParty(
  policy: Policy,
  subject: Pick<Subject, 'kind' | 'code' | 'name'>,
  options: { full?: boolean } = {},
): ConsentPartyView {
  if (subject.kind === 'organization' || options.full) {
    return { kind: subject.kind, code: subject.code, name: subject.name };
  }
  return {
    kind: 'person',
    code: maskCitizenId(policy, subject.code),
    name: maskPersonName(policy, subject.name),
  };
}
