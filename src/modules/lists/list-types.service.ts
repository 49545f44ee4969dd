/**
 * The city's list types, as every reader of them sees them: one copy per process, read again when the
 * change feed says reference data changed (`invalidate`, wired to the check index in the app) and, as
 * a backstop for a process that runs no checks, once it is a minute old — so a type added by another
 * process is known within a minute, not only after a restart.
 */
import { conflict } from '../../platform/errors.ts';
import type { RowsWrittenMeta } from '../audit/index.ts';
import type { Store } from '../database.ts';
import { addListType, listTypes } from './list-types.repository.ts';
import type { ListType } from './list-types.ts';

/** Not a policy number: how stale the copy may be where no change-feed signal reaches it. */
const MAX_AGE_MS = 60_000;

export type ListTypesDeps = {
  store: Store;
  now: () => string;
  /** who a new type's row is recorded as on the audit chain (issue 14 §3) */
  rowWriter: RowsWrittenMeta;
};

export function listTypesService(deps: ListTypesDeps) {
  let cached: { at: number; byCode: Promise<Map<string, ListType>> } | undefined;

  function byCode(): Promise<Map<string, ListType>> {
    const now = Date.parse(deps.now());
    // A clock set back (a test, an NTP step) reads again rather than trusting a copy from the future.
    if (!cached || now - cached.at > MAX_AGE_MS || now < cached.at) {
      const loading = listTypes(deps.store.db).then((types) => new Map(types.map((t) => [t.code, t])));
      const entry = { at: now, byCode: loading };
      cached = entry;
      loading.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.byCode;
  }

  /**
   * Every list type by code, with all of `codes` in it if they exist: a code this process has not seen
   * (a type another process added under a minute ago) makes it read the types again once.
   */
  async function including(codes: Iterable<string>): Promise<Map<string, ListType>> {
    const known = await byCode();
    for (const code of codes) {
      if (!known.has(code)) {
        cached = undefined;
        return byCode();
      }
    }
    return known;
  }

  return {
    /** Every list type by code. */
    byCode,
    including,
    /** Every list type, by code order. */
    list: async (): Promise<ListType[]> => [...(await byCode()).values()],
    /** Adds a list type; LIST_TYPE_EXISTS when its code is taken. */
    async add(type: ListType): Promise<void> {
      if (!(await addListType(deps.store.db, type, deps.now(), deps.rowWriter))) {
        throw conflict(
          'LIST_TYPE_EXISTS',
          `名单类型 ${type.code} 已存在`,
          `List type ${type.code} exists already`,
          {
            code: type.code,
          },
        );
      }
      cached = undefined;
    },
    /** Reference data changed somewhere (the change feed said so): read again at the next use. */
    invalidate(): void {
      cached = undefined;
    },
  };
}

export type ListTypesService = ReturnType<typeof listTypesService>;
