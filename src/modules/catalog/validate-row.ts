/**
 * The one check every intake route runs on a submitted row (API batch, spreadsheet, CSV, CLI import):
 * does it fit its catalog item version (B8: "submissions that do not fit are rejected with the reason")?
 * Pure and fast: an item version is compiled once (`compileItem`) into lookups and regular expressions;
 * a row then costs a forbidden-data scan, one identity-code check and a pass over its fields.
 *
 * All of a row's problems are reported, each with its field path — except forbidden data (B14): such a
 * row is refused with FORBIDDEN_DATA alone, so no other message can echo any of its values.
 */
import type { CodeCheck, CodeException } from '../identity-codes/index.ts';
import { SEVERITIES, type Severity } from '../policy/index.ts';
import type { CatalogItemVersion, SubjectKind } from './catalog.ts';
import { columnsOf } from './columns.ts';
import * as read from './field-values.ts';
import { detectForbidden } from './forbidden.ts';
import type { RowError, Where } from './row-errors.ts';
import * as E from './row-errors.ts';
import {
  codeKindOf,
  compileRule,
  derive,
  type FieldValue,
  hasControlCharacter,
  kindOf,
  type Rule,
  readCode,
  readField,
} from './row-fields.ts';

export type { CatalogItemVersion } from './catalog.ts';
export type { RowError } from './row-errors.ts';

export type RecordRowInput = {
  item: string;
  providerRecordId: string;
  /** selfSupporting: B2, a person of 16 or 17 living mainly on the income of their own labour */
  subject: { code: string; name: string; selfSupporting?: boolean | string };
  severity?: Severity;
  identifiedOn: string;
  fields: Record<string, unknown>;
  reason?: string;
  /** issue 15 W3: the id of the procedure a change rests on (an external decision the credit office recorded) */
  changeBasis?: string;
  /** issue 15 W3: true (or 是) withdraws the record (撤销), on its change basis */
  withdrawn?: boolean | string;
};

export type { FieldValue } from './row-fields.ts';

export type ValidRow = {
  item: string;
  itemVersion: number;
  providerRecordId: string;
  /** the code normalized (a legacy 15-digit ID number upgraded to 18) */
  subject: { code: string; name: string; kind: SubjectKind; codeKind: string };
  /**
   * B2: why a person under 18 on the identification date is a subject of full civil capacity — 'B2'
   * when 16 or 17 and living on their own labour (stated by the provider); null for everyone else.
   */
  subjectGround: 'B2' | null;
  severity: Severity | null;
  identifiedOn: string;
  /** every field of the item, normalized per type; null when not filled in */
  fields: Record<string, FieldValue>;
  reason: string | null;
  /** issue 15 W3: the procedure a change rests on (lower-case UUID), or null */
  changeBasis: string | null;
  /** issue 15 W3: this version withdraws the record (撤销) */
  withdrawn: boolean;
  warnings: RowError[];
};

export type ValidateOptions = {
  /** YYYY-MM-DD in China; identification dates after it are refused */
  today: string;
  /** the registry of codes accepted despite a wrong check character (codes.service) */
  codeException?: (normalized: string) => CodeException | undefined;
  /**
   * The caller has just run `detectForbidden` on this very input and found nothing (intake screens
   * every row for forbidden data first, B14): the scan is not run a second time.
   */
  forbiddenScanned?: boolean;
  /** a memo of identity-code checks shared by the rows of one batch (see `CodeOptions`) */
  codeChecks?: Map<string, CodeCheck>;
};

export type RowValidation = { ok: true; row: ValidRow } | { ok: false; errors: RowError[] };

export type CompiledItem = {
  version: CatalogItemVersion;
  validate(input: unknown, options: ValidateOptions): RowValidation;
};

const TOP_KEYS = [
  'item',
  'providerRecordId',
  'subject',
  'severity',
  'identifiedOn',
  'fields',
  'reason',
  'changeBasis',
  'withdrawn',
];
/** A change basis is named by its id, a UUID (any case; stored lower-case). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOP_KEY_SET = new Set(TOP_KEYS);
const SUBJECT_KEYS = new Set(['code', 'name', 'selfSupporting']);
/** B2: full civil capacity at 18, or at 16 for a person living on the income of their own labour. */
const ADULT_AGE = 18;
const SELF_SUPPORTING_AGE = 16;
const SEVERITY_SET: ReadonlySet<string> = new Set(SEVERITIES);
const PROVIDER_ID_MAX = 100;
const SUBJECT_NAME_MAX = 200;
const REASON_MAX = 500;

const compiledItems = new WeakMap<CatalogItemVersion, CompiledItem>();

/** Validates against `item`, compiling it on first use (cached per item version object). */
export function validateRecordRow(
  item: CatalogItemVersion,
  input: unknown,
  options: ValidateOptions,
): RowValidation {
  let compiled = compiledItems.get(item);
  if (!compiled) {
    compiled = compileItem(item);
    compiledItems.set(item, compiled);
  }
  return compiled.validate(input, options);
}

