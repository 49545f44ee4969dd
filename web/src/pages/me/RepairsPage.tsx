/** 信用修复: my applications (A18–A19, B31–B32), each with its state and current step. Free of charge. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty } from 'antd';
import { Link } from 'react-router';
import { api, data } from '../../api/client.ts';
import { formatInstant } from '../../features/me/format.ts';
import { REPAIR_STEP_LABELS } from '../../features/me/labels.ts';
import { REPAIRS_KEY, useMyRecords } from '../../features/me/queries.ts';
import { StandingTag } from '../../features/objections/ObjectionTimeline.tsx';
import { FreeNotice } from '../../features/repairs/FreeNotice.tsx';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import './me.css';
import { StatusTag } from '../../features/me/StatusTag.tsx';

export default function RepairsPage() {
  usePageTitle('信用修复');
  const repairs = useQuery({ queryKey: REPAIRS_KEY, queryFn: () => data(api.GET('/api/v1/me/repairs')) });
  const records = useMyRecords();
  const nameOf = (recordKey: string) =>
    records.data?.records.find((r) => r.recordKey === recordKey)?.itemName ?? '信用记录';
  return (
    <section aria-labelledby="repairs-title">
      <h1 id="repairs-title">信用修复</h1>
      <FreeNotice text={repairs.data?.repairs[0]?.free.zh} />
      <p className="section-lead">
        失信信息在有效期内，纠正失信行为、履行法定义务并消除影响的，可以申请信用修复（A18、B31）。提供单位出具意见并公示后，信用中心决定是否采纳；采纳后原记录转为档案，不再公示和使用。
      </p>
      <p>
        <Link className="primary-link" to="/me/repairs/new">
          申请信用修复
        </Link>
        <span className="muted">（也可以在“我的信用”中对某条失信信息申请）</span>
      </p>
      {repairs.isPending ? <PageLoading /> : null}
      {repairs.error ? <Alert type="error" showIcon title={repairs.error.message} /> : null}
      {repairs.data && repairs.data.repairs.length === 0 ? (
        <Empty description="您还没有申请过信用修复" />
      ) : null}
      <ul className="card-list" aria-label="我的信用修复申请">
        {repairs.data?.repairs.map((repair) => {
          const current = repair.steps.findLast((step) => step.closed === null);
          return (
            <li key={repair.id}>
              <Card size="small" className="procedure-card">
                <h2 className="record-card-title">
                  <Link to={`/me/repairs/${repair.id}`}>修复“{nameOf(repair.recordKey)}”</Link>
                </h2>
                <p>
                  <StatusTag tone={repair.open ? 'blue' : repair.state === 'repaired' ? 'green' : 'gray'}>
                    {repair.stateLabel}
                  </StatusTag>
                  申请于 {formatInstant(repair.filedAt)} · 适用 {repair.path}
                </p>
                {current ? (
                  <p>
                    当前：{REPAIR_STEP_LABELS[current.step]}，期限 {current.due}{' '}
                    <StandingTag standing={current.standing} />
                  </p>
                ) : null}
                {repair.notice?.running ? (
                  <p>
                    公示期：{repair.notice.from} 至 {repair.notice.until}
                  </p>
                ) : null}
              </Card>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
