/** The public disclosure API's request and response schemas (issue 17; zod → validation, OpenAPI). */
import { z } from 'zod';

const Label = z.object({ zh: z.string(), en: z.string() });
const IsoDate = z.iso.date();
const Procedure = z
  .object({ kind: z.enum(['objection', 'repair']), label: Label })
  .nullable()
  .describe('正在进行的异议（A16）或信用修复（A19、B32）');
const Counts = z.object({ red: z.number().int(), black: z.number().int() });

export const SearchQuery = z
  .object({
    q: z.string().min(1).max(60).describe('名称（全称、部分、拼音、首字母、繁体）或 18 位统一社会信用代码'),
    page: z.coerce.number().int().min(1).max(10).default(1),
  })
  .strict();

export const SearchResponse = z.object({
  query: z.object({
    kind: z.enum(['name', 'code']),
    text: z.string().nullable().describe('按名称查询时的查询词；按代码查询时为 null（不回显代码）'),
  }),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
  results: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('organization'),
        name: z.string(),
        code: z.string(),
        regionCode: z.string().nullable(),
        regionName: z.string().nullable(),
        counts: Counts.describe('现行有效的红名单、黑名单条数'),
        profileUrl: z.string(),
      }),
      z.object({
        kind: z.literal('person'),
        handle: z
          .string()
          .describe('公示编号：该自然人一条现行黑名单公示的编号（不是身份号码）；到期移出后失效'),
        name: z.string().describe('按 A7 隐去部分姓名'),
        code: z.string().describe('按 A7 隐去部分身份号码'),
        counts: Counts,
        entriesUrl: z.string(),
      }),
    ]),
  ),
});

export const CodeParam = z.object({ code: z.string().min(1).max(64) });
export const HandleParam = z.object({ handle: z.uuid() });

const ProfileItem = z.object({
  id: z.string(),
  group: z.string(),
  item: z.string(),
  itemName: z.string(),
  provider: z.object({ code: z.string(), name: z.string() }).describe('信息提供单位'),
  date: z.string(),
  dateLabel: z.string().describe('日期的含义，如 处罚决定日期、认定日期'),
  legalBasis: z
    .object({ articles: z.array(z.string()), text: z.string().nullable() })
    .describe('目录项依据的条款；记录载明的法律依据'),
  severity: z.string().nullable(),
  validUntil: z.string().nullable().describe('记录载明的有效期至或移出日期（A12）'),
  validityEndsOn: z.string().nullable().describe('有效期的最后一天（B27）'),
  publicationEndsOn: z.string().nullable().describe('公示期限的最后一天（B8）'),
  state: z.string(),
  procedure: Procedure,
  fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.unknown() })),
});

