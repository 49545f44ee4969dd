/**
 * The layering, as facts a test can check (docs/ARCHITECTURE.md, decision 0015). Each rule names the
 * files that break it, so a newcomer's wrong import fails here with the reason, not in review.
 *
 * - `src/app` is the composition root: nothing under `src/modules` or `src/platform` imports it.
 * - `src/platform` knows no domain: it imports nothing from `src/modules`, `src/migrations`, `src/app`.
 * - A migration carries its own code: no migration imports `src/modules` (tests of migrations may).
 * - SQL only in repositories: the query layer (the `kysely` package and the query helpers of
 *   `platform/db`) is imported, and queries are built, only by repositories, table types, migrations,
 *   `platform/db` itself and test code; the composition root and the CLI may open a store.
 * - A module file without a role suffix is a pure rule: it reaches no repository and holds no store.
 * - Production code never imports test support (`src/testing`, `test-support.ts`, fixtures).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const SRC = import.meta.dirname;

type SourceFile = { path: string; text: string; imports: string[]; valueImports: string[] };

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Import specifiers of statements that load code at run time (not `import type`/`export type`). */
function valueImportsOf(text: string): string[] {
  const specifiers: string[] = [];
  for (const m of text.matchAll(/\b(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gs)) {
    if (!m[2]) specifiers.push(m[4]!);
  }
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) specifiers.push(m[1]!);
  for (const m of text.matchAll(/new URL\(\s*'([^']+)'\s*,\s*import\.meta\.url\s*\)/g))
    specifiers.push(m[1]!);
  return specifiers;
}

/** Import specifiers: static imports and re-exports, dynamic imports, worker URLs. */
function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /\bfrom\s+'([^']+)'/g,
    /\bimport\s+'([^']+)'/g,
    /\bimport\(\s*'([^']+)'\s*\)/g,
    /new URL\(\s*'([^']+)'\s*,\s*import\.meta\.url\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) specifiers.push(m[1]!);
  return specifiers;
}

const files: SourceFile[] = sourceFiles(SRC).map((file) => {
  const text = readFileSync(file, 'utf8');
  return {
    path: path.relative(SRC, file).split(path.sep).join('/'),
    text,
    imports: importsOf(text),
    valueImports: valueImportsOf(text),
  };
});

/** The file an import names, relative to src/ ('kysely' and node: built-ins as they are). */
function target(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
}

const isTest = (p: string) =>
  p.endsWith('.test.ts') ||
  p.endsWith('/test-support.ts') ||
  p.endsWith('.fixture.ts') ||
  p.startsWith('testing/');
const under = (p: string, dir: string) => p.startsWith(`${dir}/`);

/** Every (file, imported path) pair where the import breaks `rule`. */
function violations(
  select: (file: SourceFile) => boolean,
  forbidden: (imported: string) => boolean,
  which: 'imports' | 'valueImports' = 'imports',
): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (!select(file)) continue;
    for (const specifier of file[which]) {
      const imported = target(file.path, specifier);
      if (forbidden(imported)) found.push(`${file.path} → ${specifier}`);
    }
  }
  return found;
}

/** The query layer: building and running SQL. */
const QUERY_LAYER = [
  'platform/db/insert-rows.ts',
  'platform/db/cached-query.ts',
  'platform/db/database.ts',
  'platform/db/sqlite.ts',
  'platform/db/postgres.ts',
  'platform/db/migrate.ts',
  'platform/db/scratch.ts',
  'platform/db/test-engines.ts',
];
const isQueryLayer = (imported: string) =>
  imported === 'kysely' || imported.startsWith('kysely/') || QUERY_LAYER.includes(imported);

/** Files allowed to build SQL: repositories, table types, migrations, the database seam, tests. */
const maySql = (p: string) =>
  p.endsWith('.repository.ts') ||
  p.endsWith('.tables.ts') ||
  p === 'modules/database.ts' ||
  under(p, 'migrations') ||
  under(p, 'platform/db') ||
  isTest(p);

/** Role suffixes: files that do I/O (repository, service, routes, hook(s), loader, seed) or describe it. */
const ROLE = /\.(repository|service|routes|hooks?|loader|seed|tables|api|worker|fixture|test)\.ts$/;

describe('architecture: the layering holds (decision 0015)', () => {
  it('nothing under src/modules or src/platform imports the composition root (src/app)', () => {
    assert.deepEqual(
      violations(
        (f) => under(f.path, 'modules') || under(f.path, 'platform'),
        (i) => under(i, 'app'),
      ),
      [],
    );
  });

  it('src/platform knows no domain: it imports nothing from modules, migrations, app or testing', () => {
    assert.deepEqual(
      violations(
        (f) => under(f.path, 'platform'),
        (i) => under(i, 'modules') || under(i, 'migrations') || under(i, 'app') || under(i, 'testing'),
      ),
      [],
    );
  });

  it('a migration carries its own code: no migration imports src/modules or src/app', () => {
    assert.deepEqual(
      violations(
        (f) => under(f.path, 'migrations') && !isTest(f.path),
        (i) => under(i, 'modules') || under(i, 'app') || under(i, 'testing'),
      ),
      [],
    );
  });

  it('SQL only in repositories: the query layer is imported only by repositories, tables, migrations and platform/db', () => {
    assert.deepEqual(
      violations((f) => !maySql(f.path) && !under(f.path, 'app') && !under(f.path, 'cli'), isQueryLayer),
      [],
    );
    // The composition root and the CLI open a store (platform/db/database.ts); they build no query.
    assert.deepEqual(
      violations(
        (f) => under(f.path, 'app') || under(f.path, 'cli'),
        (i) => isQueryLayer(i) && i !== 'platform/db/database.ts',
      ),
      [],
    );
  });

  it('SQL only in repositories: no query is built outside them', () => {
    const query =
      /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|executeQuery)\(|\bsql(<[^>]*>)?`|\bsql\.(raw|ref|table|id|lit)\(/;
    const found = files.filter((f) => !maySql(f.path) && query.test(f.text)).map((f) => f.path);
    assert.deepEqual(found, []);
  });

  it('a module file without a role suffix is a pure rule: it loads no repository, service or database code', () => {
    // Types may be shared (a pure rule may name a repository's row type); code that runs may not.
    const found = violations(
      (f) =>
        under(f.path, 'modules') &&
        f.path.split('/').length === 3 &&
        !ROLE.test(f.path) &&
        !f.path.endsWith('/index.ts') &&
        !isTest(f.path),
      (i) =>
        i.endsWith('.repository.ts') ||
        i.endsWith('.service.ts') ||
        i === 'modules/database.ts' ||
        isQueryLayer(i) ||
        i === 'platform/db/engine.ts',
      'valueImports',
    );
    assert.deepEqual(found, []);
  });

  it('production code never imports test support', () => {
    assert.deepEqual(
      violations(
        (f) => !isTest(f.path),
        (i) => under(i, 'testing') || i.endsWith('/test-support.ts') || i.endsWith('.fixture.ts'),
      ),
      [],
    );
  });

  it('table types are in *.tables.ts; *.schema.ts is not a role any more', () => {
    assert.deepEqual(
      files.filter((f) => f.path.endsWith('.schema.ts')).map((f) => f.path),
      [],
    );
  });
});
