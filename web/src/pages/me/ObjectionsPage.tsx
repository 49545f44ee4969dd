/** 异议: my objections (A15–A17), each with its state, current step and deadline, newest first. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty } from 'antd';
import { Link } from 'react-router';
import { api, data } from '../../api/client.ts';
import { formatInstant } from '../../features/me/format.ts';
import { OBJECTION_STEP_LABELS } from '../../features/me/labels.ts';
import { OBJECTIONS_KEY, useMyRecords } from '../../features/me/queries.ts';
import { StandingTag } from '../../features/objections/ObjectionTimeline.tsx';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import './me.css';
import { StatusTag } from '../../features/me/StatusTag.tsx';

export default function ObjectionsPage() {
  usePageTitle('异议');
  const objections = useQuery({
    queryKey: OBJECTIONS_KEY,
    queryFn: () => data(api.GET('/api/v1/me/objections')),
  });
  const records = useMyRecords();
  const nameOf = (recordKey: string) =>
    records.data?.records.find((r) => r.recordKey === recordKey)?.itemName ?? '信用记录';

  return (
    <section aria-labelledby="objections-title">
      <h1 id="objections-title">异议</h1>
      <p className="section-lead">
        认为关于您的信用信息有误、不完整、采集了依法禁止采集的信息或超过有效期仍在使用的，可以提出异议（A15、B28）。信用中心在规定的工作日内审核并告知结果；对结果不服的，可以向市信用办申诉（A17）。
      </p>
      <p>
        <Link className="primary-link" to="/me/objections/new">
          提出异议
        </Link>
        <span className="muted">（也可以在“我的信用”中对某条记录提出）</span>
      </p>
      {objections.isPending ? <PageLoading /> : null}
      {objections.error ? <Alert type="error" showIcon title={objections.error.message} /> : null}
      {objections.data && objections.data.objections.length === 0 ? (
        <Empty description="您还没有提出过异议" />
      ) : null}
      <ul className="card-list" aria-label="我的异议">
        {objections.data?.objections.map((objection) => {
          const current = objection.steps.findLast((step) => step.closed === null);
          return (
            <li key={objection.id}>
              <Card size="small" className="procedure-card">
                <h2 className="record-card-title">
                  <Link to={`/me/objections/${objection.id}`}>对“{nameOf(objection.recordKey)}”的异议</Link>
                </h2>
                <p>
                  <StatusTag tone={objection.open ? 'orange' : 'gray'}>{objection.stateLabel}</StatusTag>
                  提出于 {formatInstant(objection.filedAt)} · {objection.groundLabel}
                </p>
                {current ? (
                  <p>
                    当前：{OBJECTION_STEP_LABELS[current.step]}
                    {current.due ? `，期限 ${current.due}` : ''} <StandingTag standing={current.standing} />
                  </p>
                ) : null}
                {objection.outcome ? (
                  <p>
                    结果：{objection.outcome.outcome === 'upheld' ? '异议成立' : '异议不成立'}（
                    {objection.outcome.on}）
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
