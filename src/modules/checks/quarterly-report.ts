/**
 * The quarterly report of joint incentives and punishments (A21: 各职能部门应当每季度向市信用办报送
 * 信用联合奖惩实施情况报告): per department and quarter — checks made, subjects checked, hits by
 * decision, measures applied by code (from feedback), feedback received and missing. Counted in China
 * dates from the recorded checks; nothing is typed in by hand.
 */
import ExcelJS from 'exceljs';
import { badRequest } from '../../platform/errors.ts';
import { daysInMonth, formatIsoDate } from '../../platform/iso-date.ts';

export type QuarterRange = { quarter: string; from: string; to: string };

/** The quarters a report may cover: from the first quarter of the year the rules took effect. */
export type QuarterBounds = { first: string; last: string };

/** The quarter of a China date: 2026-11-26 → 2026Q4. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Reports run from the first quarter of the year the policy took effect (2018Q1 for 淮政发〔2018〕103号)
 * to the current quarter (issue 14 §6): before, no check was recorded under these rules; after, none
 * can have been yet.
 */
export function quarterBounds(policyEffectiveFrom: string, today: string): QuarterBounds {
  return { first: `${policyEffectiveFrom.slice(0, 4)}Q1`, last: quarterOf(today) };
}

const quarterIndex = (quarter: string) => Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(5)) - 1;

/** `2026Q4` → 2026-10-01 … 2026-12-31 (China dates), within `bounds`. */
export function quarterRange(quarter: string, bounds: QuarterBounds): QuarterRange {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) {
    throw badRequest('REPORT_QUARTER_INVALID', '季度应写作如 2026Q4', 'A quarter is written like 2026Q4', {
      field: 'quarter',
    });
  }
  if (
    quarterIndex(quarter) < quarterIndex(bounds.first) ||
    quarterIndex(quarter) > quarterIndex(bounds.last)
  ) {
    throw badRequest(
      'REPORT_QUARTER_OUT_OF_RANGE',
      `季度应在 ${bounds.first} 至 ${bounds.last}（本季度）之间`,
      `The quarter must be from ${bounds.first} to ${bounds.last} (the current quarter)`,
      { field: 'quarter', first: bounds.first, last: bounds.last },
    );
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

/** The counts the report is built from (checks.repository.ts reads them for a quarter). */
export type QuarterCounts = {
  departmentNames: Map<string, string>;
  checks: { department: string; checks: number; subjects: number }[];
  hits: { department: string; decision: 'block' | 'warn' | 'favor'; hits: number; answered: number }[];
  measuresApplied: { department: string; measures: readonly string[] }[];
};

/** The report of a quarter from its counts, per department (one department's, when asked for). */
export function quarterlyReportOf(
  range: QuarterRange,
  counts: QuarterCounts,
  department?: string,
): QuarterlyReport {
  const rows = new Map<string, DepartmentQuarter>();
  const row = (code: string) => {
    let r = rows.get(code);
    if (!r) {
      r = {
        department: code,
        departmentName: counts.departmentNames.get(code) ?? code,
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
  for (const c of counts.checks) {
    const r = row(c.department);
    r.checks = c.checks;
    r.subjectsChecked = c.subjects;
  }
  for (const h of counts.hits) {
    const r = row(h.department);
    r.hits[h.decision] += h.hits;
    r.hits.total += h.hits;
    r.feedbackReceived += h.answered;
    r.feedbackMissing += h.hits - h.answered;
  }
  for (const f of counts.measuresApplied) {
    const r = row(f.department);
    for (const code of f.measures) r.measuresApplied[code] = (r.measuresApplied[code] ?? 0) + 1;
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
