/**
 * What the lists module adds to intake (issue 5 points 1–3; issue 15 W5), inside the batch's
 * transaction so a list change, its events and notifications, and the records written to responsible
 * persons commit or roll back with the records that caused them:
 * - before write: a red list row for a subject with an effective black entry is refused (A4); a row
 *   giving the legal representative's ID number without the name is refused (B26);
 * - after write: list entries, the A4 cross-check and A11 notices (list-change.service.ts); every
 *   negative record marked 严重 about an organization is written into the credit records of the persons
 *   who answer for it, and their black entries associated (B26, responsible-persons.service.ts).
 */

import { chinaDayOf } from '../../platform/clock.ts';
import type { RowError } from '../catalog/index.ts';
import type { SourceVersion } from '../records/derived-records.ts';
import type { IntakeHooks, WrittenRecord } from '../records/intake.types.ts';
import { type ListEntryState, recordCurrency } from '../records/record-currency.ts';
import { type ChangeCause, ListChange, listTypeMap } from './list-change.service.ts';
import { isEffective, validUntilOf } from './list-rules.ts';
import type { ListType } from './list-types.ts';
import { legalRepresentativeNameMissing, redListBlocked } from './lists.errors.ts';
import { listsRepository as repo } from './lists.repository.ts';
import { ResponsiblePersons, type ResponsiblePersonsDeps } from './responsible-persons.service.ts';
import { reachesResponsiblePersons, representativeNamed } from './responsible-persons.ts';

export type ListHooksDeps = ResponsiblePersonsDeps;

export function listIntakeHooks(deps: ListHooksDeps): IntakeHooks {
  return {
    async refuse(trx, rows, today) {
      const refusals = new Map<number, RowError[]>();
      const refuse = (index: number, error: RowError) =>
        refusals.set(index, [...(refusals.get(index) ?? []), error]);
      // B26: the person an ID number identifies is registered under a name the row must give.
      for (const r of rows) {
        const named = representativeNamed(r.accepted.row.fields);
        if (named.code !== null && named.name === null) {
          refuse(r.accepted.index, legalRepresentativeNameMissing());
        }
      }
      // Most batches hold no list item at all: the A4 check costs them nothing.
      if (!rows.some((r) => r.accepted.item.listType !== null)) return refusals;
      const types = await listTypeMap(trx);
      const red = rows.filter((r) => polarityOf(types, r.accepted.item.listType) === 'red');
      if (red.length === 0) return refusals;
      const ids = await repo.subjectIdsByIndex(trx, [...new Set(red.map((r) => r.subjectIndex))]);
      const black = await repo.activeEntriesOfSubjects(trx, [...new Set(ids.values())], ['black']);
      const blocked = new Set(
        black.filter((e) => e.origin === 'listed' && isEffective(e, today)).map((e) => e.subject_id),
      );
      for (const r of red) {
        const id = ids.get(r.subjectIndex);
        if (id && blocked.has(id)) refuse(r.accepted.index, redListBlocked());
      }
      return refusals;
    },

    async written(trx, written, batch) {
      const listed = written.filter((w) => w.accepted.item.listType !== null);
      // B26 looks at the negative records about an organization that are severe (they reach their
      // persons) or corrections (they may end what an earlier version wrote). A batch of first
      // versions marked 一般 or 较重 costs it nothing.
      const organizations = written.filter(
        (w) =>
          w.accepted.row.subject.kind === 'organization' &&
          w.accepted.item.category === 'negative' &&
          (severeOf(w) || (w.record.version ?? 1) > 1),
      );
      if (listed.length === 0 && organizations.length === 0) return undefined;
      const cause: ChangeCause = {
        at: batch.at,
        writer: batch.writer,
        batchId: batch.batchId,
        target: { type: 'intake_batch', id: batch.batchId },
      };
      const today = chinaDayOf(batch.at);
      const persons = new ResponsiblePersons(trx, cause, deps, today);
      const warnings = await persons.prepare(
        organizations.map((w) => {
          const severe = severeOf(w);
          return {
            index: w.accepted.index,
            organizationId: w.record.subject_id,
            storedFields: w.record.fields,
            fields: w.accepted.row.fields,
            severe,
            // before the list change: a list row's entry is the one it is about to write
            reaching: severe && currentOf(w, today, listedAsWritten(w)),
          };
        }),
        listed.filter((w) => w.accepted.row.subject.kind === 'organization').map((w) => w.record.subject_id),
      );
      let change: ListChange | undefined;
      if (listed.length > 0) {
        change = new ListChange(trx, cause, await listTypeMap(trx), persons.personsOf);
        await change.apply(listed);
      }
      await persons.follow(
        organizations.map((w) => {
          const entry = change?.listed.get(w.record.record_key);
          return {
            source: w.record as SourceVersion,
            organizationId: w.record.subject_id,
            severe: severeOf(w),
            current: currentOf(
              w,
              today,
              entry && {
                status: entry.status,
                validUntil: entry.valid_until,
                removedByEntry: entry.removed_by_entry,
              },
            ),
          };
        }),
      );
      await change?.commit();
      await persons.commit();
      return warnings;
    },
  };
}

const polarityOf = (types: Map<string, ListType>, code: string | null) =>
  code === null ? null : (types.get(code)?.polarity ?? null);

const severeOf = (w: WrittenRecord) =>
  // a withdrawn record (issue 15 W3) reaches no one: the persons' records end with it
  w.record.withdrawn !== 1 &&
  reachesResponsiblePersons({
    category: w.accepted.item.category,
    subjectKind: w.accepted.row.subject.kind,
    severity: w.record.severity ?? null,
  });

/** A list row's entry as the batch writes it: active, with the row's removal date (A12). */
const listedAsWritten = (w: WrittenRecord): ListEntryState | undefined =>
  w.accepted.item.listType === null
    ? undefined
    : { status: 'active', validUntil: validUntilOf(w.accepted.row.fields), removedByEntry: null };

/** Whether a written record is current on `today`, by the one currency rule every read applies. */
function currentOf(w: WrittenRecord, today: string, listEntry: ListEntryState | undefined): boolean {
  return (
    recordCurrency(
      {
        identifiedOn: w.record.identified_on,
        validityEndsOn: w.record.validity_ends_on ?? null,
        usagePeriod: w.accepted.item.usagePeriod,
        listEntry,
        withdrawn: w.record.withdrawn === 1,
      },
      today,
    ).state === 'current'
  );
}
