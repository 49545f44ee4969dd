/**
 * The subject's inbox (issue 16, decision 0032): a person or an organization reads, through any of its
 * own accounts, what its procedures' steps meant for it, newest first, and marks a notice read. Nobody
 * else reads them: the routes need `inbox.read_own` (the subject role only) and every query is bound
 * to the account's own subject, so another subject's notice is simply not found (404).
 */
import { notFound } from '../../platform/errors.ts';
import type { Actor } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { Store } from '../database.ts';
import {
  subjectNoticesRepository as repo,
  type SubjectNoticeView,
  subjectNoticeView,
} from './subject-notices.repository.ts';

export type SubjectInboxDeps = {
  store: Store;
  audit: Pick<AuditTrail, 'writer'>;
  now: () => string;
};

export type SubjectInboxPage = {
  notices: SubjectNoticeView[];
  /** all the subject's unread notices, not only this page's */
  unread: number;
  /** `before` for the next page; null on the last */
  next: string | null;
};

const noticeNotFound = () =>
  notFound('SUBJECT_NOTICE_NOT_FOUND', '您的收件箱中没有这条通知', 'Your inbox has no such notice');

/** The subject an account reads for: its own (a person) or the organization it represents. */
function subjectOf(actor: Actor): string | null {
  return actor.kind === 'account' && actor.role === 'subject' ? actor.subjectId : null;
}

export function subjectInboxService(deps: SubjectInboxDeps) {
  const { store } = deps;

  async function inbox(
    actor: Actor,
    query: { unread: boolean; limit: number; before?: string | undefined },
  ): Promise<SubjectInboxPage> {
    const subjectId = subjectOf(actor);
    if (subjectId === null) return { notices: [], unread: 0, next: null };
    // one more than asked says whether there is a next page
    const rows = await repo.page(store.db, subjectId, {
      unreadOnly: query.unread,
      before: query.before?.toLowerCase(),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      notices: page.map(subjectNoticeView),
      unread: await repo.unreadCount(store.db, subjectId),
      next: rows.length > query.limit ? page.at(-1)!.id : null,
    };
  }

  /** Marks one of the subject's notices read (again: no change); SUBJECT_NOTICE_NOT_FOUND otherwise. */
  async function read(actor: Actor, id: string, requestId?: string): Promise<void> {
    const subjectId = subjectOf(actor);
    if (subjectId === null || actor.kind !== 'account') throw noticeNotFound();
    const found = await repo.markRead(
      store.db,
      id.toLowerCase(),
      subjectId,
      actor.accountId,
      deps.now(),
      deps.audit.writer(actor, requestId),
    );
    if (!found) throw noticeNotFound();
  }

  return { inbox, read };
}

export type SubjectInboxService = ReturnType<typeof subjectInboxService>;
