/**
 * The layering, as facts a test can check (docs/ARCHITECTURE.md, decision 0015). Each rule names the
 * files that break it, so a newcomer's wrong import fails here with the reason, not in review.
 *
 * - `src/app` is the composition root: nothing under `src/modules` or `src/platform` imports it.
 * - `src/platform` knows no domain: it imports nothing from `src/modules`, `src/migrations`, `src/app`.
 * - A migration carries its own code: no migration imports `src/modules` (tests of migrations may).
 * - SQL only in repositories: the query layer (the `kysely` package and the query helpers of
 *   `platform/db`) is imported, and queries are built, only by repositories, migrations, `platform/db`
 *   itself and test code; table types name its types only; the composition root and the CLI may open
 *   a store.
 * - A module file without a role suffix is a pure rule: it loads no repository, service, database,
 *   file, thread or process code, directly or through a barrel; barrels re-export pure rules only.
 * - Only the clock turns an instant into a date.
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

const DYNAMIC = /\bimport\(\s*'([^']+)'\s*\)/g;
const WORKER = /new URL\(\s*'([^']+)'\s*,\s*import\.meta\.url\s*\)/g;

/** Import specifiers: static imports and re-exports, side-effect imports, dynamic imports, worker URLs. */
function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  for (const pattern of [/\bfrom\s+'([^']+)'/g, /\bimport\s+'([^']+)'/g, DYNAMIC, WORKER]) {
    for (const m of text.matchAll(pattern)) specifiers.push(m[1]!);
  }
  return specifiers;
}

/** Import specifiers of statements that load code at run time (not `import type` / `export type`). */
function valueImportsOf(text: string): string[] {
  const specifiers: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gms)) {
    if (!m[2]) specifiers.push(m[4]!);
  }
  for (const pattern of [/\bimport\s+'([^']+)'/g, DYNAMIC, WORKER]) {
    for (const m of text.matchAll(pattern)) specifiers.push(m[1]!);
  }
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
const byPath = new Map(files.map((f) => [f.path, f]));

/** The file an import names, relative to src/ ('kysely' and node: built-ins as they are). */
function target(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
}

const under = (p: string, dir: string) => p.startsWith(`${dir}/`);
const isTest = (p: string) =>
  p.endsWith('.test.ts') ||
  p.endsWith('/test-support.ts') ||
  p.endsWith('.fixture.ts') ||
  p.startsWith('testing/') ||
  p === 'platform/db/test-engines.ts';

/** Every (file, import) pair where a selected file imports something forbidden. */
function violations(
  select: (file: SourceFile) => boolean,
  forbidden: (imported: string) => boolean,
  which: 'imports' | 'valueImports' = 'imports',
): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (!select(file)) continue;
    for (const specifier of file[which]) {
      if (forbidden(target(file.path, specifier))) found.push(`${file.path} → ${specifier}`);
    }
  }
  return found;
}

