/** The `prev_hash` of the first entry: 32 zero bytes, hex. */
export const GENESIS_HASH = '0'.repeat(64);

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
 *
 * Two implementations of the one definition: `canonicalWithPaths` is the reference (it names the path
 * of what cannot be hashed); `fast` builds the same bytes without tracking paths or allocating
 * intermediate arrays (row digests and audit entries hash millions of values), and whenever it meets
 * something it cannot hash the reference is run to report it.
 */
export function canonicalJson(value: unknown, options: { fractions?: boolean } = {}): string {
  const fractions = options.fractions === true;
  try {
    return fast(value, fractions);
  } catch {
    return canonicalWithPaths(value, fractions, '$');
  }
}

/** Thrown by the fast path only; never escapes `canonicalJson`. */
const UNHASHABLE = new Error('unhashable');

function fast(value: unknown, fractions: boolean): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (fractions ? !Number.isFinite(value) : !Number.isSafeInteger(value)) throw UNHASHABLE;
      return String(value); // String(-0) is "0"
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const v: unknown = value[i];
          // a hole stays empty, as Array.prototype.map and join leave it
          if (v === undefined) out += i in value ? 'null' : '';
          else out += fast(v, fractions);
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw UNHASHABLE;
      const keys = Object.keys(value);
      // default sort: by UTF-16 code units, the order the reference's comparator gives
      if (keys.length > 1) keys.sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const v: unknown = (value as Record<string, unknown>)[key];
        if (v === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${fast(v, fractions)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw UNHASHABLE;
  }
}

/** The reference definition, naming the path of a value that cannot be hashed. */
export function canonicalWithPaths(value: unknown, fractions: boolean, path: string): string {
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
          v === undefined ? 'null' : canonicalWithPaths(v, fractions, `${path}[${i}]`),
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
        .map(([k, v]) => `${JSON.stringify(k)}:${canonicalWithPaths(v, fractions, `${path}.${k}`)}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new CanonicalFormError(path, `a ${typeof value} cannot be hashed`);
  }
}
