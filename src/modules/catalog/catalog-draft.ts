/**
 * What a catalog item version must satisfy before it is published: its shape (zod, once per publish,
 * never per row) and the rules between its parts — categories and severity (B15), list types (A3),
 * field definitions that intake can apply, and no field that names data B14 forbids.
 */
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import {
  CATEGORIES,
  type CatalogItemDraft,
  FIELD_TYPES,
  LIST_TYPE_CODE,
  LIST_TYPES,
  SUBJECT_KINDS,
  UPDATE_CYCLES,
  USAGE_SCOPES,
} from './catalog.ts';
import { columnsOf } from './columns.ts';
import { isForbiddenFieldName } from './forbidden.ts';

const period = z.union([
  z.object({ years: z.int().min(1).max(100) }).strict(),
  z.object({ months: z.int().min(1).max(1200) }).strict(),
]);

export const CatalogFieldSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,47}$/, 'ASCII camelCase, e.g. fineAmount'),
    label: z.string().min(1).max(40),
    labelEn: z.string().min(1).max(80),
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    maxLength: z.int().min(1).max(10_000).optional(),
    values: z.array(z.string().min(1).max(100)).min(1).max(200).optional(),
    pattern: z.string().min(1).max(500).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    notBeforeIdentified: z.boolean().optional(),
    codeOf: z.enum(SUBJECT_KINDS).optional(),
    derivedFrom: z.enum(['subjectGender', 'subjectAge']).optional(),
    noneValue: z.string().min(1).max(20).optional(),
    note: z.string().max(500).optional(),
    example: z.union([z.string().max(500), z.number(), z.boolean()]).optional(),
  })
  .strict();

export const CatalogItemDraftSchema = z
  .object({
    code: z
      .string()
      .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'a slug, e.g. tax-arrears')
      .max(60),
    name: z.string().min(1).max(60),
    nameEn: z.string().min(1).max(120),
    description: z.string().max(1000),
    category: z.enum(CATEGORIES),
    subjectKinds: z.array(z.enum(SUBJECT_KINDS)).min(1).max(2),
    fields: z.array(CatalogFieldSchema).max(100),
    usageScope: z.enum(USAGE_SCOPES),
    updateCycle: z.enum(UPDATE_CYCLES),
    providerDepartments: z
      .array(z.string().regex(/^[A-Z][A-Z0-9-]{1,39}$/))
      .min(1)
      .max(100),
    usagePeriod: period.nullable(),
    publicationPeriod: period.nullable(),
    severityRequired: z.boolean(),
    listType: z
      .string()
      .regex(
        LIST_TYPE_CODE,
        '名单类型代码应为小写字母、数字和连字符 / a list type code: lowercase letters, digits, hyphens',
      )
      .nullable()
      .describe(`名单类型代码（list_types），如 ${LIST_TYPES.join('、')}`),
    listGround: z
      .string()
      .regex(/^[AB]\d{1,2}\(\d{1,2}\)$/, "a ground's article, e.g. A6(7)")
      .optional()
      .describe('名单项的列入依据（条款），行中未写明时使用，如 A6(7)'),
    basis: z.array(z.string().min(1).max(40)).min(1).max(20),
    identifiedOnLabel: z.string().min(1).max(20).optional(),
  })
  .strict();

export type DraftIssue = { path: string; message: string; message_en: string };

/** Checks a draft and returns it as published content; refuses with every problem listed. */
export function parseCatalogDraft(input: unknown): CatalogItemDraft {
  const parsed = CatalogItemDraftSchema.safeParse(input);
  const issues: DraftIssue[] = parsed.success
    ? draftRuleIssues(parsed.data as CatalogItemDraft)
    : parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: `格式不符：${i.message}`,
        message_en: i.message,
      }));
  if (!parsed.success || issues.length > 0) {
    const code = (input as { code?: unknown } | null)?.code;
    throw new AppError(
      'CATALOG_ITEM_INVALID',
      400,
      `目录项 ${String(code)} 不能发布：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`,
      `Catalog item ${String(code)} cannot be published: ${issues.map((i) => `${i.path} ${i.message_en}`).join('; ')}`,
      { issues },
    );
  }
  return parsed.data as CatalogItemDraft;
}

function draftRuleIssues(d: CatalogItemDraft): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const add = (path: string, zh: string, en: string) => issues.push({ path, message: zh, message_en: en });

  if (d.severityRequired && d.category !== 'negative') {
    add('severityRequired', '只有负面信息标明失信程度（B15）', 'only negative items carry a severity (B15)');
  }
  if (d.listType === 'black' && d.category !== 'negative') {
    add('listType', '黑名单项应属负面信息', 'a black list item is negative information');
  }
  if (d.listType === 'red' && d.category !== 'positive') {
    add('listType', '红名单项应属正面信息', 'a red list item is positive information');
  }
  if (new Set(d.subjectKinds).size !== d.subjectKinds.length) {
    add('subjectKinds', '主体类型重复', 'subject kinds repeat');
  }
  const keys = new Set<string>();
  d.fields.forEach((f, i) => {
    const at = `fields.${i}`;
    if (keys.has(f.key)) add(`${at}.key`, `字段键 ${f.key} 重复`, `field key ${f.key} repeats`);
    keys.add(f.key);
    if (isForbiddenFieldName(f.key) || isForbiddenFieldName(f.label) || isForbiddenFieldName(f.labelEn)) {
      add(at, '该字段属于禁止归集的信息（B14）', 'this field names data that may not be collected (B14)');
    }
    if ((f.type === 'enum') !== (f.values !== undefined)) {
      add(
        `${at}.values`,
        '选项字段（且仅选项字段）须列出取值',
        'enum fields (and only they) list their values',
      );
    }
    if (f.values && new Set(f.values).size !== f.values.length) {
      add(`${at}.values`, '取值重复', 'values repeat');
    }
    if ((f.maxLength !== undefined || f.pattern !== undefined) && f.type !== 'text') {
      add(at, 'maxLength、pattern 只用于文本字段', 'maxLength and pattern apply to text fields only');
    }
    if (f.pattern !== undefined) {
      try {
        new RegExp(f.pattern, 'u');
      } catch {
        add(`${at}.pattern`, '不是有效的正则表达式', 'is not a valid regular expression');
      }
    }
    if ((f.min !== undefined || f.max !== undefined) && f.type !== 'integer' && f.type !== 'decimal') {
      add(at, 'min、max 只用于数值字段', 'min and max apply to numeric fields only');
    }
    if (f.notBeforeIdentified && f.type !== 'date') add(at, '只用于日期字段', 'applies to date fields only');
    if (f.codeOf && f.type !== 'code')
      add(at, 'codeOf 只用于身份代码字段', 'codeOf applies to code fields only');
    if (f.derivedFrom && !d.subjectKinds.includes('person')) {
      add(at, '只有自然人项可由身份证号推算', 'only person items can derive from the ID number');
    }
  });
  const labels = new Map<string, string>();
  for (const column of columnsOf(d)) {
    const other = labels.get(column.label);
    if (other) {
      add(
        column.target,
        `列名“${column.label}”与 ${other} 重复`,
        `header "${column.label}" repeats ${other}`,
      );
    }
    labels.set(column.label, column.target);
  }
  return issues;
}
