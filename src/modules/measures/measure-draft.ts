/**
 * What a measure must satisfy before it is published: its shape (zod; the same schema documents the
 * API) and its references — scenarios (`SCENARIOS`), list types (table `list_types`) and departments
 * (table `departments`) — plus the rule that an effect fits the polarity of the lists it binds to
 * (incentives for red lists, punishments for black lists, warnings for watch lists). Pure: the
 * references are passed in. Every problem is reported at once, with its path, in Chinese and English.
 */
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { SEVERITIES } from '../policy/index.ts';
import {
  draftOf,
  MEASURE_EFFECTS,
  MEASURE_TARGETS,
  type MeasureDraft,
  type MeasureEffect,
  SUBJECT_KINDS,
} from './measures.ts';
import { isScenario, SCENARIO_CODES } from './scenarios.ts';

const CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const DEPARTMENT_CODE = /^[A-Z][A-Z0-9-]{1,39}$/;
/** As the catalog and the list types write them (hyphens, e.g. ec-black). */
const LIST_TYPE_CODE = /^[a-z][a-z0-9_-]{0,39}$/;
/** A5/A6 grounds by their article, e.g. 'A6(7)'. */
const GROUND = /^[A-D]\d{1,2}\(\d{1,2}\)$/;

export const LegalBasisSchema = z
  .object({
    document: z.string().trim().min(1).max(200),
    provision: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/** The content of a measure, as the credit office submits it (grounds and active may be left out). */
export const MeasureContentSchema = z
  .object({
    title: z.string().trim().min(1).max(100),
    text: z.string().trim().min(1).max(2000),
    article: z.string().trim().min(1).max(60).describe("来源条款，如 'A14(5)'、'D§5(2)'"),
    listTypes: z.array(z.string().regex(LIST_TYPE_CODE, 'a list type code, e.g. black')).min(1).max(20),
    effect: z.enum(MEASURE_EFFECTS),
    scenarios: z
      .array(z.string().min(1).max(40))
      .min(1)
      .max(40)
      .describe('业务场景代码，见 /api/v1/scenarios'),
    appliesTo: z.array(z.enum(MEASURE_TARGETS)).min(1).max(2),
    subjectKinds: z.array(z.enum(SUBJECT_KINDS)).min(1).max(2),
    grounds: z
      .array(z.string().regex(GROUND, "a ground's article, e.g. A6(7)"))
      .max(30)
      .default([])
      .describe('限于这些列入依据（如 A6(7)）；空：不限'),
    severities: z
      .array(z.enum(SEVERITIES))
      .max(3)
      .default([])
      .describe('限于这些严重程度的名单条目（一般、较重、严重）；空：不限'),
    legalBasis: z.array(LegalBasisSchema).min(1).max(20),
    implementingDepartments: z
      .array(z.string().regex(DEPARTMENT_CODE, 'a department code, e.g. HA-FGW'))
      .min(1)
      .max(100),
    active: z.boolean().default(true),
  })
  .strict();

export const MeasureDraftSchema = MeasureContentSchema.extend({
  code: z.string().regex(CODE, 'a slug, e.g. a14-05-public-resource-trading').max(60),
});

export type MeasureIssue = { in: 'body'; field: string; code: string; message: string; message_en: string };

/** What the draft refers to, as the database knows it. */
export type MeasureReferences = {
  /** list type code → polarity */
  listTypes: ReadonlyMap<string, 'red' | 'black' | 'watch'>;
  departments: ReadonlySet<string>;
};

/** Effects each polarity allows: red lists earn incentives, black lists punishments, watch lists warnings. */
const EFFECTS_OF_POLARITY: Record<'red' | 'black' | 'watch', readonly MeasureEffect[]> = {
  red: ['favor'],
  black: ['block', 'restrict', 'warn'],
  watch: ['warn'],
};

/** Checks a draft against its shape and references; returns the content to publish or throws MEASURE_INVALID. */
export function parseMeasureDraft(input: unknown, references: MeasureReferences): MeasureDraft {
  const parsed = MeasureDraftSchema.safeParse(input);
  const issues: MeasureIssue[] = parsed.success
    ? ruleIssues(parsed.data, references)
    : parsed.error.issues.map((i) => ({
        in: 'body',
        field: i.path.join('.'),
        code: 'MEASURE_FIELD_INVALID',
        message: `格式不符：${i.message}`,
        message_en: i.message,
      }));
  const code = (input as { code?: unknown } | null)?.code;
  if (!parsed.success || issues.length > 0) {
    throw new AppError(
      'MEASURE_INVALID',
      400,
      `措施 ${String(code)} 不能发布：${issues.map((i) => `${i.field} ${i.message}`).join('；')}`,
      `Measure ${String(code)} cannot be published: ${issues.map((i) => `${i.field} ${i.message_en}`).join('; ')}`,
      { issues },
    );
  }
  return draftOf(parsed.data);
}

function ruleIssues(d: MeasureDraft, refs: MeasureReferences): MeasureIssue[] {
  const issues: MeasureIssue[] = [];
  const add = (field: string, code: string, zh: string, en: string) =>
    issues.push({ in: 'body', field, code, message: zh, message_en: en });
  const repeats = (field: string, values: readonly string[]) => {
    if (new Set(values).size !== values.length)
      add(field, 'MEASURE_VALUE_REPEATED', '取值重复', 'values repeat');
  };

  repeats('listTypes', d.listTypes);
  repeats('scenarios', d.scenarios);
  repeats('appliesTo', d.appliesTo);
  repeats('subjectKinds', d.subjectKinds);
  repeats('grounds', d.grounds);
  repeats('severities', d.severities);
  repeats('implementingDepartments', d.implementingDepartments);

  d.scenarios.forEach((scenario, i) => {
    if (!isScenario(scenario)) {
      add(
        `scenarios.${i}`,
        'MEASURE_SCENARIO_UNKNOWN',
        `没有业务场景 ${scenario}（可选：${SCENARIO_CODES.join('、')}）`,
        `unknown scenario ${scenario} (one of: ${SCENARIO_CODES.join(', ')})`,
      );
    }
  });
  d.listTypes.forEach((listType, i) => {
    const polarity = refs.listTypes.get(listType);
    if (!polarity) {
      const known = [...refs.listTypes.keys()];
      add(
        `listTypes.${i}`,
        'MEASURE_LIST_TYPE_UNKNOWN',
        `没有名单类型 ${listType}（已有：${known.join('、') || '无'}）`,
        `unknown list type ${listType} (known: ${known.join(', ') || 'none'})`,
      );
    } else if (!EFFECTS_OF_POLARITY[polarity].includes(d.effect)) {
      add(
        'effect',
        'MEASURE_EFFECT_POLARITY',
        `效果 ${d.effect} 不适用于${POLARITY_ZH[polarity]}类名单 ${listType}（可用：${EFFECTS_OF_POLARITY[polarity].join('、')}）`,
        `effect ${d.effect} does not fit ${polarity} list ${listType} (allowed: ${EFFECTS_OF_POLARITY[polarity].join(', ')})`,
      );
    }
  });
  d.implementingDepartments.forEach((department, i) => {
    if (!refs.departments.has(department)) {
      add(
        `implementingDepartments.${i}`,
        'MEASURE_DEPARTMENT_UNKNOWN',
        `没有部门 ${department}（见 /api/v1/departments）`,
        `unknown department ${department} (see /api/v1/departments)`,
      );
    }
  });
  return issues;
}

const POLARITY_ZH = { red: '红名单', black: '黑名单', watch: '关注' } as const;
