/**
 * The public disclosure API's use cases (issue 17; A7, A9, A12, B8, B18, B20–B24, C §6(3)): the one
 * search box, an organization's page grouped like a national credit report, a published person's
 * black-list entries by an opaque handle, the red and black lists with their exports, the rules in
 * force, and the verification of an issued credit report. Nothing here decides what is current or
 * public: records come from the one records read (`records-read.service.ts`, as the public: B18
 * scope, the currency rule, B8 publication), list entries from the lists' own rule of an effective
 * entry, objections and repairs from the procedures. Persons are shown only masked per the policy
 * (A7), and only where a current public black-list entry publishes them; never by ID number.
 */
import type { Sealer } from '../../platform/crypto/sealing.ts';
import { sm3Bytes } from '../../platform/crypto/sm3.ts';
import { AppError, badRequest, notFound } from '../../platform/errors.ts';
import { ANONYMOUS } from '../access/actor.ts';
import {
  type CatalogItemVersion,
  type CatalogRepository,
  GROUND_FIELDS,
  groundOf,
} from '../catalog/index.ts';
import type { Store } from '../database.ts';
import type { DepartmentsRepository } from '../departments/departments.repository.ts';
import type { ListTypesService } from '../lists/list-types.service.ts';
import { SCENARIOS } from '../measures/index.ts';
import type { MeasuresService } from '../measures/measures.service.ts';
import { maskCitizenId, maskPersonName, type Policy } from '../policy/index.ts';
import type { RecordsReader, RecordView } from '../records/records-read.service.ts';
import { parseSearchQuery } from '../subject-search/search-text.ts';
import type { SubjectSearchRepository } from '../subject-search/subject-search.repository.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';
import { EXPORT_CAP, type ExportTable } from './list-export.ts';
import {
  type PublicEntryFilter,
  type PublicEntryRow,
  publicDisclosureRepository as repo,
} from './public-disclosure.repository.ts';
import { groupOf, PUBLIC_GROUP_LABELS, PUBLIC_GROUPS, type PublicGroup } from './public-groups.ts';
import { publicPolicy } from './public-policy.ts';
import type { ReportRegistry } from './report-registry.ts';

