/**
 * The public portal's first load (issue 17: ≤ 250 kB of JavaScript, gzip): what a newcomer's browser
 * fetches before the home page works — the scripts index.html loads up front (the entry and its
 * module preloads) and the home page's own chunk with the chunks it imports, each gzipped as the server
 * sends it (scripts/web-build.ts writes the .gz files). A size, not a timing: the test
 * (web-build.test.ts) holds it to the budget, `npm run bench:web` prints it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Issue 17: the public portal's first-load JavaScript, gzip, in kB as Vite reports them (1 kB = 1000 B). */
export const FIRST_LOAD_BUDGET_BYTES = 250_000;

/** The page a newcomer lands on, by its source path (the key in Vite's manifest). */
export const HOME_PAGE_SOURCE = 'src/pages/home/HomePage.tsx';

export type LoadedFile = { file: string; why: string; bytes: number; gzip: number };

type Manifest = Record<string, { file: string; imports?: string[] }>;

/** The scripts an HTML page loads up front: its module scripts and module preloads, in order. */
export function upFrontScripts(html: string): string[] {
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)]
    .map((m) => /\bhref="([^"]+)"/.exec(m[0])?.[1])
    .filter((href): href is string => href !== undefined);
  return [...scripts, ...preloads].map((src) => src.replace(/^\//, ''));
}

/** A manifest chunk's file and, transitively, the files of the chunks it imports statically. */
function chunkFiles(manifest: Manifest, key: string, seen = new Set<string>()): string[] {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build's manifest (was it renamed? see HOME_PAGE_SOURCE)`);
  if (seen.has(key)) return [];
  seen.add(key);
  return [chunk.file, ...(chunk.imports ?? []).flatMap((imported) => chunkFiles(manifest, imported, seen))];
}

export function firstLoadJavaScript(dist: string): { files: LoadedFile[]; gzipTotal: number } {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const wanted = new Map<string, string>();
  for (const file of upFrontScripts(html)) wanted.set(file, 'index.html');
  for (const file of chunkFiles(manifest, HOME_PAGE_SOURCE))
    if (!wanted.has(file)) wanted.set(file, 'home page');
  const files = [...wanted].map(([file, why]) => {
    const bytes = readFileSync(path.join(dist, file));
    return { file, why, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, gzipTotal: files.reduce((sum, f) => sum + f.gzip, 0) };
}
