/**
 * B26, a relation the credit center registers (issue 15 W5, decision 0028): it applies at once, in the
 * relation's transaction, to what the organization has in force — no re-push needed.
 */
import { itemVersionsOn } from '../catalog/catalog.repository.ts';
import type { Db } from '../database.ts';
import { recordCurrency } from '../records/record-currency.ts';
import { type ChangeCause, ListChange, listTypeMap } from './list-change.service.ts';
import { isEffective, propagatesToResponsiblePersons } from './list-rules.ts';
import { listsRepository as repo, type SubjectFactsRow } from './lists.repository.ts';
import type { RelationRole } from './lists.tables.ts';
import {
  type B26Source,
  ResponsiblePersons,
  type ResponsiblePersonsDeps,
} from './responsible-persons.service.ts';
import { reachesResponsiblePersons } from './responsible-persons.ts';

/**
 * B26, a relation registered later (issue 15 W5): in the relation's transaction, the person gets a
 * record of each of the organization's severe negative records in force (the one currency rule) and an
 * associated entry of each of its severe black entries in force — no re-push needed. Records and
 * entries past their validity or removal date are not written.
 */
export async function applyRelation(
  trx: Db,
  deps: ResponsiblePersonsDeps,
  cause: ChangeCause,
  relation: { organization: SubjectFactsRow; personId: string; role: RelationRole },
  today: string,
): Promise<{ records: number; entries: number }> {
  const { organization, personId, role } = relation;
  const records = await deps.records.currentPushedOfSubject(trx, organization.id);
  const items = await itemVersionsOn(
    trx,
    records.map((r) => ({ code: r.item_code, version: Number(r.item_version) })),
  );
  const entries = await repo.listedStateOfRecords(
    trx,
    records.map((r) => r.record_key),
  );
  const sources: B26Source[] = [];
  for (const r of records) {
    const item = items.get(`${r.item_code}@${Number(r.item_version)}`);
    if (!item) continue;
    const severe = reachesResponsiblePersons({
      category: item.category,
      subjectKind: organization.kind,
      severity: r.severity,
    });
    if (!severe) continue;
    const currency = recordCurrency(
      {
        identifiedOn: r.identified_on,
        validityEndsOn: r.validity_ends_on,
        usagePeriod: item.usagePeriod,
        listEntry: entries.get(r.record_key),
      },
      today,
    );
    sources.push({
      source: { ...r, version: Number(r.version) },
      organizationId: organization.id,
      severe,
      current: currency.state === 'current',
    });
  }
  const persons = new ResponsiblePersons(trx, cause, deps, today);
  await persons.relate(sources, personId, role);

  const change = new ListChange(trx, cause, await listTypeMap(trx), () => new Map());
  const blacks = (await repo.activeEntriesOfSubjects(trx, [organization.id], ['black'])).filter(
    (e) =>
      e.origin === 'listed' &&
      isEffective(e, today) &&
      propagatesToResponsiblePersons(e.polarity, organization.kind, e.severity),
  );
  const existing = await repo.entriesOfRecordKeys(
    trx,
    blacks.map((e) => e.record_key),
  );
  for (const e of blacks) {
    if (existing.some((x) => x.record_key === e.record_key && x.subject_id === personId)) continue;
    await change.associate(e, organization.id, personId, role);
  }
  await change.commit();
  await persons.commit();
  return { records: persons.recordsWritten, entries: change.counts.associated };
}