export type PublicDisclosureDeps = {
  store: Store;
  sealer: Pick<Sealer, 'open'>;
  policy: Policy;
  policyFingerprint: string;
  today: () => string;
  codes: { normalize(code: string): string };
  subjects: Pick<SubjectsRepository, 'findByCode' | 'findById'>;
  subjectSearch: Pick<SubjectSearchRepository, 'search'>;
  records: Pick<RecordsReader, 'readable'>;
  catalog: Pick<CatalogRepository, 'list' | 'version'>;
  listTypes: Pick<ListTypesService, 'list'>;
  departments: Pick<DepartmentsRepository, 'list'>;
  regions: { list(): Promise<{ code: string; name: string; fullName: string }[]> };
  measures: Pick<MeasuresService, 'list'>;
  /** the procedures in progress on records (record key → id): objections and repairs (A16, A19) */
  openObjections: (recordKeys: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  repairs: (recordKeys: readonly string[]) => Promise<{ open: ReadonlyMap<string, string> }>;
  /** the credit reports issued (issue 19), for their verification */
  reports: ReportRegistry;
};

/** Results per page of the search box. */
export const SEARCH_PAGE_SIZE = 20;
/** The search reads this far at most (ten pages); past it the portal asks for a narrower query. */
export const SEARCH_DEPTH = 200;
/** Persons matched by name before their publication is checked (A7: only black-listed ones show). */
const PERSON_CANDIDATES = 100;

/** Fields that hold a person's name (A7): shown masked to the public. */
const PERSON_NAME_FIELDS = new Set(['legalRepresentative']);

const PROCEDURE_LABELS = {
  objection: { zh: '异议处理中', en: 'under objection (A16)' },
  repair: { zh: '信用修复办理中', en: 'repair in progress (A19, B32)' },
} as const;

const subjectNotFound = () =>
  new AppError('SUBJECT_NOT_FOUND', 404, '平台上没有这个信息主体', 'No such subject on the platform');
const personNotFound = () =>
  notFound(
    'PUBLIC_PERSON_NOT_FOUND',
    '没有这条公示信息：该名单信息可能已到期移出、已修复或已撤销',
    'No such published entry: it may have expired, been repaired or withdrawn',
  );
const reportNotFound = () =>
  notFound(
    'REPORT_NOT_FOUND',
    '没有查到这份信用报告：平台未出具过该编号和校验码的信用报告，请核对报告上印的报告编号和校验码；报告真伪以本平台查询结果为准',
    'No credit report was issued with that number and verification code: check both as printed on the report; only this platform’s answer proves a report genuine',
  );

/** A report PDF uploaded for comparison (issue 17): reports are a few pages; well above any. */
export const REPORT_FILE_MAX_BYTES = 10 * 1024 * 1024;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const FILE_MATCHES = {
  zh: '文件一致：该 PDF 与平台出具时的报告文件完全相同',
  en: 'The file matches: this PDF is exactly the report file the platform issued',
};
const FILE_DIFFERS = {
  zh: '文件不一致：该 PDF 与平台出具的报告文件不同，可能被修改过或不是该编号的报告；请以平台核验结果为准',
  en: 'The file differs from the report the platform issued: it may have been altered, or be another report; rely on the platform’s answer',
};

type Polarity = 'red' | 'black';

/** Articles in the text's order: A5(2) before A5(10), A before D. */
const byArticle = (a: { code: string }, b: { code: string }) =>
  a.code.localeCompare(b.code, 'en', { numeric: true });
type Procedure = { kind: 'objection' | 'repair'; label: { zh: string; en: string } } | null;

export function publicDisclosureService(deps: PublicDisclosureDeps) {
  const db = deps.store.db;
  const { policy } = deps;

  // reference data, read once per call (small tables; a list page or profile needs a few of them)
  // GB/T 2260 names, loaded by `init` and not edited while serving: read once
  let regionNames: Promise<Map<string, string>> | undefined;
  const regionsOnce = () => {
    regionNames ??= deps.regions.list().then((rs) => new Map(rs.map((r) => [r.code, r.fullName || r.name])));
    const loading = regionNames;
    // before `init` there are none yet: asked again next time
    void loading.then((m) => {
      if (m.size === 0 && regionNames === loading) regionNames = undefined;
    });
    return loading;
  };
  const names = async () => {
    const [departments, region, listTypes] = await Promise.all([
      deps.departments.list(),
      regionsOnce(),
      deps.listTypes.list(),
    ]);
    return {
      department: new Map(departments.map((d) => [d.code, d.name])),
      region,
      listType: new Map(listTypes.map((t) => [t.code, { name: t.name, polarity: t.polarity }])),
    };
  };
  type Names = Awaited<ReturnType<typeof names>>;

  /** The list types of a polarity and the public catalog items that feed them (B18 社会公开). */
  async function scopeOf(
    polarity: Polarity,
    only?: string,
  ): Promise<Pick<PublicEntryFilter, 'listTypes' | 'items'>> {
    const types = (await deps.listTypes.list()).filter((t) => t.polarity === polarity).map((t) => t.code);
    if (only !== undefined && !types.includes(only)) {
      throw badRequest(
        'PUBLIC_LIST_TYPE_INVALID',
        `名单类型 ${only} 不属于${polarity === 'red' ? '红名单' : '黑名单'}：可选 ${types.join('、')}`,
        `List type ${only} is not a ${polarity} list: choose one of ${types.join(', ')}`,
        { allowed: types },
      );
    }
    const listTypes = only === undefined ? types : [only];
    const items = (await deps.catalog.list())
      .filter((i) => i.usageScope === 'public' && i.listType !== null && listTypes.includes(i.listType))
      .map((i) => i.code);
    return { listTypes, items };
  }

  const procedureOf = (
    key: string,
    objections: ReadonlyMap<string, string>,
    repairs: ReadonlyMap<string, string>,
  ): Procedure =>
    objections.has(key)
      ? { kind: 'objection', label: PROCEDURE_LABELS.objection }
      : repairs.has(key)
        ? { kind: 'repair', label: PROCEDURE_LABELS.repair }
        : null;

  async function proceduresOf(keys: readonly string[]) {
    const [objections, repairs] = await Promise.all([deps.openObjections(keys), deps.repairs(keys)]);
    return (key: string) => procedureOf(key, objections, repairs.open);
  }

  const text = (value: unknown): string | null =>
    typeof value === 'string' && value.trim() !== '' ? value : null;

  /** A person as the public sees it (A7): masked name and code, the handle of one published entry. */
  const maskedPerson = (row: PublicEntryRow) => ({
    kind: 'person' as const,
    handle: row.id,
    name: maskPersonName(policy, row.subject_name),
    code: maskCitizenId(policy, deps.sealer.open(row.subject_code_sealed)),
  });

  /** One list entry as the lists and a person's page show it. */
  function entryView(row: PublicEntryRow, fields: Record<string, unknown>, n: Names, procedure: Procedure) {
    const person = row.subject_kind === 'person';
    const type = n.listType.get(row.list_type);
    const representative = text(fields.legalRepresentative);
    return {
      id: row.id,
      listType: row.list_type,
      listName: type?.name ?? row.list_type,
      subject: person
        ? {
            ...maskedPerson(row),
            // decision 0038: a person is published through black-list entries only; a red-list
            // entry has no person's page to link to
            handle: type?.polarity === 'black' ? row.id : null,
            regionName: null,
          }
        : {
            kind: 'organization' as const,
            handle: null,
            name: row.subject_name,
            code: deps.sealer.open(row.subject_code_sealed),
            regionName: row.subject_region ? (n.region.get(row.subject_region) ?? null) : null,
          },
      // the ground as an article (what the `ground` filter takes) and as the decision words it
      ground: row.ground,
      groundText: text(fields.dishonestyType) ?? text(fields.ground),
      severity: row.severity,
      honorName: text(fields.honorName),
      identifyingUnit: text(fields.identifyingUnit),
      documentNumber: text(fields.documentNumber),
      legalBasis: text(fields.legalBasis),
      legalRepresentative: !person && representative ? maskPersonName(policy, representative) : null,
      provider: {
        code: row.provider_department,
        name: n.department.get(row.provider_department) ?? row.provider_department,
      },
      listedOn: row.identified_on,
      validUntil: row.valid_until,
      validityEndsOn: row.validity_ends_on,
      procedure,
    };
  }
  type EntryView = ReturnType<typeof entryView>;

  async function entryViews(rows: readonly PublicEntryRow[], n: Names): Promise<EntryView[]> {
    const fields = await repo.fieldsOfRecords(
      db,
      rows.map((r) => r.record_id),
    );
    const procedure = await proceduresOf(rows.map((r) => r.record_key));
    return rows.map((r) => entryView(r, fields.get(r.record_id) ?? {}, n, procedure(r.record_key)));
  }

  // -------------------------------------------------------------------------------------------------
  // 1. Search

  const CODE_SHAPE = /^[0-9A-Z]{18}$/;
  /** An id no subject has (the nil UUID). */
  const NO_SUBJECT = '00000000-0000-0000-0000-000000000000';

  async function search(q: string, page: number) {
    const n = await names();
    const black = await scopeOf('black');
    const red = await scopeOf('red');
    const compact = deps.codes.normalize(q.replace(/\s+/g, ''));
    type Result =
      | {
          kind: 'organization';
          name: string;
          code: string;
          regionCode: string | null;
          regionName: string | null;
          counts: { red: number; black: number };
          profileUrl: string;
        }
      | {
          kind: 'person';
          handle: string;
          name: string;
          code: string;
          counts: { red: number; black: number };
          entriesUrl: string;
        };
    const organizations: { id: string; name: string; code: string; regionCode: string | null }[] = [];
    const personIds: string[] = [];
    let kind: 'code' | 'name';
    if (CODE_SHAPE.test(compact)) {
      // An 18-character code reaches organizations only (A7): a person's ID number finds nothing,
      // answered as an unknown code — the same body and the same queries (the code's look-up and one
      // entries query), so neither the answer nor its timing confirms a number the mask hides.
      kind = 'code';
      const subject = await deps.subjects.findByCode(compact);
      if (subject?.kind === 'organization') {
        organizations.push({
          id: subject.id,
          name: subject.name,
          code: subject.code,
          regionCode: subject.regionCode,
        });
      }
    } else {
      kind = 'name';
      const query = parseSearchQuery(q);
      const depth = Math.min(page * SEARCH_PAGE_SIZE + 1, SEARCH_DEPTH + 1);
      for (const hit of await deps.subjectSearch.search(query, { kind: 'organization', limit: depth })) {
        organizations.push({ id: hit.subjectId, name: hit.name, code: hit.code, regionCode: hit.regionCode });
      }
      for (const hit of await deps.subjectSearch.search(query, {
        kind: 'person',
        limit: PERSON_CANDIDATES,
      })) {
        personIds.push(hit.subjectId);
      }
    }
    // A7: a person appears only through a current public black-list entry (newest first: its handle)
    const personEntries = await repo.entriesOfSubjects(db, personIds, black, deps.today());
    const published = new Map<string, PublicEntryRow[]>();
    for (const e of personEntries) published.set(e.subject_id, [...(published.get(e.subject_id) ?? []), e]);
    const orgEntries = await repo.entriesOfSubjects(
      db,
      // a code search that found no organization still runs the query, for an id no row has
      organizations.length === 0 && kind === 'code' ? [NO_SUBJECT] : organizations.map((o) => o.id),
      { listTypes: [...black.listTypes, ...red.listTypes], items: [...black.items, ...red.items] },
      deps.today(),
    );
    const counts = new Map<string, { red: number; black: number }>();
    for (const e of orgEntries) {
      const c = counts.get(e.subject_id) ?? { red: 0, black: 0 };
      if (black.listTypes.includes(e.list_type)) c.black++;
      else c.red++;
      counts.set(e.subject_id, c);
    }
    const all: Result[] = [
      ...organizations.map(
        (o): Result => ({
          kind: 'organization',
          name: o.name,
          code: o.code,
          regionCode: o.regionCode,
          regionName: o.regionCode ? (n.region.get(o.regionCode) ?? null) : null,
          counts: counts.get(o.id) ?? { red: 0, black: 0 },
          profileUrl: `/api/v1/public/subjects/${o.code}/profile`,
        }),
      ),
      ...personIds.flatMap((id): Result[] => {
        const entries = published.get(id);
        if (!entries) return [];
        const p = maskedPerson(entries[0]!);
        return [
          {
            kind: 'person',
            handle: p.handle,
            name: p.name,
            code: p.code,
            counts: { red: 0, black: entries.length },
            entriesUrl: `/api/v1/public/persons/${p.handle}`,
          },
        ];
      }),
    ];
    const start = (page - 1) * SEARCH_PAGE_SIZE;
    const results = all.slice(start, start + SEARCH_PAGE_SIZE);
    return {
      // a code is not echoed: the answer to a person's ID number must not carry it (A7)
      query: { kind, text: kind === 'name' ? q : null },
      page,
      pageSize: SEARCH_PAGE_SIZE,
      hasMore: all.length > start + SEARCH_PAGE_SIZE && start + SEARCH_PAGE_SIZE < SEARCH_DEPTH,
      results,
      /** whether an answer names a person (masked): the route then forbids shared caching */
      personal: results.some((r) => r.kind === 'person'),
    };
  }

  // -------------------------------------------------------------------------------------------------
  // 2. The subject page

  // an item version never changes once published (catalog.ts): kept once read
  const items = new Map<string, CatalogItemVersion>();
  async function itemOf(code: string, version: number): Promise<CatalogItemVersion> {
    const key = `${code}@${version}`;
    let item = items.get(key);
    if (!item) {
      item = await deps.catalog.version(code, version);
      if (!item) throw new Error(`catalog item ${key} missing`);
      items.set(key, item);
    }
    return item;
  }

  function itemView(record: RecordView, item: CatalogItemVersion, group: PublicGroup, n: Names) {
    const fields: { key: string; label: string; value: unknown }[] = [];
    for (const f of item.fields) {
      const value = record.fields[f.key];
      if (value === null || value === undefined || value === '') continue;
      fields.push({
        key: f.key,
        label: f.label,
        value:
          PERSON_NAME_FIELDS.has(f.key) && typeof value === 'string' ? maskPersonName(policy, value) : value,
      });
    }
    return {
      id: record.id,
      group,
      item: item.code,
      itemName: item.name,
      provider: {
        code: record.providerDepartment,
        name: n.department.get(record.providerDepartment) ?? record.providerDepartment,
      },
      date: record.identifiedOn,
      dateLabel: item.identifiedOnLabel ?? '认定日期',
      legalBasis: { articles: [...item.basis], text: text(record.fields.legalBasis) },
      severity: record.severity,
      validUntil: text(record.fields.validUntil),
      validityEndsOn: record.validityEndsOn,
      publicationEndsOn: record.publicationEndsOn,
      state: record.state,
      procedure: record.procedure
        ? { kind: record.procedure.kind, label: PROCEDURE_LABELS[record.procedure.kind] }
        : null,
      fields,
    };
  }
  type ItemView = ReturnType<typeof itemView>;

  async function profile(code: string) {
    const subject = await deps.subjects.findByCode(deps.codes.normalize(code));
    // A7: a person's existence on the platform is not disclosed by ID number
    if (subject?.kind !== 'organization') throw subjectNotFound();
    const n = await names();
    const { records } = await deps.records.readable(ANONYMOUS, subject.id);
    const groups = new Map<PublicGroup, ItemView[]>(PUBLIC_GROUPS.map((g) => [g, []]));
    for (const record of records) {
      // the one read served only what is current and public (B18, B27, A12, A4, B8); checked again
      if (record.state !== 'current' || record.usageScope !== 'public') continue;
      const item = await itemOf(record.item, record.itemVersion);
      const group = groupOf(item, (t) => n.listType.get(t)?.polarity);
      groups.get(group)!.push(itemView(record, item, group, n));
    }
    for (const list of groups.values())
      list.sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
    const representativeId = subject.attributes.legalRepresentativeId;
    const representative =
      typeof representativeId === 'string' ? await deps.subjects.findById(representativeId) : undefined;
    return {
      subject: {
        kind: 'organization' as const,
        name: subject.name,
        code: subject.code,
        regionCode: subject.regionCode,
        regionName: subject.regionCode ? (n.region.get(subject.regionCode) ?? null) : null,
        legalForm: typeof subject.attributes.legalForm === 'string' ? subject.attributes.legalForm : null,
        legalRepresentative: representative ? maskPersonName(policy, representative.name) : null,
      },
      asOf: deps.today(),
      counts: Object.fromEntries(PUBLIC_GROUPS.map((g) => [g, groups.get(g)!.length])) as Record<
        PublicGroup,
        number
      >,
      groups: PUBLIC_GROUPS.map((g) => ({ group: g, label: PUBLIC_GROUP_LABELS[g], items: groups.get(g)! })),
    };
  }

  /** A published person (by the handle of one current public black-list entry): their public entries only. */
  async function person(handle: string) {
    const black = await scopeOf('black');
    const entry = await repo.entryById(db, handle.toLowerCase(), black, deps.today());
    if (entry?.subject_kind !== 'person') throw personNotFound();
    const n = await names();
    const rows = await repo.entriesOfSubjects(db, [entry.subject_id], black, deps.today());
    const p = maskedPerson(entry);
    return {
      handle: p.handle,
      name: p.name,
      code: p.code,
      asOf: deps.today(),
      entries: await entryViews(rows, n),
    };
  }

  // -------------------------------------------------------------------------------------------------
  // 3. The lists

  type ListQuery = {
    listType?: string | undefined;
    department?: string | undefined;
    ground?: string | undefined;
    listedFrom?: string | undefined;
    listedTo?: string | undefined;
    name?: string | undefined;
  };

  async function filterOf(polarity: Polarity, q: ListQuery): Promise<PublicEntryFilter> {
    if (q.listedFrom && q.listedTo && q.listedFrom > q.listedTo) {
      throw badRequest(
        'PUBLIC_LIST_DATES_INVALID',
        `列入日期的起始（${q.listedFrom}）不能晚于截止（${q.listedTo}）`,
        `listedFrom (${q.listedFrom}) is after listedTo (${q.listedTo})`,
      );
    }
    return {
      ...(await scopeOf(polarity, q.listType)),
      department: q.department,
      ground: q.ground,
      listedFrom: q.listedFrom,
      listedTo: q.listedTo,
      nameContains: q.name?.trim() || undefined,
    };
  }

  async function list(polarity: Polarity, q: ListQuery & { page: number; pageSize: number }) {
    const filter = await filterOf(polarity, q);
    const today = deps.today();
    const [total, rows, n] = await Promise.all([
      repo.countEntries(db, filter, today),
      repo.pageOfEntries(db, filter, today, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
      names(),
    ]);
    const entries = await entryViews(rows, n);
    return {
      list: polarity,
      asOf: today,
      page: q.page,
      pageSize: q.pageSize,
      total,
      entries,
      personal: entries.some((e) => e.subject.kind === 'person'),
    };
  }

  /**
   * What the list page's filters offer (issue 17): the polarity's list types, the departments that
   * provide its public items (B8 数据来源) and the grounds their rows state (A5, A6 by article: the
   * `ground` filter's values), all from the catalog and reference data — the browser invents none.
   */
  async function filters(polarity: Polarity) {
    const [types, items, departments] = await Promise.all([
      deps.listTypes.list(),
      deps.catalog.list(),
      deps.departments.list(),
    ]);
    const listTypes = types.filter((t) => t.polarity === polarity);
    const codes = new Set(listTypes.map((t) => t.code));
    const feeding = items.filter(
      (i) => i.usageScope === 'public' && i.listType !== null && codes.has(i.listType),
    );
    const providers = new Set(feeding.flatMap((i) => i.providerDepartments));
    const grounds = new Map<string, string>();
    for (const item of feeding) {
      const stated = item.fields
        .filter((f) => (GROUND_FIELDS as readonly string[]).includes(f.key))
        .flatMap((f) => f.values ?? []);
      for (const value of [...stated, ...(item.listGround ? [item.listGround] : [])]) {
        // the filter takes the entry's ground as stored: the article where the value starts with one
        const code = groundOf({ ground: value });
        if (code !== null && (!grounds.has(code) || grounds.get(code) === code)) grounds.set(code, value);
      }
    }
    return {
      list: polarity,
      listTypes: listTypes.map((t) => ({ code: t.code, name: t.name })),
      departments: departments
        .filter((d) => providers.has(d.code))
        .map((d) => ({ code: d.code, name: d.name })),
      grounds: [...grounds].map(([code, label]) => ({ code, label })).sort(byArticle),
    };
  }

  const EXPORT_HEADER = [
    '名单',
    '主体类型',
    '名称',
    '统一社会信用代码或身份号码',
    '所在地区',
    '列入事由',
    '失信程度',
    '荣誉或称号',
    '认定单位',
    '文书号',
    '法定代表人',
    '提供单位',
    '列入日期',
    '移出日期',
    '状态',
  ];

  async function exportTable(polarity: Polarity, q: ListQuery): Promise<ExportTable> {
    const filter = await filterOf(polarity, q);
    const today = deps.today();
    const n = await names();
    const total = await repo.countEntries(db, filter, today);
    const rows: string[][] = [];
    const PAGE = 1000;
    for (let offset = 0; offset < Math.min(total, EXPORT_CAP); offset += PAGE) {
      const page = await repo.pageOfEntries(db, filter, today, {
        limit: Math.min(PAGE, EXPORT_CAP - offset),
        offset,
      });
      if (page.length === 0) break;
      for (const e of await entryViews(page, n)) {
        rows.push([
          e.listName,
          e.subject.kind === 'person' ? '自然人' : '法人和其他组织',
          e.subject.name,
          e.subject.code,
          e.subject.regionName ?? '',
          e.groundText ?? e.ground ?? '',
          e.severity ?? '',
          e.honorName ?? '',
          e.identifyingUnit ?? '',
          e.documentNumber ?? '',
          e.legalRepresentative ?? '',
          e.provider.name,
          e.listedOn,
          e.validUntil ?? '',
          e.procedure?.label.zh ?? '',
        ]);
      }
    }
    return {
      title: polarity === 'red' ? `红名单-${today}` : `黑名单-${today}`,
      header: EXPORT_HEADER,
      rows,
      total,
    };
  }

  // -------------------------------------------------------------------------------------------------
  // 5. The rules in force; 6. report verification

  async function rules() {
    const [items, measures, departments, listTypes] = await Promise.all([
      deps.catalog.list(),
      deps.measures.list(),
      deps.departments.list(),
      deps.listTypes.list(),
    ]);
    return publicPolicy({
      policy,
      fingerprint: deps.policyFingerprint,
      items,
      measures,
      scenarios: SCENARIOS,
      listTypeNames: new Map(listTypes.map((t) => [t.code, t.name])),
      departmentNames: new Map(departments.map((d) => [d.code, d.name])),
    });
  }

  async function verifyReport(reportNo: string, code: string) {
    // the 校验码 as printed: letters and digits, read case-insensitively, spaces and hyphens ignored
    const normalized = code.replace(/[\s-]+/g, '').toUpperCase();
    // one look-up with both: a wrong code and an unknown number give the same answer
    const report = await deps.reports.find(reportNo.trim(), normalized);
    if (!report) throw reportNotFound();
    const person = report.subject.kind === 'person';
    return {
      valid: true as const,
      reportNo: report.reportNo,
      reportType: report.reportType,
      issuer: report.issuer,
      subject: {
        kind: report.subject.kind,
        name: person ? maskPersonName(policy, report.subject.name) : report.subject.name,
        code: person ? maskCitizenId(policy, report.subject.code) : report.subject.code,
      },
      period: report.period,
      issuedAt: report.issuedAt,
      pdfSm3: report.pdfSm3,
    };
  }

  /**
   * Issue 17: the holder of a report PDF checks the file itself — the platform computes its SM3 and
   * compares it with the digest recorded when the report was issued (the browser computes nothing).
   * The number and code are checked as by `verifyReport`, after the file is seen to be a PDF at all.
   */
  async function verifyReportFile(reportNo: string, code: string, bytes: Uint8Array) {
    if (bytes.length === 0 || !Buffer.from(bytes.subarray(0, 5)).equals(PDF_MAGIC)) {
      throw badRequest(
        'REPORT_FILE_NOT_PDF',
        '请上传信用报告的 PDF 文件（所选文件不是 PDF）',
        'Upload the credit report’s PDF file (the file sent is not a PDF)',
      );
    }
    const report = await verifyReport(reportNo, code);
    const sm3 = sm3Bytes(bytes);
    const matches = sm3 === report.pdfSm3.toLowerCase();
    return {
      report,
      file: { size: bytes.length, sm3, matches },
      message: matches ? FILE_MATCHES : FILE_DIFFERS,
    };
  }

  return { search, profile, person, list, filters, exportTable, rules, verifyReport, verifyReportFile };
}

export type PublicDisclosureService = ReturnType<typeof publicDisclosureService>;
