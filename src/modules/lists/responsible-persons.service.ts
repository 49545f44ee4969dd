/**
 * B26 (issue 15 W5, decision 0028): a severe dishonest organization's dishonesty information — every
 * negative record marked 严重, black list or not — is also written into the credit records of its legal
 * representative, principal and directly responsible persons, as records each person can see and
 * object to. Inside the transaction of the cause (an intake batch, a relation the credit center
 * registers), this service finds the persons (the organization's registered legal representative, the
 * legal representative the row identifies by ID number — registered if new —, registered relations),
 * writes each person's record from its source (records/derived-records.ts), follows the source's
 * corrections and ends the person's record when the source no longer reaches them, with the rows'
 * digests and one `records.b26_written` audit entry. A name without an ID number identifies no one:
 * the row is told so, and a severe record that reaches nobody goes to the credit center.
 */
import { toJson } from '../../platform/db/engine.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { NOTIFICATIONS_AUDITED, RECORDS_AUDITED } from '../audit/index.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { FieldValue, RowError } from '../catalog/index.ts';
import type { Db, Insertable } from '../database.ts';
import { checkCode } from '../identity-codes/index.ts';
import {
  type DerivedLatest,
  type DerivedWrite,
  derivedVersion,
  type SourceVersion,
} from '../records/derived-records.ts';
import type { RecordsRepository } from '../records/records.repository.ts';
import type { RecordTable } from '../records/records.tables.ts';
import { newSubjectOf, type SubjectsRepository } from '../subjects/subjects.repository.ts';
import type { ChangeCause } from './list-change.service.ts';
import { legalRepresentativeNameConflict, legalRepresentativeUnidentified } from './lists.errors.ts';
import { listsRepository as repo, type SubjectFactsRow } from './lists.repository.ts';
import type { NotificationTable, RelationRole } from './lists.tables.ts';
import {
  B26_REASONS,
  representativeIndex,
  representativeNamed,
  responsiblePersonsOf,
} from './responsible-persons.ts';

export type ResponsiblePersonsDeps = {
  subjects: Pick<SubjectsRepository, 'ensure'>;
  records: Pick<RecordsRepository, 'latestDerivedOf' | 'insertRecords' | 'currentPushedOfSubject'>;
};

/** A row of an intake batch about an organization, as B26 needs it before anything is written. */
export type B26Row = {
  index: number;
  organizationId: string;
  /** the record's fields as stored (the legal representative's ID number sealed with its blind index) */
  storedFields: unknown;
  fields: Readonly<Record<string, FieldValue>>;
  /** B26 reaches its persons (negative, 严重, about an organization) and it is in force */
  reaching: boolean;
  severe: boolean;
};

/** An organization's record a change wrote or applies to. */
export type B26Source = {
  source: SourceVersion;
  organizationId: string;
  /** negative, 严重, about an organization */
  severe: boolean;
  /** current on the change's day by the one currency rule (records/record-currency.ts) */
  current: boolean;
};

type Planned = Omit<DerivedWrite, 'person'> & { personId: string; latest: DerivedLatest | undefined };

/** The B26 persons and records of one change, written in its transaction at `commit()`. */
export class ResponsiblePersons {
  private readonly trx: Db;
  private readonly cause: ChangeCause;
  private readonly deps: ResponsiblePersonsDeps;
  private readonly today: string;
  private readonly organizations = new Map<string, SubjectFactsRow>();
  private readonly relations = new Map<string, { personId: string; role: RelationRole }[]>();
  /** persons by the blind index of their ID number */
  private readonly byIndex = new Map<string, string>();
  /** registered names of persons, by subject id */
  private readonly names = new Map<string, string>();
  private readonly rows: Insertable<RecordTable>[] = [];
  private readonly notices: Insertable<NotificationTable>[] = [];
  readonly counts = { written: 0, followed: 0, ended: 0, unidentified: 0 };
  /** the credit center's department code, once looked up (null: none registered) */
  private center: string | null | undefined;

  constructor(trx: Db, cause: ChangeCause, deps: ResponsiblePersonsDeps, today: string) {
    this.trx = trx;
    this.cause = cause;
    this.deps = deps;
    this.today = today;
  }

