import type { Sealer } from '../../platform/crypto/sealing.ts';
import { fromJson } from '../../platform/db/engine.ts';
import type { Actor } from '../access/actor.ts';
import type { ConsentsRepository } from '../access/consents.repository.ts';
import { type Consent, canRead, consentReaderOf, type ReadDecision } from '../access/scope.ts';
import type { CatalogItemVersion, CatalogRepository } from '../catalog/index.ts';
import type { Store } from '../database.ts';
import {
  type ListEntryState,
  publicationLastDay,
  type RecordCurrencyState,
  recordCurrency,
} from './record-currency.ts';
import { maskedCode } from './records.content.ts';
import { recordsRepository } from './records.repository.ts';
import type { RecordTable } from './records.tables.ts';

/** A record as a reader sees it: its current version, the fields the reader may see, and why. */
export type RecordView = {
  id: string;
  recordKey: string;
  version: number;
  item: string;
  /** the catalog item's version the record was written under (its basis, periods, fields) */
  itemVersion: number;
  itemName: string;
  usageScope: 'public' | 'government' | 'authorized';
  providerDepartment: string;
  severity: string | null;
  /** B2: 'B2' where the subject was 16 or 17 and living on their own labour (issue 15 W8) */
  subjectGround: string | null;
  identifiedOn: string;
  validityEndsOn: string | null;
  /**
   * B8 公示期限: the last day the record is disclosed to the public, where its item declares a
   * publication period (counted from identification); null: disclosed while current
   */
  publicationEndsOn: string | null;
  /** not current (`state` other than current): kept for callers of the first API version */
  expired: boolean;
  /** whether the record is current, by the one rule of every read (record-currency.ts; W1, W10) */
  state: RecordCurrencyState;
  /** the article that ended it (A4, A12, B27, B8); null while current */
  stateBasis: string | null;
  fields: Record<string, unknown>;
  readBasis: string;
  /** the consent the record was read under (B21, B24; basis `consent`); null on every other basis */
  consentId: string | null;
  /** issue 15 W3: the decision this version rests on (a weakening correction); null for most */
  changeBasis: { kind: string; id: string } | null;
  /** issue 16: a procedure in progress on the record (A16: an objection), shown in every view */
  procedure: { kind: 'objection' | 'repair'; id: string } | null;
  /**
   * B26 (issue 15 W5): where a record the platform wrote into a responsible person's credit record
   * comes from — the organization, its record and version, the person's role; null for a pushed record.
   */
  derivedFrom: DerivedFromView | null;
};

export type DerivedFromView = {
  basis: string;
  recordId: string;
  recordKey: string;
  role: string;
  organization: { id: string; name: string; code: string } | null;
};

