/**
 * Reading one field of a submitted row by its catalog definition, and the identity-code checks the
 * subject and `code` fields share. Part of `validate-row.ts`, split only to keep files small.
 */
import type { CodeCheck, CodeException } from '../identity-codes/index.ts';
import { checkCode } from '../identity-codes/index.ts';
import type { CatalogField, SubjectKind } from './catalog.ts';
import * as read from './field-values.ts';
import type { RowError, Where } from './row-errors.ts';
import * as E from './row-errors.ts';

export type FieldValue = string | number | boolean | null;

/** A field definition compiled once per item version: its regular expression and value set built. */
export type Rule = { field: CatalogField; where: Where; pattern?: RegExp; values?: ReadonlySet<string> };

export type CodeOptions = {
  today: string;
  codeException?: (normalized: string) => CodeException | undefined;
  /**
   * Checks already made with these very options (today, exceptions), by submitted text: a batch
   * names the same subject on many rows, and a check depends on nothing else. Read and filled here.
   */
  codeChecks?: Map<string, CodeCheck>;
};

export function compileRule(field: CatalogField, where: Where): Rule {
  return {
    field,
    where,
    ...(field.pattern ? { pattern: new RegExp(`^(?:${field.pattern})$`, 'u') } : {}),
    ...(field.values ? { values: new Set(field.values) } : {}),
  };
}

export function readField(
  rule: Rule,
  raw: unknown,
  options: CodeOptions,
  identifiedOn: string | undefined,
  errors: RowError[],
  warnings: RowError[],
): FieldValue {
  const { field, where } = rule;
  switch (field.type) {
    case 'text': {
      const text = read.readText(raw);
      if (text === read.INVALID) return fail(errors, E.wrongType(where, 'text'));
      if (field.maxLength !== undefined && text.length > field.maxLength) {
        const count = read.characterCount(text);
        if (count > field.maxLength) return fail(errors, E.tooLong(where, field.maxLength, count));
      }
      if (rule.pattern && !rule.pattern.test(text)) return fail(errors, E.badFormat(where, field.note));
      return text;
    }
    case 'enum': {
      const text = read.readText(raw);
      if (text === read.INVALID || !rule.values?.has(text))
        return fail(errors, E.notInEnum(where, field.values ?? []));
      return text;
    }
    case 'date': {
      const date = read.readDate(raw);
      if (date === read.INVALID) return fail(errors, E.wrongType(where, 'date'));
      if (field.notBeforeIdentified && identifiedOn !== undefined && date < identifiedOn) {
        return fail(errors, E.beforeIdentified(where, identifiedOn));
      }
      return date;
    }
    case 'integer':
    case 'decimal': {
      const n = field.type === 'integer' ? read.readInteger(raw) : read.readDecimal(raw);
      if (n === read.INVALID) return fail(errors, E.wrongType(where, field.type));
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        return fail(errors, E.outOfRange(where, field.min, field.max));
      }
      return n;
    }
    case 'boolean': {
      const b = read.readBoolean(raw);
      return b === read.INVALID ? fail(errors, E.wrongType(where, 'boolean')) : b;
    }
    case 'code': {
      const check = readCode(raw, where, 'CATALOG_FIELD_CODE', options, errors, warnings);
      if (!check) return null;
      if (field.codeOf && kindOf(check) !== field.codeOf) {
        return fail(errors, E.wrongSubjectKind('CATALOG_FIELD_CODE', where, [field.codeOf], kindOf(check)));
      }
      return check.upgraded ?? check.normalized;
    }
  }
}

export function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 127) return true;
  }
  return false;
}

function fail(errors: RowError[], error: RowError): null {
  errors.push(error);
  return null;
}

export function readCode(
  raw: unknown,
  where: Where,
  errorCode: string,
  options: CodeOptions,
  errors: RowError[],
  warnings: RowError[],
): CodeCheck | undefined {
  if (read.isBlank(raw)) {
    errors.push(E.missing(where));
    return undefined;
  }
  const text = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
  if (typeof text !== 'string') {
    errors.push(E.wrongType(where, 'code'));
    return undefined;
  }
  let check = options.codeChecks?.get(text);
  if (!check) {
    check = checkCode(text, {
      today: options.today,
      ...(options.codeException ? { exception: options.codeException } : {}),
    });
    options.codeChecks?.set(text, check);
  }
  if (!check.valid || !check.kind) {
    if (check.error) errors.push(E.codeError(errorCode, where, check.error));
    return undefined;
  }
  for (const warning of check.warnings) {
    warnings.push({
      code: warning.code,
      field: where.field,
      message: warning.message,
      messageEn: warning.messageEn,
    });
  }
  return check;
}

export function kindOf(check: CodeCheck): SubjectKind {
  return check.kind === 'citizen_id' || check.kind === 'citizen_id_15' ? 'person' : 'organization';
}

/** A legacy 15-digit number is stored upgraded, so it is a citizen_id from here on. */
export function codeKindOf(check: CodeCheck): string {
  return check.kind === 'citizen_id_15' ? 'citizen_id' : (check.kind ?? 'unknown');
}

/** A8(1) 性别 and 年龄 (age on the identification date) read off a citizen ID number. */
export function derive(
  from: 'subjectGender' | 'subjectAge',
  code: CodeCheck | undefined,
  on: string,
): FieldValue {
  if (!code?.birthDate || !code.gender) return null;
  if (from === 'subjectGender') return code.gender === 'male' ? '男' : '女';
  const birth = code.birthDate;
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}
