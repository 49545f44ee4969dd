/**
 * The public disclosure API's answers, named for the portal's pages: each is exactly the server's
 * documented 200 body (generated schema.ts), never a type of the browser's own making.
 */
import type { operations } from '../../api/schema.ts';

type Ok<K extends keyof operations> = operations[K] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type SearchAnswer = Ok<'publicSearch'>;
export type SearchResult = SearchAnswer['results'][number];
export type ProfileAnswer = Ok<'publicSubjectProfile'>;
export type ProfileGroup = ProfileAnswer['groups'][number];
export type ProfileItem = ProfileGroup['items'][number];
export type PersonAnswer = Ok<'publicPersonEntries'>;
export type ListAnswer = Ok<'publicBlackList'>;
export type ListEntry = ListAnswer['entries'][number];
export type ListFilters = Ok<'publicBlackListFilters'>;
export type RepairNoticesAnswer = Ok<'publicRepairNotices'>;
export type RepairNotice = RepairNoticesAnswer['notices'][number];
export type PolicyAnswer = Ok<'publicPolicy'>;
export type VerifyAnswer = Ok<'publicVerifyReport'>;
export type VerifyFileAnswer = Ok<'publicVerifyReportFile'>;
/** "objection" or "repair" in progress on a record, with the words the platform shows */
export type Procedure = ProfileItem['procedure'];
