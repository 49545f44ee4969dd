/**
 * 授权管理 (B21, B24): the consents I gave — to departments and to counterparties — with who read what
 * under each, a form for a new one, and revoking one with a confirmation.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Empty } from 'antd';
import { useState } from 'react';
import { api, data } from '../../api/client.ts';
import { ConsentCard } from '../../features/consents/ConsentCard.tsx';
import { ConsentTabs } from '../../features/consents/ConsentTabs.tsx';
import { GrantConsentForm } from '../../features/consents/GrantConsentForm.tsx';
import { validThrough } from '../../features/me/format.ts';
import type { Consent } from '../../features/me/labels.ts';
import { CONSENTS_KEY, useCatalog, useDepartments, useMySubject } from '../../features/me/queries.ts';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import './me.css';

export default function ConsentsPage() {
  usePageTitle('授权管理');
  const client = useQueryClient();
  const consents = useQuery({ queryKey: CONSENTS_KEY, queryFn: () => data(api.GET('/api/v1/me/consents')) });
  const catalog = useCatalog();
  const departments = useDepartments();
  const subject = useMySubject();
  const [notice, setNotice] = useState<string | null>(null);

  const revoke = useMutation({
    mutationFn: (consent: Consent) =>
      data(api.POST('/api/v1/me/consents/{id}/revoke', { params: { path: { id: consent.id } } })),
    onSuccess: async (_answer, consent) => {
      setNotice(`已撤回授权给“${consent.grantee.name}”的授权`);
      await client.invalidateQueries({ queryKey: CONSENTS_KEY });
    },
  });

  const kind = subject.data?.kind;
  const authorizedItems = (catalog.data?.items ?? []).filter(
    (item) => item.usageScope === 'authorized' && (!kind || item.subjectKinds.includes(kind)),
  );
  const list = consents.data?.consents ?? [];
  const live = list.filter((c) => c.status === 'active');
  const ended = list.filter((c) => c.status !== 'active');

  return (
    <section aria-labelledby="consents-title">
      <h1 id="consents-title">授权管理</h1>
      <ConsentTabs />
      <p className="section-lead">
        需经您授权才能查询的信息（授权查询），只有您授权的部门或交易对方可以在授权期限内、为您同意的用途查询（B21、B24）。每次查询都有记录，您可以随时撤回授权。
      </p>
      {notice ? <Alert type="success" showIcon title={notice} role="status" className="form-alert" /> : null}
      {revoke.error ? (
        <Alert type="error" showIcon title={revoke.error.message} className="form-alert" />
      ) : null}

      <h2 className="section-title">我的授权</h2>
      {consents.isPending ? <PageLoading /> : null}
      {consents.error ? <Alert type="error" showIcon title={consents.error.message} /> : null}
      {consents.data && live.length === 0 ? <Empty description="目前没有有效的授权" /> : null}
      <ul className="card-list" aria-label="有效的授权">
        {live.map((consent) => (
          <li key={consent.id}>
            <ConsentCard
              consent={consent}
              byCode={catalog.byCode}
              onRevoke={(c) => revoke.mutate(c)}
              revoking={revoke.isPending && revoke.variables?.id === consent.id}
            />
          </li>
        ))}
      </ul>

      <GrantConsentForm
        departments={departments.data?.departments ?? []}
        items={authorizedItems}
        window={consents.data?.grant}
        granterKind={kind}
        onGranted={async (consent) => {
          setNotice(`已授权给“${consent.grantee.name}”，有效至 ${validThrough(consent.expiresAt)}`);
          await client.invalidateQueries({ queryKey: CONSENTS_KEY });
        }}
      />

      {ended.length > 0 ? (
        <>
          <h2 className="section-title">已撤回或到期的授权</h2>
          <ul className="card-list" aria-label="已撤回或到期的授权">
            {ended.map((consent) => (
              <li key={consent.id}>
                <ConsentCard consent={consent} byCode={catalog.byCode} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