/** What a file loads at run time, following the value re-exports of any barrel (index.ts) it loads. */
function loadedBy(file: SourceFile): string[] {
  const out = new Set<string>();
  const visit = (from: string, specifiers: readonly string[]) => {
    for (const specifier of specifiers) {
      const imported = target(from, specifier);
      if (out.has(imported)) continue;
      out.add(imported);
      const barrel = imported.endsWith('/index.ts') ? byPath.get(imported) : undefined;
      if (barrel) visit(barrel.path, barrel.valueImports);
    }
  };
  visit(file.path, file.valueImports);
  return [...out];
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

/** Files allowed to build SQL: repositories, migrations, the database seam, tests. */
const maySql = (p: string) =>
  p.endsWith('.repository.ts') || under(p, 'migrations') || under(p, 'platform/db') || isTest(p);

/** Table types and the assembled database type name the query layer's types, nothing else of it. */
const typesOnly = (p: string) => p.endsWith('.tables.ts') || p === 'modules/database.ts';

/** A query built: Kysely's builders, schema changes, introspection, raw SQL. */
const QUERY =
  /\.(selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|executeQuery|withRecursive)\(|\.with\(\s*'|\.schema\.(create|alter|drop)\w*\(|\.introspection\.|\bsql(<[^>]*>)?`|\bsql\.(raw|ref|table|id|lit|join)\(|\bCompiledQuery\b/;

/**
 * Role suffixes: files that do I/O (repository, service, routes, hook(s), loader, seed; file: a file of
 * the module's own format, read and written) or describe it (tables, api), worker scripts, tests.
 */
const ROLE = /\.(repository|service|routes|hooks?|loader|seed|file|tables|api|worker|fixture|test)\.ts$/;
const IO_ROLE = /\.(repository|service|routes|hooks?|loader|seed|file)\.ts$/;

/** What a pure rule may not load besides I/O roles: database, files, threads, processes, sockets. */
const IO_MODULES = new Set([
  'node:fs',
  'node:fs/promises',
  'node:worker_threads',
  'node:child_process',
  'node:net',
  'node:http',
  'node:https',
  'node:http2',
  'node:dgram',
  'node:readline',
]);

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

  it('SQL only in repositories: the query layer is imported only by repositories, migrations and platform/db', () => {
    assert.deepEqual(
      violations(
        (f) => !maySql(f.path) && !typesOnly(f.path) && !under(f.path, 'app') && !under(f.path, 'cli'),
        isQueryLayer,
      ),
      [],
    );
    // Table types and the database type: type-only imports of the query layer.
    assert.deepEqual(
      violations((f) => typesOnly(f.path), isQueryLayer, 'valueImports'),
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
    const found = files.filter((f) => !maySql(f.path) && QUERY.test(f.text)).map((f) => f.path);
    assert.deepEqual(found, []);
  });

  it('a module file without a role suffix is a pure rule: no repository, service, database, file or thread code', () => {
    // Types may be shared (a pure rule may name a repository's row type); code that runs may not.
    const pure = (f: SourceFile) =>
      under(f.path, 'modules') &&
      f.path !== 'modules/database.ts' &&
      !ROLE.test(f.path) &&
      !f.path.endsWith('/index.ts') &&
      !isTest(f.path);
    const forbidden = (i: string) =>
      IO_ROLE.test(i) ||
      i === 'modules/database.ts' ||
      isQueryLayer(i) ||
      i === 'platform/db/engine.ts' ||
      under(i, 'platform/concurrency') ||
      IO_MODULES.has(i);
    const found: string[] = [];
    for (const f of files.filter(pure)) {
      for (const i of loadedBy(f)) if (forbidden(i)) found.push(`${f.path} → ${i}`);
    }
    assert.deepEqual(found, []);
  });

  it('a barrel (index.ts) re-exports pure rules only: a repository or service is imported from its file', () => {
    assert.deepEqual(
      violations(
        (f) => under(f.path, 'modules') && f.path.endsWith('/index.ts'),
        (i) => IO_ROLE.test(i),
        'valueImports',
      ),
      [],
    );
  });

  it('only the clock turns an instant into a date', () => {
    const instantToDate = /(\bnow\(\)|toISOString\(\)|At|_at)\.slice\(0, ?10\)|\btimeZone:/;
    const found = files
      .filter((f) => f.path !== 'platform/clock.ts' && !isTest(f.path) && instantToDate.test(f.text))
      .map((f) => f.path);
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

  it('nothing of ours is loaded behind the scanner (createRequire of a relative path); no *.schema.ts role', () => {
    const found = files
      .filter(
        (f) =>
          f.path.endsWith('.schema.ts') ||
          (f.path !== 'architecture.test.ts' && /createRequire\([^)]*\)\(\s*'\./.test(f.text)),
      )
      .map((f) => f.path);
    assert.deepEqual(found, []);
  });
});
