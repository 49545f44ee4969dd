import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { REPAIR_IS_FREE } from '../procedures/repairs.service.ts';
import { capNote, EXPORT_CAP, toCsv, toXlsx, XLSX_TYPE } from './list-export.ts';
import {
  CodeParam,
  ExportQuery,
  HandleParam,
  ListFiltersResponse,
  ListQuery,
  ListResponse,
  PersonResponse,
  PolicyResponse,
  ProfileResponse,
  SearchQuery,
  SearchResponse,
  VerifyFileResponse,
  VerifyQuery,
  VerifyResponse,
} from './public-disclosure.api.ts';
import { type PublicDisclosureService, REPORT_FILE_MAX_BYTES } from './public-disclosure.service.ts';

/** The platform's error body, as every 4xx of these routes sends it. */
const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    message_en: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, ErrorResponse.describe(`错误 / error (${s})`)]));

export type PublicDisclosureRoutesDeps = {
  publicDisclosure: PublicDisclosureService;
  policy: { access: { rateLimits: { publicPerMinute: number } } };
};

type Reply = { header(name: string, value: string): unknown };
/** Answers naming a person (masked) are never kept by a shared cache (public-cache.ts). */
const personalIf = (reply: Reply, personal: boolean) => {
  if (personal) reply.header('Cache-Control', 'no-store');
};

/**
 * Issue 17: the public disclosure API the portal (信用淮安) reads, no login: search, an organization's
 * page, a published person's entries, the red and black lists and their exports, the rules in force,
 * and report verification. Every route is public with its reason, rate-limited per client address
 * (the policy's `publicPerMinute`, A7, C §4) and ETag-cached (`publicCache`, platform/http/public-cache.ts).
 */