export type RecordsReaderDeps = {
  store: Store;
  sealer: Pick<Sealer, 'open'>;
  catalog: Pick<CatalogRepository, 'version'>;
  consents: Pick<ConsentsRepository, 'grantedTo'>;
  now: () => string;
  today: () => string;
  /**
   * The list entries made from records, by record key (the lists module supplies them: a record read
   * as current while its entry was removed or past its removal date was W1).
   */
  listEntries?: (recordKeys: readonly string[]) => Promise<ReadonlyMap<string, ListEntryState>>;
  /** Issue 16: the records with an objection in progress (record key → objection id; procedures module) */
  openObjections?: (recordKeys: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  /**
   * Issue 16: the repairs in progress (record key → repair id) and the adopted ones (record key → the
   * article: the record is an archive, A19/B32), from the procedures module
   */
  repairs?: (recordKeys: readonly string[]) => Promise<{
    open: ReadonlyMap<string, string>;
    repaired: ReadonlyMap<string, string>;
  }>;
};

/**
 * Reading credit records: the subject reads all of its own (B20, archived ones included); anyone else
 * reads the current versions the item's usage scope allows them (B18), 授权查询 items only under the
 * subject's consent naming their department or, for a counterparty's own account, their subject (B21,
 * B24), never information past its validity (B27: no longer published or used).
 */
export function recordsReader(ctx: RecordsReaderDeps) {
  const { catalog } = ctx;
  const repository = recordsRepository(ctx.store);
  const itemCache = new Map<string, CatalogItemVersion>();
  async function itemOf(code: string, version: number): Promise<CatalogItemVersion> {
    const key = `${code}@${version}`;
    let item = itemCache.get(key);
    if (!item) {
      item = await catalog.version(code, version);
      if (!item) throw new Error(`catalog item ${key} missing`);
      itemCache.set(key, item);
    }
    return item;
  }

  /**
   * The subject's records as this actor may read them. `options.consents`: the consents to read under,
   * when the caller has narrowed them (a counterparty reads under those for the purpose it stated);
   * otherwise every consent of the subject naming the actor's department or subject.
   */
  async function readable(actor: Actor, subjectId: string, options: { consents?: readonly Consent[] } = {}) {
    const current = new Map<string, RecordTable>();
    for (const row of await repository.versionsOfSubject(subjectId)) current.set(row.record_key, row);
    const reader = consentReaderOf(actor);
    // the subject's kind decides only a counterparty's read (canRead: A7 for persons); the public
    // page and departments' reads do not ask for it
    const subjectKind = reader?.subjectId !== undefined ? await repository.subjectKind(subjectId) : undefined;
    const consents =
      options.consents ??
      (reader === null || reader.subjectId === subjectId
        ? []
        : await ctx.consents.grantedTo(subjectId, reader));
    const today = ctx.today();
    const records: RecordView[] = [];
    const withheld = {
      CONSENT_REQUIRED: 0,
      SCOPE_DENIED: 0,
      EXPIRED: 0,
      REMOVED: 0,
      WITHDRAWN: 0,
      REPAIRED: 0,
      PUBLICATION_ENDED: 0,
    };
    // B26: a person's record written from an organization's is read with its source's list entry.
    const entryKey = (row: RecordTable) => row.derived_from_key ?? row.record_key;
    const rows = [...current.values()];
    const entries = ctx.listEntries ? await ctx.listEntries([...new Set(rows.map(entryKey))]) : new Map();
    const sources = await derivedSources(rows);
    // a B26 record shows an objection to its source (which a person may file on its own record)
    const objections = ctx.openObjections
      ? await ctx.openObjections([...new Set([...current.keys(), ...rows.map(entryKey)])])
      : new Map<string, string>();
    // a B26 record is repaired with its source (the organization's record)
    const repairs = ctx.repairs
      ? await ctx.repairs([...new Set([...current.keys(), ...rows.map(entryKey)])])
      : { open: new Map<string, string>(), repaired: new Map<string, string>() };
    for (const row of rows) {
      const item = await itemOf(row.item_code, row.item_version);
      const currency = recordCurrency(
        {
          identifiedOn: row.identified_on,
          validityEndsOn: row.validity_ends_on,
          usagePeriod: item.usagePeriod,
          listEntry: entries.get(entryKey(row)),
          derivationEnded: Number(row.derived_ended) === 1,
          withdrawn: Number(row.withdrawn) === 1,
          repaired: repairs.repaired.get(entryKey(row)) ?? null,
        },
        today,
      );
      const decision: ReadDecision = canRead(
        actor,
        {
          subjectId,
          subjectKind,
          itemCode: item.code,
          scope: item.usageScope,
          providerDepartment: row.provider_department,
        },
        consents,
        ctx.now(),
      );
      if (!decision.allowed) {
        withheld[decision.code]++;
        continue;
      }
      // Only the subject and the provider see what is no longer current (B20, B4); to everyone else
      // it is neither published nor used (A12, B27, B8).
      if (
        currency.state !== 'current' &&
        decision.basis !== 'own_subject' &&
        decision.basis !== 'own_provider'
      ) {
        if (currency.state === 'removed') withheld.REMOVED++;
        else if (currency.state === 'withdrawn') withheld.WITHDRAWN++;
        else if (currency.state === 'repaired') withheld.REPAIRED++;
        else withheld.EXPIRED++;
        continue;
      }
      // B8, C §6(3): the public (no login) sees a current record only within its item's publication
      // period; government readers keep using it within its usage period.
      const publicationEndsOn = publicationLastDay(row.identified_on, item.publicationPeriod);
      if (actor.kind === 'anonymous' && publicationEndsOn !== null && publicationEndsOn < today) {
        withheld.PUBLICATION_ENDED++;
        continue;
      }
      const fields = fromJson<Record<string, unknown>>(row.fields);
      // A person's ID number named in the fields (a legal representative's) is shown in full only to
      // the provider who wrote it (B4); to everyone else, the subject included, it is masked (A7:
      // disclosure without privacy; decision 0028).
      const personCodes = new Set(
        item.fields.filter((f) => f.type === 'code' && f.codeOf === 'person').map((f) => f.key),
      );
      for (const [key, value] of Object.entries(fields)) {
        if (value && typeof value === 'object' && 'sealed' in value) {
          const code = ctx.sealer.open(String(value.sealed));
          fields[key] = personCodes.has(key) && decision.basis !== 'own_provider' ? maskedCode(code) : code;
        }
      }
      records.push({
        id: row.id,
        recordKey: row.record_key,
        version: Number(row.version),
        item: item.code,
        itemVersion: item.version,
        itemName: item.name,
        usageScope: item.usageScope,
        providerDepartment: row.provider_department,
        severity: row.severity,
        subjectGround: row.subject_ground ?? null,
        identifiedOn: row.identified_on,
        validityEndsOn: row.validity_ends_on,
        publicationEndsOn,
        expired: currency.state !== 'current',
        state: currency.state,
        stateBasis: currency.basis,
        fields,
        readBasis: decision.basis,
        consentId: decision.consentId ?? null,
        changeBasis:
          row.change_basis_id === null || row.change_basis_id === undefined
            ? null
            : { kind: row.change_basis_kind ?? 'external_decision', id: row.change_basis_id },
        procedure: objections.has(entryKey(row))
          ? { kind: 'objection', id: objections.get(entryKey(row))! }
          : repairs.open.has(row.record_key)
            ? { kind: 'repair', id: repairs.open.get(row.record_key)! }
            : null,
        derivedFrom:
          row.derived_from === null || row.derived_from === undefined
            ? null
            : {
                basis: row.derived_basis ?? 'B26',
                recordId: row.derived_from,
                recordKey: row.derived_from_key ?? '',
                role: row.derived_role ?? '',
                organization: sources.get(row.derived_from) ?? null,
              },
      });
    }
    return { records, withheld };
  }

  /** B26: the organization each source version of these records is about, its code opened. */
  async function derivedSources(rows: readonly RecordTable[]) {
    const ids = rows.flatMap((r) => (r.derived_from ? [r.derived_from] : []));
    const out = new Map<string, { id: string; name: string; code: string }>();
    if (ids.length === 0) return out;
    for (const [id, s] of await repository.subjectsOfRecords(ids)) {
      out.set(id, { id: s.subjectId, name: s.name, code: ctx.sealer.open(s.codeSealed) });
    }
    return out;
  }

  return { readable };
}

export type RecordsReader = ReturnType<typeof recordsReader>;