export function compileItem(version: CatalogItemVersion): CompiledItem {
  const where = new Map(
    columnsOf(version).map((c) => [c.target, { field: c.target, zh: c.label, en: c.labelEn }]),
  );
  const w = (target: string): Where => where.get(target) ?? { field: target, zh: target, en: target };
  const W = {
    item: { field: 'item', zh: '目录项', en: 'catalog item' },
    subject: { field: 'subject', zh: '信息主体', en: 'subject' },
    fields: { field: 'fields', zh: '字段', en: 'fields' },
    code: w('subject.code'),
    name: w('subject.name'),
    selfSupporting: w('subject.selfSupporting'),
    providerRecordId: w('providerRecordId'),
    severity: where.get('severity') ?? { field: 'severity', zh: '失信程度', en: 'severity' },
    identifiedOn: w('identifiedOn'),
    reason: w('reason'),
    changeBasis: w('changeBasis'),
    withdrawn: w('withdrawn'),
  };
  const rules: Rule[] = version.fields.map((field) => compileRule(field, w(`fields.${field.key}`)));
  const ruleByKey = new Map(rules.map((r) => [r.field.key, r]));
  const fieldKeys = version.fields.map((f) => `fields.${f.key}`);
  const negative = version.category === 'negative';

  function validate(input: unknown, options: ValidateOptions): RowValidation {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      return { ok: false, errors: [E.rowNotObject()] };
    }
    const hit = options.forbiddenScanned === true ? undefined : detectForbidden(input);
    if (hit) return { ok: false, errors: [E.forbiddenData(hit.field)] };
    const row = input as Record<string, unknown>;
    const errors: RowError[] = [];
    const warnings: RowError[] = [];

    for (const key in row) {
      if (!TOP_KEY_SET.has(key) && !read.isBlank(row[key]))
        errors.push(E.unknownField(version, key, TOP_KEYS));
    }
    if (read.isBlank(row.item)) errors.push(E.missing(W.item));
    else if (row.item !== version.code) errors.push(E.itemMismatch(W.item, version));

    const providerRecordId = read.isBlank(row.providerRecordId)
      ? read.INVALID
      : read.readText(row.providerRecordId);
    if (
      providerRecordId === read.INVALID ||
      providerRecordId.length > PROVIDER_ID_MAX ||
      hasControlCharacter(providerRecordId)
    ) {
      errors.push(E.providerIdInvalid(W.providerRecordId));
    }

    const subject = readSubject(row.subject, options, errors, warnings);

    let identifiedOn: string | undefined;
    if (read.isBlank(row.identifiedOn)) errors.push(E.missing(W.identifiedOn));
    else {
      const date = read.readDate(row.identifiedOn);
      if (date === read.INVALID) errors.push(E.wrongType(W.identifiedOn, 'date'));
      else if (date > options.today) errors.push(E.identifiedInFuture(W.identifiedOn, date, options.today));
      else identifiedOn = date;
    }

    let severity: Severity | null = null;
    if (read.isBlank(row.severity)) {
      if (negative && version.severityRequired) errors.push(E.severityRequired(W.severity));
    } else if (!negative) errors.push(E.severityNotAllowed(W.severity, version));
    else {
      const value = typeof row.severity === 'string' ? row.severity.trim() : '';
      if (SEVERITY_SET.has(value)) severity = value as Severity;
      else errors.push(E.notInEnum(W.severity, SEVERITIES));
    }

    const fields = readFields(row.fields, options, identifiedOn, subject?.check, errors, warnings);
    const subjectGround = subject && identifiedOn ? civilCapacity(subject, identifiedOn, errors) : null;

    let reason: string | null = null;
    if (!read.isBlank(row.reason)) {
      const text = read.readText(row.reason);
      if (text === read.INVALID) errors.push(E.wrongType(W.reason, 'text'));
      else if (read.characterCount(text) > REASON_MAX) {
        errors.push(E.tooLong(W.reason, REASON_MAX, read.characterCount(text)));
      } else reason = text;
    }

    let changeBasis: string | null = null;
    if (!read.isBlank(row.changeBasis)) {
      const text = read.readText(row.changeBasis);
      const id = text === read.INVALID ? '' : text.trim().toLowerCase();
      if (UUID.test(id)) changeBasis = id;
      else errors.push(E.changeBasisInvalid(W.changeBasis));
    }

    let withdrawn = false;
    if (!read.isBlank(row.withdrawn)) {
      const stated = read.readBoolean(row.withdrawn);
      if (stated === read.INVALID) errors.push(E.wrongType(W.withdrawn, 'boolean'));
      else withdrawn = stated;
    }

    if (errors.length > 0 || !subject || identifiedOn === undefined || providerRecordId === read.INVALID) {
      return { ok: false, errors };
    }
    return {
      ok: true,
      row: {
        item: version.code,
        itemVersion: version.version,
        providerRecordId,
        subject: { code: subject.code, name: subject.name, kind: subject.kind, codeKind: subject.codeKind },
        subjectGround,
        severity,
        identifiedOn,
        fields,
        reason,
        changeBasis,
        withdrawn,
        warnings,
      },
    };
  }

  function readSubject(raw: unknown, options: ValidateOptions, errors: RowError[], warnings: RowError[]) {
    if (raw === undefined || raw === null) {
      errors.push(E.missing(W.code), E.missing(W.name));
      return undefined;
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      errors.push(E.wrongType(W.subject, 'object'));
      return undefined;
    }
    const s = raw as Record<string, unknown>;
    for (const key in s) {
      if (!SUBJECT_KEYS.has(key) && !read.isBlank(s[key])) {
        errors.push(
          E.unknownField(version, `subject.${key}`, [
            'subject.code',
            'subject.name',
            'subject.selfSupporting',
          ]),
        );
      }
    }
    const code = readCode(s.code, W.code, 'RECORD_SUBJECT_CODE', options, errors, warnings);
    let kind: SubjectKind | undefined;
    if (code) {
      kind = kindOf(code);
      if (!version.subjectKinds.includes(kind)) {
        errors.push(E.wrongSubjectKind('RECORD_SUBJECT_KIND', W.code, version.subjectKinds, kind));
      }
    }
    let name: string | undefined;
    if (read.isBlank(s.name)) errors.push(E.missing(W.name));
    else {
      const text = read.readText(s.name);
      if (text === read.INVALID) errors.push(E.wrongType(W.name, 'text'));
      else if (read.characterCount(text) > SUBJECT_NAME_MAX) {
        errors.push(E.tooLong(W.name, SUBJECT_NAME_MAX, read.characterCount(text)));
      } else name = text;
    }
    // undefined: stated but unreadable (already an error of its own)
    let selfSupporting: boolean | undefined = false;
    if (!read.isBlank(s.selfSupporting)) {
      const stated = read.readBoolean(s.selfSupporting);
      if (stated === read.INVALID) {
        errors.push(E.wrongType(W.selfSupporting, 'boolean'));
        selfSupporting = undefined;
      } else selfSupporting = stated;
    }
    if (!code || !kind || name === undefined) return undefined;
    return {
      code: code.upgraded ?? code.normalized,
      codeKind: codeKindOf(code),
      kind,
      name,
      check: code,
      selfSupporting,
    };
  }

  /**
   * B2 (issue 15 W8): information is collected on persons of full civil capacity. The age on the
   * identification date comes from the ID number: under 16 the row is refused; at 16 or 17 only when
   * the provider states the person lives mainly on the income of their own labour ('B2' is kept with
   * the record). A code without a birth date (none for persons in use) is not judged here.
   */
  function civilCapacity(
    subject: { kind: SubjectKind; check: CodeCheck; selfSupporting: boolean | undefined },
    identifiedOn: string,
    errors: RowError[],
  ): 'B2' | null {
    if (subject.kind !== 'person') return null;
    const age = derive('subjectAge', subject.check, identifiedOn);
    if (typeof age !== 'number' || age >= ADULT_AGE) return null;
    if (age < SELF_SUPPORTING_AGE) {
      errors.push(E.subjectUnder16(W.code, age));
      return null;
    }
    if (subject.selfSupporting !== true) {
      if (subject.selfSupporting === false) errors.push(E.subjectMinor(W.selfSupporting, age));
      return null;
    }
    return 'B2';
  }

  function readFields(
    raw: unknown,
    options: ValidateOptions,
    identifiedOn: string | undefined,
    subjectCode: CodeCheck | undefined,
    errors: RowError[],
    warnings: RowError[],
  ): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {};
    let values: Record<string, unknown> = {};
    if (raw !== undefined && raw !== null) {
      if (typeof raw !== 'object' || Array.isArray(raw)) {
        // One error for the whole object, not one "missing" per field it would have held.
        errors.push(E.wrongType(W.fields, 'object'));
        return out;
      }
      values = raw as Record<string, unknown>;
    }
    for (const key in values) {
      if (!ruleByKey.has(key) && !read.isBlank(values[key])) {
        errors.push(E.unknownField(version, `fields.${key}`, fieldKeys));
      }
    }
    for (const rule of rules) {
      const { field } = rule;
      const rawValue = values[field.key];
      const derived = field.derivedFrom
        ? derive(field.derivedFrom, subjectCode, identifiedOn ?? options.today)
        : null;
      if (read.isBlank(rawValue)) {
        out[field.key] = derived;
        if (derived === null && field.required) errors.push(E.missing(rule.where, field.noneValue));
        continue;
      }
      const value = readField(rule, rawValue, options, identifiedOn, errors, warnings);
      out[field.key] = value;
      if (derived !== null && value !== null && value !== derived) {
        warnings.push(
          E.rowError(
            'RECORD_FIELD_DISAGREES_WITH_CODE',
            rule.where,
            `与信息主体的公民身份号码不一致（按号码应为 ${derived}），请核对。`,
            `disagrees with the subject's citizen ID number (which gives ${derived}); check it.`,
            { expected: String(derived) },
          ),
        );
      }
    }
    return out;
  }

  return { version, validate };
}
