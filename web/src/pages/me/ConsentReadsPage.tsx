/**
 * 谁查询了 (B21, B24, C §4(1)): every read made under one of my consents, newest first — when, which
 * department (its staff or system, never a person's name) or counterparty, for what purpose, which of
 * my records. Paged by the API's `next`.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty } from 'antd';
import { Link, useParams } from 'react-router';
import { api, data } from '../../api/client.ts';
import { ConsentCard } from '../../features/consents/ConsentCard.tsx';
import { formatInstant } from '../../features/me/format.ts';
import { READER_VIA_LABELS } from '../../features/me/labels.ts';
import { CONSENTS_KEY, useCatalog } from '../../features/me/queries.ts';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import './me.css';

export default function ConsentReadsPage() {
  usePageTitle('授权查询记录');
  const { id = '' } = useParams();
  const catalog = useCatalog();
  const reads = useInfiniteQuery({
    queryKey: [...CONSENTS_KEY, id, 'reads'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/me/consents/{id}/reads', {
          params: { path: { id }, query: { limit: 50, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.next ?? undefined,
  });
  const consent = reads.data?.pages[0]?.consent;
  const all = reads.data?.pages.flatMap((page) => page.reads) ?? [];

  return (
    <section aria-labelledby="reads-title">
      <h1 id="reads-title">授权查询记录</h1>
      <p>
        <Link to="/me/consents">返回授权管理</Link>
      </p>
      {reads.isPending ? <PageLoading /> : null}
      {reads.error ? <Alert type="error" showIcon title={reads.error.message} /> : null}
      {consent ? (
        <>
          <h2 className="section-title">授权</h2>
          <ConsentCard consent={consent} byCode={catalog.byCode} />
          <h2 className="section-title">谁查询了</h2>
          {all.length === 0 ? <Empty description="尚无人依此授权查询您的信息" /> : null}
          <ul className="card-list" aria-label="查询记录">
            {all.map((read) => (
              <li key={read.id}>
                <Card size="small" className="read-card">
                  <h3 className="record-card-title">{formatInstant(read.at)}</h3>
                  <dl className="read-facts">
                    <div>
                      <dt>查询方</dt>
                      <dd>
                        {read.reader.name}（{READER_VIA_LABELS[read.reader.via]}）
                      </dd>
                    </div>
                    <div>
                      <dt>用途</dt>
                      <dd>{read.purpose ?? '—'}</dd>
                    </div>
                    <div>
                      <dt>查询的信息</dt>
                      <dd>
                        {read.records.length === 0
                          ? '没有读到授权范围内的记录'
                          : read.records.map((r) => r.itemName).join('、')}
                      </dd>
                    </div>
                  </dl>
                </Card>
              </li>
            ))}
          </ul>
          {reads.hasNextPage ? (
            <Button onClick={() => reads.fetchNextPage()} loading={reads.isFetchingNextPage}>
              更早的查询记录
            </Button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
