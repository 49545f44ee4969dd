/**
 * Test support (issue 14 §5): every test app logs at trace level into a scanner, and its `close()`
 * fails when any line held an identity code or a person's name. So each HTTP suite is also a test
 * that no log line carries personal data.
 */

/**
 * Identity-code shapes, delimited so that digests (hex runs) and timings (a fraction after a dot) do
 * not match: an 18-character citizen ID number (GB 11643), valid or not — a mistyped number is still
 * someone's — and a unified social credit code (GB 32100: two code characters, six region digits, nine
 * organization-code characters, a check character), which for a sole proprietor identifies a person.
 */
const CITIZEN_ID = /(?<![0-9A-Za-z.])\d{17}[\dXx](?![0-9A-Za-z])/g;
const USCC = /(?<![0-9A-Za-z.])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/g;
const HAN = /[\u3400-\u9fff]/;

export type LogScan = {
  /** fastify logger options: every level, into the scanner */
  logger: { level: string; stream: { write(line: string): void } };
  /** the lines seen so far (the first 20,000) */
  lines(): readonly string[];
  /** what was found: identity codes in any line, and any of `names` in a line */
  findings(names: Iterable<string>): string[];
};

export function logScan(): LogScan {
  const kept: string[] = [];
  const codes: string[] = [];
  // Only lines with Chinese characters can hold a Chinese name; they are kept to be searched at the end.
  const hanLines: string[] = [];
  return {
    logger: {
      level: 'trace',
      stream: {
        write(line: string) {
          if (kept.length < 20_000) kept.push(line);
          const inLine = new Set([...line.matchAll(CITIZEN_ID), ...line.matchAll(USCC)].map((m) => m[0]));
          for (const code of inLine) if (codes.length < 20) codes.push(`${code} in ${line.trim()}`);
          if (HAN.test(line)) hanLines.push(line);
        },
      },
    },
    lines: () => kept,
    findings(names) {
      const found = [...codes];
      for (const name of names) {
        if (name.length < 2) continue;
        const line = hanLines.find((l) => l.includes(name));
        if (line && found.length < 20) found.push(`name ${name} in ${line.trim()}`);
      }
      return found;
    },
  };
}