export const ProfileResponse = z.object({
  subject: z.object({
    kind: z.literal('organization'),
    name: z.string(),
    code: z.string(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    legalForm: z.string().nullable(),
    legalRepresentative: z.string().nullable().describe('按 A7 隐去部分姓名'),
  }),
  asOf: z.string(),
  counts: z.record(z.string(), z.number().int()),
  groups: z.array(z.object({ group: z.string(), label: Label, items: z.array(ProfileItem) })),
});

const EntryView = z.object({
  id: z.string(),
  listType: z.string(),
  listName: z.string(),
  subject: z.object({
    kind: z.enum(['person', 'organization']),
    handle: z
      .string()
      .nullable()
      .describe(
        '失信黑名单上的自然人：公示编号（GET /api/v1/public/persons/{handle}）；红名单上的自然人和组织：null（决定 0038：自然人只经黑名单公示）/ a black-listed person: the handle of their page; a red-listed person and an organization: null (decision 0038)',
      ),
    name: z.string(),
    code: z.string(),
    regionName: z.string().nullable(),
  }),
  ground: z.string().nullable().describe('列入事由的条款（A5、A6），即筛选参数 ground 的取值'),
  groundText: z.string().nullable().describe('列入事由（名单所载）'),
  severity: z.string().nullable(),
  honorName: z.string().nullable(),
  identifyingUnit: z.string().nullable(),
  documentNumber: z.string().nullable(),
  legalBasis: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  provider: z.object({ code: z.string(), name: z.string() }),
  listedOn: z.string(),
  validUntil: z.string().nullable().describe('移出日期（A12）'),
  validityEndsOn: z.string().nullable(),
  procedure: Procedure,
});

export const PersonResponse = z.object({
  handle: z.string(),
  name: z.string(),
  code: z.string(),
  asOf: z.string(),
  entries: z.array(EntryView),
});

export const ListQuery = z
  .object({
    listType: z.string().max(40).optional().describe('名单类型（如 black、debtor、ec-black）；默认全部'),
    department: z.string().max(40).optional().describe('提供单位代码'),
    ground: z.string().max(200).optional().describe('列入事由，与名单所载完全一致'),
    listedFrom: IsoDate.optional(),
    listedTo: IsoDate.optional(),
    name: z
      .string()
      .trim()
      .max(50)
      .optional()
      .describe(
        '单位名称包含（只匹配组织；自然人按 A7 隐去部分姓名，不参与名称筛选）/ organization name contains (organizations only: persons are masked, A7, and never match a name filter)',
      ),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const ExportQuery = ListQuery.omit({ page: true, pageSize: true });

export const ListResponse = z.object({
  list: z.enum(['red', 'black']),
  asOf: z.string(),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  entries: z.array(EntryView),
});

const Rule = z.object({
  key: z.string(),
  label: Label,
  value: z.record(z.string(), z.unknown()),
  text: z.string(),
  articles: z.array(z.string()),
  decided: z.boolean().describe('原文未规定、由平台决定的数值（note 说明理由）'),
  note: Label.nullable().describe(
    '说明（起算点、平台决定的理由），中文和英文 / why or how it is counted, in Chinese and English',
  ),
});

export const PolicyResponse = z.object({
  policy: z.object({
    id: z.string(),
    version: z.string(),
    digest: z.string(),
    title: z.string(),
    titleEn: z.string(),
    documentNumber: z.string().nullable(),
    issuer: z.string().nullable(),
    issuedOn: z.string().nullable(),
    effectiveFrom: z.string(),
  }),
  sections: z.array(z.object({ key: z.string(), title: Label, rules: z.array(Rule) })),
  publication: z.array(
    z.object({
      item: z.string(),
      name: z.string(),
      category: z.string(),
      categoryLabel: z.string(),
      usagePeriod: z.record(z.string(), z.number()).nullable(),
      usagePeriodText: z.string(),
      publicationPeriod: z.record(z.string(), z.number()).nullable(),
      publicationPeriodText: z.string(),
      articles: z.array(z.string()),
    }),
  ),
  measures: z.array(
    z.object({
      scenario: z.string(),
      name: z.string(),
      nameEn: z.string(),
      articles: z.array(z.string()),
      measures: z.array(
        z.object({
          code: z.string(),
          title: z.string(),
          text: z.string(),
          article: z.string(),
          effect: z.string(),
          listTypes: z.array(z.object({ code: z.string(), name: z.string() })),
          subjectKinds: z.array(z.string()),
          legalBasis: z.array(z.object({ document: z.string(), provision: z.string().nullable() })),
          implementingDepartments: z.array(z.object({ code: z.string(), name: z.string() })),
        }),
      ),
    }),
  ),
  free: Label.describe('信用修复免费，谨防诈骗'),
});

export const VerifyQuery = z
  .object({
    no: z.string().trim().min(1).max(64).describe('报告编号'),
    code: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .describe(
        '报告上印的校验码（与报告编号一同印在每一页，扫码自动填入）/ the verification code printed on the report',
      ),
  })
  .strict();

export const VerifyResponse = z.object({
  valid: z.literal(true),
  reportNo: z.string(),
  reportType: z.object({ code: z.string(), name: z.string() }),
  issuer: z.object({ department: z.string(), name: z.string() }),
  subject: z.object({
    kind: z.enum(['person', 'organization']),
    name: z.string().describe('自然人按 A7 隐去部分姓名'),
    code: z.string().describe('自然人按 A7 隐去部分身份号码'),
  }),
  period: z.object({ from: z.string(), to: z.string() }),
  issuedAt: z.string(),
  pdfSm3: z.string().describe('报告 PDF 文件的 SM3 摘要：与手中的文件比对'),
});

const Option = z.object({ code: z.string(), name: z.string() });

export const ListFiltersResponse = z.object({
  list: z.enum(['red', 'black']),
  listTypes: z.array(Option).describe('名单类型：筛选参数 listType 的取值'),
  departments: z
    .array(Option)
    .describe('报送这些名单的提供单位（目录的数据来源，B8）：筛选参数 department 的取值'),
  grounds: z
    .array(z.object({ code: z.string(), label: z.string() }))
    .describe('列入事由（A5、A6，按条款）：code 为筛选参数 ground 的取值，label 为名单所载的文字'),
});

export const VerifyFileResponse = z.object({
  report: VerifyResponse,
  file: z.object({
    size: z.number().int().describe('上传文件的字节数'),
    sm3: z.string().describe('上传文件的 SM3 摘要（平台计算）'),
    matches: z.boolean().describe('是否与平台出具时的 PDF 摘要一致'),
  }),
  message: Label.describe('比对结论'),
});
