/**
 * 消息 (decision 0032): what my procedures' steps mean for me — receipts, deadlines, outcomes with
 * reasons, how to appeal. Unread notices first, each marked read by the person; then the read ones,
 * newest first, paged.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, data } from '../../api/client.ts';
import { formatInstant } from '../../features/me/format.ts';
import type { Notice } from '../../features/me/labels.ts';
import { INBOX_KEY } from '../../features/me/queries.ts';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import './me.css';
import { StatusTag } from '../../features/me/StatusTag.tsx';

const PROCEDURE_PATHS: Record<string, string> = { objection: 'objections', repair: 'repairs' };

export default function InboxPage() {
  usePageTitle('消息');
  const client = useQueryClient();
  const unread = useQuery({
    queryKey: [...INBOX_KEY, 'unread-list'],
    queryFn: () => data(api.GET('/api/v1/me/inbox', { params: { query: { unread: 'true', limit: 200 } } })),
  });
  const all = useInfiniteQuery({
    queryKey: [...INBOX_KEY, 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/me/inbox', {
          params: { query: { limit: 50, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.next ?? undefined,
  });
  const markRead = useMutation({
    mutationFn: (notice: Notice) =>
      data(api.POST('/api/v1/me/inbox/{id}/read', { params: { path: { id: notice.id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: INBOX_KEY }),
  });
  const read = (all.data?.pages.flatMap((page) => page.notices) ?? []).filter((n) => n.readAt !== null);
  const count = unread.data?.unread ?? 0;

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">消息</h1>
      <p className="section-lead">您的异议、申诉和信用修复每一步的受理、期限、结果和理由，都会发到这里。</p>
      {markRead.error ? (
        <Alert type="error" showIcon title={markRead.error.message} className="form-alert" />
      ) : null}

      <h2 className="section-title">未读消息{count > 0 ? `（${count}）` : ''}</h2>
      {unread.isPending ? <PageLoading /> : null}
      {unread.error ? <Alert type="error" showIcon title={unread.error.message} /> : null}
      {unread.data && unread.data.notices.length === 0 ? <Empty description="没有未读消息" /> : null}
      <ul className="card-list" aria-label="未读消息">
        {unread.data?.notices.map((notice) => (
          <li key={notice.id}>
            <NoticeCard
              notice={notice}
              action={
                <Button
                  size="small"
                  onClick={() => markRead.mutate(notice)}
                  loading={markRead.isPending && markRead.variables?.id === notice.id}
                >
                  标为已读<span className="visually-hidden">：{notice.title}</span>
                </Button>
              }
            />
          </li>
        ))}
      </ul>

      <h2 className="section-title">已读消息</h2>
      {all.error ? <Alert type="error" showIcon title={all.error.message} /> : null}
      {all.data && read.length === 0 ? <Empty description="没有已读消息" /> : null}
      <ul className="card-list" aria-label="已读消息">
        {read.map((notice) => (
          <li key={notice.id}>
            <NoticeCard notice={notice} />
          </li>
        ))}
      </ul>
      {all.hasNextPage ? (
        <Button onClick={() => all.fetchNextPage()} loading={all.isFetchingNextPage}>
          更早的消息
        </Button>
      ) : null}
    </section>
  );
}

function NoticeCard({ notice, action }: { notice: Notice; action?: ReactNode }) {
  const path = notice.procedure ? PROCEDURE_PATHS[notice.procedure.kind] : undefined;
  return (
    <Card size="small" className={notice.readAt ? 'notice-card' : 'notice-card notice-unread'}>
      <div className="record-card-head">
        <h3 className="record-card-title">{notice.title}</h3>
        {notice.readAt ? null : <StatusTag tone="red">未读</StatusTag>}
      </div>
      <p className="muted">
        {formatInstant(notice.createdAt)} · 依据 {notice.article}
      </p>
      <p className="prewrap">{notice.message}</p>
      <div className="record-card-actions">
        {path && notice.procedure ? (
          <Link to={`/me/${path}/${notice.procedure.id}`}>
            查看办理进度<span className="visually-hidden">：{notice.title}</span>
          </Link>
        ) : null}
        {action}
      </div>
    </Card>
  );
}
