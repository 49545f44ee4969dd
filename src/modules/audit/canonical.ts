import { createHash } from 'node:crypto';

/** The `prev_hash` of the first entry: 32 zero bytes, hex. */
export const GENESIS_HASH = '0'.repeat(64);

/** SM3 (GB/T 32905) of a UTF-8 string, lowercase hex. */
export function sm3(text: string): string {
  return createHash('sm3').update(text, 'utf8').digest('hex');
}

export class CanonicalFormError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'CanonicalFormError';
    this.path = path;
  }
}

/**
 * Canonical JSON for hashing: keys sorted by UTF-16 code unit (as RFC 8785), no whitespace, explicit
 * nulls, `undefined` members dropped (as JSON.stringify and the database drop them).
 *
 * Audit entries allow safe integers only: a fraction or a huge integer can be written differently by
 * another implementation (PostgreSQL numeric, Python, Go), and an outside verifier of a published
 * anchor must reproduce our bytes exactly; amounts belong in integer fen or in strings. Row digests
 * (`fractions: true`) take any finite number in ECMAScript's shortest form (RFC 8785 §3.2.2.3), since
 * we hash other modules' data as it is and only we recompute those digests.
 */
export function canonicalJson(value: unknown, options: { fractions?: boolean } = {}): string {
  return canonical(value, options.fractions === true, '$');
}

function canonical(value: unknown, fractions: boolean, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (fractions ? !Number.isFinite(value) : !Number.isSafeInteger(value)) {
        throw new CanonicalFormError(
          path,
          `${fractions ? 'only finite numbers' : 'only safe integers'} may be hashed, got ${value}`,
        );
      }
      return Object.is(value, -0) ? '0' : String(value);
    case 'object': {
      if (Array.isArray(value)) {
        const items = value.map((v, i) =>
          v === undefined ? 'null' : canonical(v, fractions, `${path}[${i}]`),
        );
        return `[${items.join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalFormError(
          path,
          `a ${proto?.constructor?.name ?? 'non-plain'} object cannot be hashed`,
        );
      }
      const members = Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, fractions, `${path}.${k}`)}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new CanonicalFormError(path, `a ${typeof value} cannot be hashed`);
  }
}