  /**
   * Loads the organizations and their relations, and finds the legal representatives severe rows
   * identify by ID number; registers those the platform does not know yet where the row is in force
   * (as intake registers subjects: a record will be written to them). Returns the rows' B26 warnings
   * by row index. `listed`: organizations of the batch's list rows, whose black entries are associated
   * with the same persons.
   */
  async prepare(rows: readonly B26Row[], listed: readonly string[] = []): Promise<Map<number, RowError[]>> {
    const warnings = new Map<number, RowError[]>();
    const warn = (index: number, w: RowError) => warnings.set(index, [...(warnings.get(index) ?? []), w]);
    await this.loadOrganizations([...rows.map((r) => r.organizationId), ...listed]);
    const named = new Map<string, { code: string; name: string; rows: number[]; reaching: boolean }>();
    for (const r of rows) {
      const { name, code } = representativeNamed(r.fields);
      // A name alone identifies no one: said on the row, never matched (B26).
      if (r.severe && name !== null && code === null) warn(r.index, legalRepresentativeUnidentified());
      const index = representativeIndex(r.storedFields);
      if (!r.severe || code === null || name === null || index === null) continue;
      const seen = named.get(index) ?? { code, name, rows: [], reaching: false };
      seen.rows.push(r.index);
      seen.reaching ||= r.reaching;
      named.set(index, seen);
    }
    if (named.size === 0) return warnings;
    const known = await repo.subjectIdsByIndex(this.trx, [...named.keys()]);
    const fresh = [...named].filter(([index, p]) => p.reaching && !known.has(index));
    if (fresh.length > 0) {
      await this.deps.subjects.ensure(
        fresh.map(([, p]) =>
          newSubjectOf(
            { kind: 'person', code: p.code, codeKind: 'citizen_id', name: p.name },
            checkCode(p.code, { today: this.today }),
          ),
        ),
        this.cause.at,
        { ...this.cause.writer, at: this.cause.at, detail: this.detail() },
        this.trx,
      );
      for (const [index, id] of await repo.subjectIdsByIndex(
        this.trx,
        fresh.map(([index]) => index),
      )) {
        known.set(index, id);
      }
    }
    for (const [index, id] of known) this.byIndex.set(index, id);
    await this.loadNames([...known.values()]);
    for (const [index, p] of named) {
      const id = known.get(index);
      if (id !== undefined && this.names.get(id) !== p.name) {
        for (const row of p.rows) warn(row, legalRepresentativeNameConflict());
      }
    }
    return warnings;
  }

  /** B26: who answers for this record of this organization (ListChange uses it for black entries). */
  personsOf = (organization: SubjectFactsRow, storedFields: unknown): ReadonlyMap<string, RelationRole> => {
    const representative = organization.attributes.legalRepresentativeId;
    const index = representativeIndex(storedFields);
    return responsiblePersonsOf({
      registeredRepresentative: typeof representative === 'string' ? representative : null,
      namedRepresentative: index === null ? null : (this.byIndex.get(index) ?? null),
      relations: this.relations.get(organization.id) ?? [],
    });
  };

  /**
   * Each person's record of these sources, written, followed or ended: a source that reaches its
   * persons and is in force gets a record for each person without one; one already written follows
   * the source's new version; a person the source no longer reaches (no longer 严重, no longer named,
   * no longer registered) has theirs ended. A source past its validity is still followed (its dates
   * end the person's record too), never newly written.
   */
  async follow(sources: readonly B26Source[]): Promise<void> {
    const corrected = sources.filter((s) => s.source.version > 1).map((s) => s.source.record_key);
    const latest = await this.latestOf(corrected);
    const planned: Planned[] = [];
    for (const s of sources) {
      const organization = this.organizations.get(s.organizationId);
      if (!organization) throw new Error(`B26: organization ${s.organizationId} was not prepared`);
      const wanted = new Map(s.severe ? this.personsOf(organization, s.source.fields) : []);
      const reached = wanted.size;
      for (const d of latest.get(s.source.record_key) ?? []) {
        const role = wanted.get(d.subjectId);
        wanted.delete(d.subjectId);
        if (role === undefined) {
          const reason = B26_REASONS.ended(s.source.version);
          planned.push({
            source: s.source,
            personId: d.subjectId,
            role: d.role,
            ended: true,
            reason,
            latest: d,
          });
        } else if (!d.ended || s.current) {
          const reason = d.ended ? B26_REASONS.written : B26_REASONS.followed(s.source.version);
          planned.push({ source: s.source, personId: d.subjectId, role, ended: false, reason, latest: d });
        }
      }
      if (!s.current) continue;
      for (const [personId, role] of wanted) {
        planned.push({
          source: s.source,
          personId,
          role,
          ended: false,
          reason: B26_REASONS.written,
          latest: undefined,
        });
      }
      if (s.severe && reached === 0 && s.source.version === 1)
        await this.noticeUnidentified(s.source, organization);
    }
    await this.write(planned);
  }

  /**
   * A relation registered later applies at once (no re-push): the person gets a record of each of the
   * organization's sources in force that does not reach them yet.
   */
  async relate(sources: readonly B26Source[], personId: string, role: RelationRole): Promise<void> {
    const latest = await this.latestOf(sources.map((s) => s.source.record_key));
    const planned: Planned[] = [];
    for (const s of sources) {
      if (!s.severe || !s.current) continue;
      const mine = (latest.get(s.source.record_key) ?? []).find((d) => d.subjectId === personId);
      if (mine && !mine.ended) continue;
      planned.push({
        source: s.source,
        personId,
        role,
        ended: false,
        reason: B26_REASONS.related,
        latest: mine,
      });
    }
    await this.write(planned);
  }

