import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Locates the seed document 淮政发〔2018〕103号 for tests that prove demo data comes from it.
 * `XINYONG_SEED` may name the file; otherwise the repository's docs/seed/ and the shared workspace
 * next to the repository are tried.
 */
const FILE = 'huaian-2018-103-credit-system.txt';

export function findSeedDocument(): string | undefined {
  const root = path.resolve(import.meta.dirname, '../../..');
  const candidates = [
    process.env.XINYONG_SEED,
    path.join(root, 'docs/seed', FILE),
    path.join(root, 'seed', FILE),
    path.join(root, '../shared/seed', FILE),
  ];
  return candidates.find((c): c is string => typeof c === 'string' && existsSync(c));
}

export function readSeedDocument(): string | undefined {
  const file = findSeedDocument();
  return file ? readFileSync(file, 'utf8') : undefined;
}

/**
 * Every unit named in a "(责任单位:…)" list of the seed, in order of first appearance. Generic
 * collectives (市各有关部门, 各县区人民政府, 各园区管委会) are left out; "市经信委(信用办)" yields both
 * 市经信委 and 信用办.
 */
export function responsibleUnits(seed: string): string[] {
  const units = new Set<string>();
  // The stored seed uses ASCII punctuation; full-width forms are accepted too.
  for (const match of seed.matchAll(/[(（]责任单位[:：](.*)[)）]\s*$/gm)) {
    for (const raw of (match[1] as string).split(/[、,，]/)) {
      const unit = raw.trim().replace(/等.*$/, ''); // "淮阴师范学院等高校"
      if (unit === '' || unit.startsWith('各') || unit.startsWith('市各')) continue;
      const nested = /^(.+)[(（](.+)[)）]$/.exec(unit);
      if (nested) {
        units.add(nested[1] as string);
        units.add(nested[2] as string);
      } else {
        units.add(unit);
      }
    }
  }
  return [...units];
}
