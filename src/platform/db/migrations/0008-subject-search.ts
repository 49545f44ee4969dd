import type { Kysely } from 'kysely';
import type { Capabilities } from '../engine.ts';

/** Tables of the subject-search module (to be filled in by the module). */
export async function up(_db: Kysely<unknown>, _caps: Capabilities): Promise<void> {}
