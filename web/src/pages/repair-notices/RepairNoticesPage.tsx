/**
 * 信用修复公示 (/repair-notices): the repair opinions under public notice today (A19, B32: the provider
 * agrees, the opinion is publicized 5 working days) — the subject as the API names it (a person
 * masked, A7), the record, the provider, the opinion and the notice's end — each with 「我要提出异议」:
 * anyone may object during the notice, with or without a name; the credit center receives it and the
 * provider verifies it. Paged; the page in the URL.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Pagination } from 'antd';
import { lazy, Suspense, useRef, useState } from 'react';
import { api, data } from '../../api/client.ts';
import type { RepairNotice } from '../../features/public/api-types.ts';
import { ErrorAlert } from '../../features/public/ErrorAlert.tsx';
import { PageSkeleton } from '../../features/public/PageSkeleton.tsx';
import { pageOf, useUrlState } from '../../features/public/url-state.ts';
import { usePageTitle } from '../../shell/page-title.ts';
import '../../features/public/public.css';

// the form's code (antd Form, Modal) arrives when a person first asks to object
const ObjectionDialog = lazy(() => import('../../features/public/ObjectionDialog.tsx'));

const PAGE_SIZE = 20;

export default function RepairNoticesPage() {
  usePageTitle('信用修复公示');
  const { get, set } = useUrlState();
  const page = pageOf(get('page'));
  const [objecting, setObjecting] = useState<RepairNotice | null>(null);
  // the 我要提出异议 button that opened the dialog: the focus goes back to it when the dialog closes
  // (the dialog is unmounted on close, so antd's own return of focus never runs)
  const opener = useRef<HTMLElement | null>(null);
  const open = (notice: RepairNotice, button: HTMLElement) => {
    opener.current = button;
    setObjecting(notice);
  };
  const close = () => {
    setObjecting(null);
    // after React has removed the dialog and its focus trap
    requestAnimationFrame(() => opener.current?.focus());
  };
  const notices = useQuery({
    queryKey: ['public-repair-notices', page],
    queryFn: () =>
      data(api.GET('/api/v1/public/repair-notices', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <h1 className="page-title">信用修复公示</h1>
      <p className="page-lead">
        信息提供单位同意信用修复的，修复意见在此公示 5
        个工作日（A19、B32）。公示期间，任何单位和个人对拟修复的事项有异议的，都可以提出；异议由信息提供单位核实，核实前不作出修复决定。
      </p>
      {notices.isPending ? (
        <PageSkeleton rows={6} />
      ) : notices.isError ? (
        <ErrorAlert error={notices.error} onRetry={() => notices.refetch()} />
      ) : (
        <>
          <Alert type="info" showIcon title={notices.data.free.zh} description={notices.data.objections.zh} />
          <section className="page-section" aria-labelledby="notices-title" aria-busy={notices.isFetching}>
            <h2 id="notices-title">正在公示（{notices.data.total}）</h2>
            {notices.data.notices.length === 0 ? (
              <p className="group-empty">目前没有正在公示的信用修复。</p>
            ) : (
              <ul className="card-list">
                {notices.data.notices.map((notice) => (
                  <li key={notice.repairId}>
                    <NoticeCard notice={notice} onObject={(button) => open(notice, button)} />
                  </li>
                ))}
              </ul>
            )}
            {notices.data.total > PAGE_SIZE ? (
              <Pagination
                className="pager"
                current={page}
                pageSize={PAGE_SIZE}
                total={notices.data.total}
                onChange={(next) => set({ page: next })}
                showSizeChanger={false}
              />
            ) : null}
          </section>
        </>
      )}
      {objecting ? (
        <Suspense fallback={null}>
          <ObjectionDialog notice={objecting} onClose={close} />
        </Suspense>
      ) : null}
    </>
  );
}

function NoticeCard({ notice, onObject }: { notice: RepairNotice; onObject: (button: HTMLElement) => void }) {
  const titleId = `notice-${notice.repairId}`;
  return (
    <Card
      size="small"
      aria-labelledby={titleId}
      title={
        <h3 id={titleId} className="item-title">
          {notice.subjectName}
        </h3>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'item', label: '拟修复的信息', children: notice.itemName },
          { key: 'date', label: notice.record.dateLabel, children: notice.record.date },
          ...(notice.record.documentNumber
            ? [{ key: 'doc', label: '文书号', children: notice.record.documentNumber }]
            : []),
          ...(notice.record.severity
            ? [{ key: 'severity', label: '失信程度', children: notice.record.severity }]
            : []),
          { key: 'provider', label: '信息提供单位', children: notice.providerName },
          {
            key: 'opinion',
            label: '修复意见',
            children: `同意修复（${notice.opinion.on}）${notice.opinion.reasons ? `：${notice.opinion.reasons}` : ''}`,
          },
          {
            key: 'period',
            label: '公示期',
            children: `${notice.from} 至 ${notice.until}${notice.provisional ? '（按暂定工作日计算）' : ''}`,
          },
          { key: 'article', label: '依据', children: notice.article },
        ]}
      />
      <Button type="primary" onClick={(event) => onObject(event.currentTarget)} aria-describedby={titleId}>
        我要提出异议
      </Button>
    </Card>
  );
}
