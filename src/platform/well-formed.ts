/**
 * Well-formed text (issue 14 §2). A JavaScript string may hold a lone UTF-16 surrogate (`"\ud800"` in
 * JSON, a Windows argument); both database engines store such a string as UTF-8, with the surrogate
 * replaced by U+FFFD. Whatever hashed the string as it was sent then disagrees with what was stored.
 * The platform's edges refuse such text (`http/well-formed-text.ts`, the CLI's argument parser); the
 * audit chain makes what it hashes well-formed itself, so the bytes hashed are always the bytes stored.
 * Pure: no I/O here.
 */

/** The text as both engines store it: every lone surrogate replaced by U+FFFD. */
export function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/**
 * The path (`rows.3.subject.name`, `login`, or `prefix` itself, as REQUEST_INVALID names fields) of the first string — value or
 * object key — in a plain value that is not well-formed, or undefined when every string is.
 * Buffers, streams and other non-plain objects are not looked into: they are not text. The walk keeps
 * its own stack (any depth a parser accepted), and builds paths only once something was found.
 */
export function findMalformedText(value: unknown, prefix = ''): string | undefined {
  if (allWellFormed(value)) return undefined;
  const stack: Array<[unknown, string]> = [[value, prefix]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (!v.isWellFormed()) return path;
      continue;
    }
    if (!isContainer(v)) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path === '' ? String(i) : `${path}.${i}`]);
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const at = path === '' ? key : `${path}.${key}`;
      stack.push([key.isWellFormed() ? (v as Record<string, unknown>)[key] : key, at]);
    }
  }
  return undefined;
}

/** Whether every string in a plain value (values and keys) is well-formed; no allocation per string. */
function allWellFormed(value: unknown): boolean {
  if (typeof value === 'string') return value.isWellFormed();
  if (!isContainer(value)) return true;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!v.isWellFormed()) return false;
    } else if (isContainer(v)) {
      if (Array.isArray(v)) {
        for (const item of v) stack.push(item);
      } else {
        for (const key in v) {
          if (!key.isWellFormed()) return false;
          stack.push((v as Record<string, unknown>)[key]);
        }
      }
    }
  }
  return true;
}

/** An array or a plain object (what JSON and query parsers produce), not a Buffer or a stream. */
function isContainer(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The value with every string in it (values and keys of plain objects, items of arrays) made
 * well-formed; the value itself when there was nothing to change, so the common case allocates nothing.
 */
export function wellFormedDeep<T>(value: T): T {
  return allWellFormed(value) ? value : (repair(value) as T);
}

/** Only for values that hold malformed text (rare): audit details and rows, of modest depth. */
function repair(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return value.map(repair);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[wellFormed(k)] = repair(v);
  return out;
}
