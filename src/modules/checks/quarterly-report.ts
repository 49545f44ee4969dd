/**
 * The quarterly report of joint incentives and punishments (A21: 各职能部门应当每季度向市信用办报送
 * 信用联合奖惩实施情况报告): per department and quarter — checks made, subjects checked, hits by
 * decision, measures applied by code (from feedback), feedback received and missing. Counted in China
 * dates from the recorded checks; nothing is typed in by hand.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { fromJson } from '../../platform/db/engine.ts';
import { badRequest } from '../../platform/errors.ts';
import { daysInMonth, formatIsoDate } from '../../platform/iso-date.ts';
import type { Database } from '../database.ts';

export type QuarterRange = { quarter: string; from: string; to: string };

/** `2026Q4` → 2026-10-01 … 2026-12-31 (China dates). */
export function quarterRange(quarter: string): QuarterRange {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) {
    throw badRequest('REPORT_QUARTER_INVALID', '季度应写作如 2026Q4', 'A quarter is written like 2026Q4', {
      field: 'quarter',
    });
  }
  const year = Number(m[1]);
  const q = Number(m[2]);
  const first = (q - 1) * 3 + 1;
  const last = first + 2;
  return {
    quarter,
    from: formatIsoDate(year, first, 1),
    to: formatIsoDate(year, last, daysInMonth(year, last)),
  };
}

export type DepartmentQuarter = {
  department: string;
  departmentName: string;
  checks: number;
  subjectsChecked: number;
  hits: { block: number; warn: number; favor: number; total: number };
  feedbackReceived: number;
  feedbackMissing: number;
  measuresApplied: Record<string, number>;
};

export type QuarterlyReport = QuarterRange & { departments: DepartmentQuarter[] };

export async function quarterlyReport(
  db: Kysely<Database>,
  quarter: string,
  department?: string,
): Promise<QuarterlyReport> {
  const range = quarterRange(quarter);
  const rows = new Map<string, DepartmentQuarter>();
  const names = new Map(
    (await db.selectFrom('departments').select(['code', 'name']).execute()).map((d) => [d.code, d.name]),
  );
  const row = (code: string) => {
    let r = rows.get(code);
    if (!r) {
      r = {
        department: code,
        departmentName: names.get(code) ?? code,
        checks: 0,
        subjectsChecked: 0,
        hits: { block: 0, warn: 0, favor: 0, total: 0 },
        feedbackReceived: 0,
        feedbackMissing: 0,
        measuresApplied: {},
      };
      rows.set(code, r);
    }
    return r;
  };

  let checks = db
    .selectFrom('checks')
    .select((eb) => [
      'department',
      eb.fn.countAll().as('n'),
      eb.fn.sum<string>('subject_count').as('subjects'),
    ])
    .where('check_day', '>=', range.from)
    .where('check_day', '<=', range.to)
    .where('department', 'is not', null)
    .groupBy('department');
  if (department) checks = checks.where('department', '=', department);
  for (const c of await checks.execute()) {
    const r = row(c.department!);
    r.checks = Number(c.n);
    r.subjectsChecked = Number(c.subjects ?? 0);
  }

  let hits = db
    .selectFrom('check_hits as h')
    .leftJoin('check_feedback as f', (j) =>
      j.onRef('f.check_id', '=', 'h.check_id').onRef('f.position', '=', 'h.position'),
    )
    .select((eb) => [
      'h.department',
      'h.decision',
      eb.fn.countAll().as('n'),
      eb.fn.count('f.id').as('answered'),
    ])
    .where('h.check_day', '>=', range.from)
    .where('h.check_day', '<=', range.to)
    .where('h.department', 'is not', null)
    .groupBy(['h.department', 'h.decision']);
  if (department) hits = hits.where('h.department', '=', department);
  for (const h of await hits.execute()) {
    const r = row(h.department!);
    const n = Number(h.n);
    r.hits[h.decision] += n;
    r.hits.total += n;
    r.feedbackReceived += Number(h.answered);
    r.feedbackMissing += n - Number(h.answered);
  }

  let feedback = db
    .selectFrom('check_feedback as f')
    .innerJoin('checks as c', 'c.id', 'f.check_id')
    .select(['f.department', 'f.measures_applied'])
    .where('c.check_day', '>=', range.from)
    .where('c.check_day', '<=', range.to);
  if (department) feedback = feedback.where('f.department', '=', department);
  for (const f of await feedback.execute()) {
    const r = row(f.department);
    for (const code of fromJson<string[]>(f.measures_applied))
      r.measuresApplied[code] = (r.measuresApplied[code] ?? 0) + 1;
  }
  if (department && !rows.has(department)) row(department);
  return {
    ...range,
    departments: [...rows.values()].sort((a, b) => a.department.localeCompare(b.department)),
  };
}

/** The same report as a workbook: one sheet of figures per department, one of measures applied. */
export async function quarterlyReportXlsx(report: QuarterlyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'xinyong';
  const sheet = workbook.addWorksheet('联合奖惩实施情况');
  sheet.addRow([`信用联合奖惩实施情况季度报告（A21）  ${report.quarter}（${report.from} 至 ${report.to}）`]);
  sheet.addRow([
    '部门代码',
    '部门名称',
    '核查次数',
    '核查主体数',
    '命中：拦截',
    '命中：提示',
    '命中：激励',
    '命中合计',
    '已反馈',
    '未反馈',
  ]);
  sheet.getRow(2).font = { bold: true };
  for (const d of report.departments) {
    sheet.addRow([
      d.department,
      d.departmentName,
      d.checks,
      d.subjectsChecked,
      d.hits.block,
      d.hits.warn,
      d.hits.favor,
      d.hits.total,
      d.feedbackReceived,
      d.feedbackMissing,
    ]);
  }
  sheet.columns.forEach((c, i) => {
    c.width = i === 1 ? 36 : 12;
  });
  const measures = workbook.addWorksheet('措施执行');
  measures.addRow(['部门代码', '部门名称', '措施代码', '执行次数']);
  measures.getRow(1).font = { bold: true };
  for (const d of report.departments) {
    for (const [code, n] of Object.entries(d.measuresApplied).sort())
      measures.addRow([d.department, d.departmentName, code, n]);
  }
  measures.columns.forEach((c, i) => {
    c.width = i === 1 ? 36 : 24;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
