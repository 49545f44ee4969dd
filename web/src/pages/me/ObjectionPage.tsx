/**
 * One of my objections (A16, A17): the record, the state, the timeline of steps with their working-day
 * deadlines and standing, the outcome with its reasons, the evidence files (more may be added while it
 * is open), and the appeal where the API lists it among the next steps.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Modal } from 'antd';
import { useId, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, data } from '../../api/client.ts';
import { AddEvidence, EvidenceList, FailedFiles } from '../../features/me/evidence.tsx';
import { formatInstant } from '../../features/me/format.ts';
import type { Objection } from '../../features/me/labels.ts';
import { OBJECTIONS_KEY, useMyRecords, useRefreshMine } from '../../features/me/queries.ts';
import { RecordCard } from '../../features/me/RecordCard.tsx';
import { ObjectionTimeline } from '../../features/objections/ObjectionTimeline.tsx';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import './me.css';
import { StatusTag } from '../../features/me/StatusTag.tsx';

type Arrival = { filed?: boolean; failed?: { name: string; message: string }[] } | null;

export default function ObjectionPage() {
  usePageTitle('异议进度');
  const { id = '' } = useParams();
  const arrival = useLocation().state as Arrival;
  const objection = useQuery({
    queryKey: [...OBJECTIONS_KEY, id],
    queryFn: () => data(api.GET('/api/v1/me/objections/{id}', { params: { path: { id } } })),
  });
  const records = useMyRecords();
  const record = records.data?.records.find((r) => r.recordKey === objection.data?.recordKey);

  return (
    <section aria-labelledby="objection-title">
      <h1 id="objection-title">异议进度</h1>
      <p>
        <Link to="/me/objections">返回我的异议</Link>
      </p>
      {arrival?.filed ? (
        <Alert
          type="success"
          showIcon
          role="status"
          title="异议已提交"
          description="信用中心将在期限内审核，进度和结果会发到“消息”。"
          className="form-alert"
        />
      ) : null}
      <FailedFiles
        failed={arrival?.failed}
        title="以下文件未能提交，可在下方重新提交"
        className="form-alert"
      />
      {objection.isPending ? <PageLoading /> : null}
      {objection.error ? <Alert type="error" showIcon title={objection.error.message} /> : null}
      {objection.data ? (
        <>
          <div className="procedure-summary">
            <StatusTag tone={objection.data.open ? 'orange' : 'gray'}>{objection.data.stateLabel}</StatusTag>
            <span>
              提出于 {formatInstant(objection.data.filedAt)} · 理由：{objection.data.groundLabel}（
              {objection.data.groundArticle}）
            </span>
          </div>
          {record ? <RecordCard record={record} headingLevel={2} details={false} /> : null}
          <h2 className="section-title">异议说明</h2>
          <p className="prewrap">{objection.data.explanation}</p>
          <h2 className="section-title">办理进度</h2>
          <ObjectionTimeline objection={objection.data} />
          <Appeal objection={objection.data} />
          <h2 className="section-title">证据材料</h2>
          <EvidenceList kind="objections" procedureId={objection.data.id} files={objection.data.evidence} />
          {objection.data.open ? (
            <AddEvidence kind="objections" procedureId={objection.data.id} label="补充证据材料" />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** A17, B30: a rejected objection may be appealed to the credit office, when the API says so. */
function Appeal({ objection }: { objection: Objection }) {
  const [open, setOpen] = useState(false);
  const [reasons, setReasons] = useState('');
  const reasonsId = useId();
  const refresh = useRefreshMine();
  const appeal = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/v1/me/objections/{id}/appeal', {
          params: { path: { id: objection.id } },
          body: { reasons: reasons.trim() },
        }),
      ),
    onSuccess: async () => {
      setOpen(false);
      await refresh();
    },
  });
  if (!objection.nextSteps.includes('appealed')) return null;
  return (
    <div className="appeal">
      <Alert
        type="info"
        showIcon
        title="对处理结果不服的，可以向市信用办申诉（A17、B30）"
        action={
          <Button type="primary" onClick={() => setOpen(true)}>
            申诉
          </Button>
        }
      />
      <Modal
        open={open}
        title="向市信用办申诉"
        okText="提交申诉"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={() => appeal.mutate()}
        okButtonProps={{ disabled: reasons.trim() === '', loading: appeal.isPending }}
      >
        <label htmlFor={reasonsId} className="field-label">
          申诉理由：对处理结果的哪一点不服，为什么
        </label>
        <Input.TextArea
          id={reasonsId}
          value={reasons}
          onChange={(event) => setReasons(event.target.value)}
          autoSize={{ minRows: 4, maxRows: 10 }}
          maxLength={2000}
          showCount
        />
        {appeal.error ? (
          <Alert type="error" showIcon title={appeal.error.message} className="form-alert" />
        ) : null}
      </Modal>
    </div>
  );
}
