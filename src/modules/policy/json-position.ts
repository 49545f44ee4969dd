/**
 * Locates the first syntax error in a JSON text (RFC 8259). V8's JSON.parse messages give a position
 * for some errors and not for others ("Unexpected token ... is not valid JSON"), so the position is
 * found here, independent of the engine's wording.
 */

/** Offset of the first JSON syntax error in `text`, or -1 when it is valid JSON. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) return false;
      i++;
    }
    return true;
  };
  const string = (): boolean => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return true;
      }
      if (ch < ' ') return false;
      if (ch === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/^[0-9a-fA-F]$/.test(text[i + k] ?? '')) {
              i += k;
              return false;
            }
          }
          i += 5;
        } else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i]!)) i++;
        else return false;
      } else i++;
    }
    return false;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): boolean => {
    skipSpace();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      skipSpace();
      if (text[i] === close) {
        i++;
        return true;
      }
      for (;;) {
        if (ch === '{') {
          skipSpace();
          if (text[i] !== '"' || !string()) return false;
          skipSpace();
          if (text[i] !== ':') return false;
          i++;
        }
        if (!value()) return false;
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return true;
        } else return false;
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) return false;
    i += match[0].length;
    return true;
  };
  if (!value()) return i;
  skipSpace();
  return i < text.length ? i : -1;
}

/** 1-based line and column of `offset` in `text` (columns count UTF-16 code units, like editors do). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}
