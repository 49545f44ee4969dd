/**
 * 我收到的授权 (/me/consents/received; B21, B24, decision 0042): the consents other subjects gave me as a
 * counterparty — granter, information, purpose, period, status — and, under a live one, 查询: the
 * granter's records read under it (GET /api/v1/consented/{code}/records with the consent's purpose in
 * X-Purpose). A read is a deliberate act, audited and shown to the granter under 谁查询了, so it runs
 * only when asked, never on opening the page.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty } from 'antd';
import { useEffect, useRef } from 'react';
import { api, data } from '../../api/client.ts';
import { scopeWords } from '../../features/consents/ConsentCard.tsx';
import { ConsentTabs } from '../../features/consents/ConsentTabs.tsx';
import { formatInstant, validThrough } from '../../features/me/format.ts';
import { CONSENT_STATUS_LABELS, type ReceivedConsent } from '../../features/me/labels.ts';
import { RECEIVED_CONSENTS_KEY, useCatalog } from '../../features/me/queries.ts';
import { RecordCard } from '../../features/me/RecordCard.tsx';
import { StatusTag } from '../../features/me/StatusTag.tsx';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import './me.css';

const GRANTER_KIND = { department: '政府部门', organization: '单位', person: '个人' } as const;

export default function ReceivedConsentsPage() {
  usePageTitle('我收到的授权');
  const catalog = useCatalog();
  const received = useQuery({
    queryKey: RECEIVED_CONSENTS_KEY,
    queryFn: () => data(api.GET('/api/v1/me/consents/received')),
  });
  const read = useMutation({
    mutationFn: async (consent: ReceivedConsent) => ({
      consent,
      answer: await data(
        api.GET('/api/v1/consented/{code}/records', {
          params: {
            path: { code: consent.granter.code },
            // the header is ASCII: the purpose goes percent-encoded (decision 0040)
            header: { 'x-purpose': encodeURIComponent(consent.purpose) },
          },
        }),
      ),
    }),
  });
  const resultHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // the answer is below the list: take the reader there, as a link would
    if (read.isSuccess) resultHeading.current?.focus();
  }, [read.isSuccess]);

  const list = received.data?.consents ?? [];
  const live = list.filter((c) => c.status === 'active');
  const ended = list.filter((c) => c.status !== 'active');

  return (
    <section aria-labelledby="received-title">
      <h1 id="received-title">授权管理</h1>
      <ConsentTabs />
      <p className="section-lead">
        其他单位或个人授权您查询其信用信息的，列在这里（B21、B24）。在授权有效期内，您可以为授权的用途查询授权列明的信息；每次查询都有记录，授权人可以看到谁在何时查询了什么。
      </p>

      <h2 className="section-title">有效的授权</h2>
      {received.isPending ? <PageLoading /> : null}
      {received.error ? <Alert type="error" showIcon title={received.error.message} /> : null}
      {received.data && live.length === 0 ? <Empty description="目前没有人授权您查询其信息" /> : null}
      <ul className="card-list" aria-label="收到的有效授权">
        {live.map((consent) => (
          <li key={consent.id}>
            <ReceivedConsentCard
              consent={consent}
              scope={scopeWords(consent.scope, catalog.byCode, '授权人的全部可授权信息')}
              onRead={() => read.mutate(consent)}
              reading={read.isPending && read.variables?.id === consent.id}
            />
          </li>
        ))}
      </ul>

      {read.error ? (
        <Alert type="error" showIcon role="alert" title={read.error.message} className="form-alert" />
      ) : null}
      {read.data ? (
        <section className="consented-records" aria-labelledby="consented-title">
          <h2 id="consented-title" className="section-title" tabIndex={-1} ref={resultHeading}>
            依授权查询的结果：{read.data.consent.granter.name}
          </h2>
          <p className="section-lead">
            用途“{read.data.consent.purpose}”；查询时间 {formatInstant(new Date().toISOString())}
            。本次查询已记录，授权人可以看到。
          </p>
          {read.data.answer.records.length === 0 ? (
            <Empty description="授权范围内没有可查询的信息" />
          ) : (
            <ul className="card-list" aria-label="依授权查询到的信息">
              {read.data.answer.records.map((record) => (
                <li key={record.id}>
                  <RecordCard record={record} headingLevel={3} reader="grantee" />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {ended.length > 0 ? (
        <>
          <h2 className="section-title">已撤回或到期的授权</h2>
          <ul className="card-list" aria-label="收到的已撤回或到期的授权">
            {ended.map((consent) => (
              <li key={consent.id}>
                <ReceivedConsentCard
                  consent={consent}
                  scope={scopeWords(consent.scope, catalog.byCode, '授权人的全部可授权信息')}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** One consent given to me: who gave it, which information, for what, until when; 查询 while live. */
function ReceivedConsentCard({
  consent,
  scope,
  onRead,
  reading,
}: {
  consent: ReceivedConsent;
  scope: string;
  onRead?: () => void;
  reading?: boolean;
}) {
  const status = CONSENT_STATUS_LABELS[consent.status];
  return (
    <Card size="small" className="consent-card">
      <div className="record-card-head">
        <h3 className="record-card-title">
          {consent.granter.name}
          <span className="muted">（{GRANTER_KIND[consent.granter.kind]}）</span>
        </h3>
        <StatusTag tone={status.color}>{status.label}</StatusTag>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 2, lg: 3, xl: 3, xxl: 3 }}
        items={[
          { key: 'code', label: '代码', children: consent.granter.code },
          { key: 'scope', label: '授权信息', children: scope },
          { key: 'purpose', label: '用途', children: consent.purpose },
          { key: 'granted', label: '授权时间', children: formatInstant(consent.grantedAt) },
          { key: 'expires', label: '有效至', children: validThrough(consent.expiresAt) },
          ...(consent.revokedAt
            ? [{ key: 'revoked', label: '撤回时间', children: formatInstant(consent.revokedAt) }]
            : []),
        ]}
      />
      {consent.status === 'active' && onRead ? (
        <div className="record-card-actions">
          <Button type="primary" onClick={onRead} loading={reading}>
            查询<span className="visually-hidden">{consent.granter.name}的信用信息</span>
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