export function publicDisclosureRoutes(ctx: PublicDisclosureRoutesDeps) {
  const service = ctx.publicDisclosure;
  const rateLimit = { max: ctx.policy.access.rateLimits.publicPerMinute, timeWindow: 60_000 };
  const config = (reason: string, cache: { personal?: boolean } = {}) => ({
    access: { kind: 'public', reason } as const,
    rateLimit,
    publicCache: cache,
  });

  return (app: HttpApp) => {
    app.get(
      '/api/v1/public/search',
      {
        schema: {
          tags: ['public'],
          operationId: 'publicSearch',
          summary: '信用信息查询：名称或统一社会信用代码 / search by name or code (no login)',
          description:
            '一个搜索框：名称（全称、部分、拼音、首字母、繁体）或 18 位代码。结果列出组织；自然人仅在按名称查询且有现行公开的黑名单信息时列出，姓名和身份号码按 A7 隐去，以公示编号（handle）标识。代码查询只查组织：身份号码与未知代码一样返回空结果。\n' +
            'One box: a name (full, partial, pinyin, initials, traditional) or an 18-character code. Organizations are listed; a person only by name and while a current public black-list entry publishes them, masked (A7) and identified by a handle. A code search reaches organizations only: a person’s ID number finds nothing, exactly as an unknown code.',
          querystring: SearchQuery,
          response: { 200: SearchResponse, ...errors(400, 429) },
        },
        config: config(
          'A7, A9, B18: public information is searchable by anyone; persons only masked and only when black-listed',
        ),
      },
      async (request, reply) => {
        const { personal, ...answer } = await service.search(request.query.q, request.query.page);
        personalIf(reply, personal);
        return answer;
      },
    );

    app.get(
      '/api/v1/public/subjects/:code/profile',
      {
        schema: {
          tags: ['public'],
          operationId: 'publicSubjectProfile',
          summary:
            '组织的公示信用信息（按信用报告分组）/ an organization’s public credit information, grouped',
          description:
            '基础信息、行政许可、行政处罚（双公示，仅在公示期内）、守信激励、严重失信主体名单、信用承诺、其他；每条信息注明提供单位、日期、依据、有效期和公示期、是否正在异议或修复。只含社会公开且现行有效的信息。自然人不在此公开。\n' +
            'Grouped like a national credit report; each item with its provider, date, legal basis, validity and publication end, and any objection or repair in progress. Only public, current information. Persons are refused.',
          params: CodeParam,
          response: { 200: ProfileResponse, ...errors(404, 429) },
        },
        config: config(
          'A9, B18, B24, C §6(3): an organization’s public credit information is disclosed to anyone',
        ),
      },
      async (request, reply) => {
        reply.header('X-Robots-Tag', 'noindex');
        return service.profile(request.params.code);
      },
    );

    app.get(
      '/api/v1/public/persons/:handle',
      {
        schema: {
          tags: ['public'],
          operationId: 'publicPersonEntries',
          summary: '自然人的公示黑名单信息（按公示编号）/ a published person’s black-list entries, by handle',
          description:
            '只含该自然人现行公开的黑名单信息，姓名、身份号码按 A7 隐去；不含性别、年龄、工作单位和事实描述。\n' +
            'Only the person’s current public black-list entries, masked per A7; no gender, age, employer or facts.',
          params: HandleParam,
          response: { 200: PersonResponse, ...errors(400, 404, 429) },
        },
        config: config('A7, A9, A12: a black-listed person’s entry is published masked while it runs', {
          personal: true,
        }),
      },
      async (request, reply) => {
        reply.header('X-Robots-Tag', 'noindex');
        return service.person(request.params.handle);
      },
    );

    for (const polarity of ['red', 'black'] as const) {
      const zh = polarity === 'red' ? '红名单' : '黑名单';
      const reason = `A7, A9, A12: the ${polarity} lists are published for their publication period`;
      app.get(
        `/api/v1/public/lists/${polarity}`,
        {
          schema: {
            tags: ['public'],
            operationId: polarity === 'red' ? 'publicRedList' : 'publicBlackList',
            summary: `${zh}公示 / the ${polarity} lists (current public entries, newest first)`,
            description:
              `现行有效、社会公开的${zh}信息，按列入日期从新到旧；可按名单类型、提供单位、列入事由、列入日期、单位名称筛选（名称筛选只匹配组织：自然人按 A7 隐去姓名，不参与名称筛选；红名单上的自然人不给公示编号）。已到期移出、已修复、已撤销的不在其中。自然人按 A7 隐去姓名和身份号码。\n` +
              `Current public ${polarity}-list entries, newest first; filters by list type, department, ground, listing date and organization name (the name filter matches organizations only: persons are masked per A7 and never match it; a red-listed person has no handle). Expired, repaired and withdrawn entries are gone. Persons masked per A7.`,
            querystring: ListQuery,
            response: { 200: ListResponse, ...errors(400, 429) },
          },
          config: config(reason),
        },
        async (request, reply) => {
          const { personal, ...answer } = await service.list(polarity, request.query);
          personalIf(reply, personal);
          return answer;
        },
      );

      app.get(
        `/api/v1/public/lists/${polarity}/filters`,
        {
          schema: {
            tags: ['public'],
            operationId: polarity === 'red' ? 'publicRedListFilters' : 'publicBlackListFilters',
            summary: `${zh}的筛选项 / what the ${polarity} lists can be filtered by`,
            description:
              `${zh}的名单类型、报送单位（目录的数据来源）和列入事由（按条款），即列表筛选参数 listType、department、ground 的取值。\n` +
              `The ${polarity} list types, the departments that provide them (the catalog's data sources) and the grounds by article: the values of the list's listType, department and ground filters.`,
            response: { 200: ListFiltersResponse, ...errors(429) },
          },
          config: config(reason),
        },
        async () => service.filters(polarity),
      );

      for (const format of ['csv', 'xlsx'] as const) {
        app.get(
          `/api/v1/public/lists/${polarity}/export.${format}`,
          {
            schema: {
              tags: ['public'],
              operationId: `public${polarity === 'red' ? 'Red' : 'Black'}ListExport${format === 'csv' ? 'Csv' : 'Xlsx'}`,
              summary: `导出${zh}（${format.toUpperCase()}）/ export the ${polarity} lists as ${format}`,
              description:
                `与列表相同的筛选（名称筛选只匹配组织），最多导出最新的 ${EXPORT_CAP} 条（响应头 X-Export-Cap、X-Total-Count、X-Export-Truncated；超出时文件末行注明）。CSV 为带 BOM 的 UTF-8，以 = + - @ 开头的单元格前加 '。\n` +
                `The list's filter (the name filter matches organizations only); at most the newest ${EXPORT_CAP} rows (headers X-Export-Cap, X-Total-Count, X-Export-Truncated; a last row says so when cut). CSV is UTF-8 with a BOM, cells starting with = + - @ prefixed with '.`,
              querystring: ExportQuery,
              response: {
                200: {
                  description:
                    format === 'csv'
                      ? '名单的 CSV 文件（带 BOM 的 UTF-8）/ the list as CSV (UTF-8 with a BOM)'
                      : '名单的 Excel 工作簿（.xlsx）/ the list as an Excel workbook (.xlsx)',
                  content: {
                    [format === 'csv' ? 'text/csv' : XLSX_TYPE]: {
                      schema: format === 'csv' ? z.string() : z.string().meta({ format: 'binary' }),
                    },
                  },
                },
                ...errors(400, 429),
              },
            },
            config: config(reason),
          },
          async (request, reply) => {
            const table = await service.exportTable(polarity, request.query);
            const file = `${table.title}.${format}`;
            reply.header('X-Export-Cap', String(EXPORT_CAP));
            reply.header('X-Total-Count', String(table.total));
            reply.header('X-Export-Truncated', capNote(table) ? 'true' : 'false');
            reply.header(
              'Content-Disposition',
              `attachment; filename="${polarity}-list.${format}"; filename*=UTF-8''${encodeURIComponent(file)}`,
            );
            reply.header('X-Content-Type-Options', 'nosniff');
            if (table.rows.some((r) => r[1] === '自然人')) reply.header('Cache-Control', 'no-store');
            if (format === 'csv') {
              reply.type('text/csv; charset=utf-8');
              return reply.send(toCsv(table) as never);
            }
            reply.type(XLSX_TYPE);
            return reply.send((await toXlsx(table)) as never);
          },
        );
      }
    }

    app.get(
      '/api/v1/public/policy',
      {
        schema: {
          tags: ['public'],
          operationId: 'publicPolicy',
          summary: '现行信用规则（含条款）/ the rules in force, with their articles',
          description:
            '政策编号和版本；失信信息有效期（B27）；红黑名单推送、公示和移出（A9、A12、A4）；异议期限（A16、B29）；信用修复条件和期限（A18–A19、B31–B32 或国家规定）；各公开目录项的使用期限和公示期限（B8）；各业务场景的联合奖惩措施及法律依据（A13、A14、D §5）。\n' +
            'The policy id and version; validity (B27); list push, publication and removal (A9, A12, A4); objection deadlines (A16, B29); repair conditions and periods; each public item’s usage and publication periods (B8); the joint measures by scenario with their legal basis.',
          response: { 200: PolicyResponse, ...errors(429) },
        },
        config: config('A7 objectivity: the rules applied to everyone are public'),
      },
      async () => ({ ...(await service.rules()), free: REPAIR_IS_FREE }),
    );

    app.get(
      '/api/v1/public/reports/verify',
      {
        schema: {
          tags: ['public'],
          operationId: 'publicVerifyReport',
          summary:
            '信用报告真伪核验：报告编号和校验码 / verify a credit report by its number and verification code',
          description:
            '报告编号和报告上印的校验码（code）都正确时返回出具单位、报告类型、主体（自然人隐去部分信息）、报告期间、出具时间和 PDF 的 SM3 摘要；否则一律返回 REPORT_NOT_FOUND（404）。\n' +
            'With the right report number and the verification code printed on the report (code): the issuer, report type, subject (a person masked), period, issue time and the SM3 of the PDF; otherwise always REPORT_NOT_FOUND (404).',
          querystring: VerifyQuery,
          response: { 200: VerifyResponse, ...errors(400, 404, 429) },
        },
        config: config('C §5(3): anyone handed a credit report may check it was issued by the platform', {
          personal: true,
        }),
      },
      async (request) => service.verifyReport(request.query.no, request.query.code),
    );

    // The report PDF itself as the body, in a scope of its own (the rest of the API parses JSON only).
    app.register(async (plugin) => {
      const scope = plugin as unknown as HttpApp;
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(
        '*',
        { parseAs: 'buffer', bodyLimit: REPORT_FILE_MAX_BYTES },
        (_request, body, done) => done(null, body),
      );
      scope.setErrorHandler((error: { code?: string }) => {
        throw error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? reportFileTooLarge() : error;
      });
      scope.post(
        '/api/v1/public/reports/verify-file',
        {
          bodyLimit: REPORT_FILE_MAX_BYTES,
          schema: {
            tags: ['public'],
            operationId: 'publicVerifyReportFile',
            summary: '上传信用报告 PDF 核验文件是否被修改 / check a report PDF against the one issued',
            description:
              `请求体即 PDF 文件本身（不用表单；Content-Type 可为 application/pdf 或 application/octet-stream），不超过 ${REPORT_FILE_MAX_BYTES / 1024 / 1024} MB；报告编号和校验码放在查询参数中（no、code）。平台计算文件的 SM3 摘要，与出具时记录的摘要比对（matches）。编号或校验码不对：REPORT_NOT_FOUND（404）；不是 PDF：REPORT_FILE_NOT_PDF（400）。文件不保存。\n` +
              `The body is the PDF itself (not a form; Content-Type application/pdf or application/octet-stream), at most ${REPORT_FILE_MAX_BYTES / 1024 / 1024} MiB; the report number and its verification code in the query (no, code). The platform computes the file's SM3 and compares it with the digest recorded at issue (matches). A wrong number or verification code: REPORT_NOT_FOUND (404); not a PDF: REPORT_FILE_NOT_PDF (400). The file is not kept.`,
            querystring: VerifyQuery,
            consumes: ['application/pdf', 'application/octet-stream'],
            response: { 200: VerifyFileResponse, ...errors(400, 404, 413, 429) },
          },
          config: {
            access: {
              kind: 'public',
              reason: 'C §5(3): anyone handed a credit report may check the file is the one issued',
            } as const,
            // a file to hash: a tenth of the public rate, as the public's other write
            rateLimit: { ...rateLimit, max: Math.max(1, Math.floor(rateLimit.max / 10)) },
          },
        },
        async (request, reply) => {
          reply.header('Cache-Control', 'no-store');
          const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          return service.verifyReportFile(request.query.no, request.query.code, bytes);
        },
      );
    });
  };
}

const reportFileTooLarge = () =>
  new AppError(
    'REPORT_FILE_TOO_LARGE',
    413,
    `文件超过 ${REPORT_FILE_MAX_BYTES / 1024 / 1024} MB：请上传平台出具的信用报告 PDF`,
    `The file exceeds ${REPORT_FILE_MAX_BYTES / 1024 / 1024} MiB: upload the report PDF the platform issued`,
  );