  /** How many person records this change wrote (new, followed and ended versions). */
  get recordsWritten(): number {
    return this.rows.length;
  }

  /**
   * Inserts the records and notices, then appends, under one head update, their `rows.written`
   * entries (A20: records are under row digests) and the change's `records.b26_written` entry.
   */
  async commit(): Promise<void> {
    if (this.rows.length === 0 && this.notices.length === 0) return;
    await this.deps.records.insertRecords(this.trx, this.rows);
    const notices = await repo.insertNotifications(this.trx, this.notices);
    const writer = { ...this.cause.writer, at: this.cause.at, detail: this.detail() };
    const recorded = [
      { table: RECORDS_AUDITED, rows: this.rows as Record<string, unknown>[] },
      { table: NOTIFICATIONS_AUDITED, rows: notices },
    ];
    await recordStoredTables(this.trx, recorded, writer, [
      {
        ...this.cause.writer,
        at: this.cause.at,
        action: 'records.b26_written',
        targetType: this.cause.target.type,
        targetId: this.cause.target.id,
        result: 'ok',
        detail: {
          ...this.counts,
          records: this.rows.map((r) => ({
            id: r.id,
            personId: r.subject_id,
            sourceRecordId: r.derived_from,
            role: r.derived_role,
            ended: r.derived_ended === 1,
          })),
          notifications: notices.map((n) => ({ id: n.id, kind: n.kind, to: n.recipient_department })),
        },
      },
    ]);
  }

  private detail() {
    return this.cause.batchId === null
      ? { relationId: this.cause.target.id }
      : { batchId: this.cause.batchId };
  }

  private async loadOrganizations(ids: readonly string[]) {
    const missing = [...new Set(ids)].filter((id) => !this.organizations.has(id));
    if (missing.length === 0) return;
    for (const [id, facts] of await repo.subjectsById(this.trx, missing)) this.organizations.set(id, facts);
    for (const [id, relations] of await repo.responsiblePersonsOf(this.trx, missing))
      this.relations.set(id, relations);
  }

  private async loadNames(ids: readonly string[]) {
    const missing = [...new Set(ids)].filter((id) => !this.names.has(id));
    if (missing.length === 0) return;
    for (const [id, facts] of await repo.subjectsById(this.trx, missing)) this.names.set(id, facts.name);
  }

  private async latestOf(sourceKeys: readonly string[]): Promise<Map<string, DerivedLatest[]>> {
    const bySource = new Map<string, DerivedLatest[]>();
    if (sourceKeys.length === 0) return bySource;
    for (const d of await this.deps.records.latestDerivedOf(this.trx, [...new Set(sourceKeys)])) {
      bySource.set(d.sourceKey, [...(bySource.get(d.sourceKey) ?? []), d]);
    }
    return bySource;
  }

  private async write(planned: readonly Planned[]) {
    await this.loadNames(planned.map((p) => p.personId));
    for (const p of planned) {
      const name = this.names.get(p.personId);
      if (name === undefined) throw new Error(`B26: person ${p.personId} is not registered`);
      const { personId, latest, ...write } = p;
      const row = derivedVersion({ ...write, person: { id: personId, name } }, latest, this.cause.at, uuidv7);
      if (!row) continue;
      this.rows.push(row);
      if (p.ended) this.counts.ended++;
      else if (p.latest && !p.latest.ended) this.counts.followed++;
      else this.counts.written++;
    }
  }

  /** A severe record in force that reaches nobody: the credit center is asked to register who answers. */
  private async noticeUnidentified(source: SourceVersion, organization: SubjectFactsRow) {
    this.center ??=
      (await repo.departments(this.trx)).find((d) => d.kinds.includes('credit_center'))?.code ?? null;
    const center = this.center;
    if (!center) return;
    this.counts.unidentified++;
    this.notices.push({
      id: uuidv7(),
      kind: 'b26.unidentified',
      article: 'B26',
      recipient_department: center,
      subject_id: organization.id,
      entry_id: null,
      title: 'B26：组织的严重失信记录未能确定其法定代表人或责任人，请核实后登记责任人',
      body: toJson({
        recordId: source.id,
        recordKey: source.record_key,
        itemCode: source.item_code,
        providerDepartment: source.provider_department,
        identifiedOn: source.identified_on,
        legalRepresentativeNamed:
          representativeNamed(
            (typeof source.fields === 'string' ? JSON.parse(source.fields) : source.fields) as Record<
              string,
              FieldValue
            >,
          ).name !== null,
      }),
      created_at: this.cause.at,
      status: 'pending',
      attempts: 0,
      delivered_at: null,
      read_at: null,
      read_by: null,
    });
  }
}
