/**
 * One of my repair applications (A19, B32): its state, the timeline (provider's opinion, public notice
 * with its end date, objections during it, adoption), the proof files (more while it is open), the
 * signed commitment, and the 信用修复决定书 to download once adopted. Free of charge.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { api, data } from '../../api/client.ts';
import { AddEvidence, EvidenceList, FailedFiles } from '../../features/me/evidence.tsx';
import { formatInstant } from '../../features/me/format.ts';
import { REPAIRS_KEY, useMyRecords } from '../../features/me/queries.ts';
import { RecordCard } from '../../features/me/RecordCard.tsx';
import { FreeNotice } from '../../features/repairs/FreeNotice.tsx';
import { RepairTimeline } from '../../features/repairs/RepairTimeline.tsx';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import './me.css';
import { StatusTag } from '../../features/me/StatusTag.tsx';

type Arrival = { applied?: boolean; failed?: { name: string; message: string }[] } | null;

export default function RepairPage() {
  usePageTitle('信用修复进度');
  const { id = '' } = useParams();
  const arrival = useLocation().state as Arrival;
  const repair = useQuery({
    queryKey: [...REPAIRS_KEY, id],
    queryFn: () => data(api.GET('/api/v1/me/repairs/{id}', { params: { path: { id } } })),
  });
  const records = useMyRecords();
  const record = records.data?.records.find((r) => r.recordKey === repair.data?.recordKey);
  const adopted = repair.data?.decision?.adopted === true;

  return (
    <section aria-labelledby="repair-title">
      <h1 id="repair-title">信用修复进度</h1>
      <p>
        <Link to="/me/repairs">返回我的信用修复</Link>
      </p>
      <FreeNotice text={repair.data?.free.zh} />
      {arrival?.applied ? (
        <Alert
          type="success"
          showIcon
          role="status"
          title="信用修复申请已提交"
          description="提供单位将在期限内出具修复意见，进度和结果会发到“消息”。"
          className="form-alert"
        />
      ) : null}
      <FailedFiles
        failed={arrival?.failed}
        title="以下文件未能提交，可在下方重新提交"
        className="form-alert"
      />
      {repair.isPending ? <PageLoading /> : null}
      {repair.error ? <Alert type="error" showIcon title={repair.error.message} /> : null}
      {repair.data ? (
        <>
          <div className="procedure-summary">
            <StatusTag tone={repair.data.open ? 'blue' : adopted ? 'green' : 'gray'}>
              {repair.data.stateLabel}
            </StatusTag>
            <span>
              申请于 {formatInstant(repair.data.filedAt)} · 适用 {repair.data.path}（{repair.data.article}）
            </span>
          </div>
          {adopted ? (
            <Alert
              type="success"
              showIcon
              title={`信用修复已采纳${repair.data.decision?.decisionNumber ? `（${repair.data.decision.decisionNumber}）` : ''}`}
              description={
                <a href={`/api/v1/me/repairs/${repair.data.id}/decision`} download>
                  下载信用修复决定书
                </a>
              }
              className="form-alert"
            />
          ) : null}
          {record ? <RecordCard record={record} headingLevel={2} details={false} /> : null}
          <h2 className="section-title">办理进度</h2>
          <RepairTimeline repair={repair.data} />
          <h2 className="section-title">履行义务的证明</h2>
          <p className="prewrap">{repair.data.proof}</p>
          <EvidenceList kind="repairs" procedureId={repair.data.id} files={repair.data.evidence} />
          {repair.data.open ? (
            <AddEvidence kind="repairs" procedureId={repair.data.id} label="补充证明材料" />
          ) : null}
          <details className="commitment-details">
            <summary>我签署的信用承诺书</summary>
            <pre className="commitment-text">{repair.data.commitment.text}</pre>
          </details>
        </>
      ) : null}
    </section>
  );
}
