/**
 * B26 (issue 15 W5, decision 0028): who answers for an organization's severe dishonesty. Every negative
 * record marked 严重 about an organization — a black-list entry or not — is also written into the credit
 * records of its legal representative, principal and directly responsible persons. Pure: the service
 * reads the relations and subjects, and writes the records and entries.
 */
import type { FieldValue } from '../catalog/index.ts';
import type { RelationRole } from './lists.tables.ts';

/** B26 reaches the persons of a negative record marked 严重 about an organization. */
export function reachesResponsiblePersons(record: {
  category: string;
  subjectKind: 'person' | 'organization';
  severity: string | null;
}): boolean {
  return (
    record.category === 'negative' && record.subjectKind === 'organization' && record.severity === '严重'
  );
}

/** The legal representative a row names: the name, and the ID number where given (validated). */
export function representativeNamed(fields: Readonly<Record<string, FieldValue>>): {
  name: string | null;
  code: string | null;
} {
  const text = (v: FieldValue | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return { name: text(fields.legalRepresentative), code: text(fields.legalRepresentativeCode) };
}

/**
 * The blind index of the legal representative's ID number as stored in a record's fields (code fields
 * are stored `{ sealed, index }`): how the person is found without opening the code.
 */
export function representativeIndex(storedFields: unknown): string | null {
  const fields = (typeof storedFields === 'string' ? JSON.parse(storedFields) : storedFields) as Record<
    string,
    unknown
  > | null;
  const value = fields?.legalRepresentativeCode;
  if (value && typeof value === 'object' && 'index' in value && typeof value.index === 'string')
    return value.index;
  return null;
}

/**
 * The persons who answer for one record, each once with the first role found: the organization's
 * registered legal representative, the legal representative the record itself identifies by ID number,
 * then the relations the credit center registered (legal representative, principal, responsible).
 */
export function responsiblePersonsOf(sources: {
  registeredRepresentative: string | null;
  namedRepresentative: string | null;
  relations: readonly { personId: string; role: RelationRole }[];
}): Map<string, RelationRole> {
  const persons = new Map<string, RelationRole>();
  for (const id of [sources.registeredRepresentative, sources.namedRepresentative]) {
    if (id !== null && !persons.has(id)) persons.set(id, 'legal_representative');
  }
  for (const r of sources.relations) if (!persons.has(r.personId)) persons.set(r.personId, r.role);
  return persons;
}

/** Why a person's B26 record gets a version (its reason; no personal data). */
export const B26_REASONS = {
  written: 'B26：严重失信法人和其他组织的失信信息，记入其法定代表人、主要负责人和直接责任人的信用记录',
  followed: (version: number) => `B26：随来源记录第 ${version} 版更新`,
  related: 'B26：市信用中心登记本人为该组织的责任人，其有效的严重失信记录记入本人信用记录',
  ended: (version: number) =>
    `B26：来源记录第 ${version} 版已不再为严重失信或不再有效，或不再指向本人，本人的这条记录随之终止`,
} as const;
