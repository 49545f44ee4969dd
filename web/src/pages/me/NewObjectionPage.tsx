/**
 * 提出异议 (A15, B28): the record (?record=…, or chosen here), a ground as the API lists them with
 * their articles, what is wrong and how it should read, and evidence files — sent after the objection
 * is filed, since they belong to it. The receipt is the objection's page, with its review deadline.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Input, Radio } from 'antd';
import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, data } from '../../api/client.ts';
import { EvidencePicker, uploadAll } from '../../features/me/evidence.tsx';
import { useFilingRules, useMyRecords, useRefreshMine } from '../../features/me/queries.ts';
import { RecordCard } from '../../features/me/RecordCard.tsx';
import { RecordPicker } from '../../features/me/RecordPicker.tsx';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import './me.css';

type Ground = 'wrong_or_incomplete' | 'forbidden_data' | 'past_validity' | 'cross_check';
const EXPLANATION_MAX = 2000;

export default function NewObjectionPage() {
  usePageTitle('提出异议');
  const [params, setParams] = useSearchParams();
  const recordId = params.get('record') ?? undefined;
  const records = useMyRecords();
  const rules = useFilingRules();
  const refresh = useRefreshMine();
  const navigate = useNavigate();
  const [ground, setGround] = useState<Ground | undefined>();
  const [explanation, setExplanation] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [tried, setTried] = useState(false);
  const explanationId = useId();
  const record = records.data?.records.find((r) => r.id === recordId);

  const file = useMutation({
    mutationFn: async () => {
      const objection = await data(
        api.POST('/api/v1/me/objections', {
          body: { recordId: recordId ?? '', ground: ground as Ground, explanation: explanation.trim() },
        }),
      );
      const failed = await uploadAll('objections', objection.id, files);
      return { objection, failed };
    },
    onSuccess: async ({ objection, failed }) => {
      await refresh();
      navigate(`/me/objections/${objection.id}`, { state: { filed: true, failed } });
    },
  });

  const missing = {
    record: !record,
    ground: !ground,
    explanation: explanation.trim() === '',
  };
  const submit = () => {
    setTried(true);
    if (missing.record || missing.ground || missing.explanation) return;
    file.mutate();
  };

  if (records.isPending) return <PageLoading />;
  return (
    <section aria-labelledby="new-objection-title">
      <h1 id="new-objection-title">提出异议</h1>
      {records.error ? <Alert type="error" showIcon title={records.error.message} /> : null}
      {rules.data ? (
        <p className="section-lead">
          提出后，信用中心在 {rules.data.objection.review.workdays} 个工作日内审核（
          {rules.data.objection.review.basis}
          ），需要提供单位核实的，由其在 {rules.data.objection.providerVerification.workdays}{' '}
          个工作日内核实；确有错误的，在 {rules.data.objection.correction.workdays}{' '}
          个工作日内更正。处理进度和结果会发到“消息”。
        </p>
      ) : null}
      <form
        className="procedure-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2 className="section-title">异议的记录</h2>
        {record ? (
          <RecordCard record={record} headingLevel={3} details={false} />
        ) : (
          <RecordPicker
            label="选择要提出异议的记录"
            records={records.data?.records ?? []}
            value={recordId}
            onChange={(id) => setParams({ record: id }, { replace: true })}
          />
        )}
        {tried && missing.record ? <p className="field-error">请选择要提出异议的记录</p> : null}
        {record?.procedure ? (
          <Alert
            type="warning"
            showIcon
            title={
              record.procedure.kind === 'objection'
                ? '这条记录已有正在处理的异议'
                : '这条记录正在办理信用修复'
            }
            description={
              <Link
                to={`/me/${record.procedure.kind === 'objection' ? 'objections' : 'repairs'}/${record.procedure.id}`}
              >
                查看进度
              </Link>
            }
          />
        ) : null}

        <fieldset className="fieldset">
          <legend className="field-label">异议理由</legend>
          {rules.error ? <Alert type="error" showIcon title={rules.error.message} /> : null}
          <Radio.Group
            className="ground-options"
            value={ground}
            onChange={(event) => setGround(event.target.value)}
            options={(rules.data?.objection.grounds ?? []).map((g) => ({
              value: g.code,
              label: (
                <span>
                  <strong>{g.label}</strong>（{g.article}）<span className="field-help">{g.hint}</span>
                </span>
              ),
            }))}
          />
          {tried && missing.ground ? <p className="field-error">请选择异议理由</p> : null}
        </fieldset>

        <div className="field">
          <label htmlFor={explanationId} className="field-label">
            异议说明
          </label>
          <p id={`${explanationId}-help`} className="field-help">
            写明哪里有误、应当如何，以及您的依据。
          </p>
          <Input.TextArea
            id={explanationId}
            value={explanation}
            onChange={(event) => setExplanation(event.target.value)}
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={EXPLANATION_MAX}
            showCount
            aria-describedby={`${explanationId}-help`}
            aria-invalid={tried && missing.explanation}
          />
          {tried && missing.explanation ? <p className="field-error">请填写异议说明</p> : null}
        </div>

        <EvidencePicker files={files} onChange={setFiles} rules={rules.data?.evidence} />

        {file.error ? (
          <Alert type="error" showIcon title={file.error.message} role="alert" className="form-alert" />
        ) : null}
        <div className="form-actions">
          <Button type="primary" htmlType="submit" size="large" loading={file.isPending}>
            提交异议
          </Button>
          <Link to="/me/objections">取消</Link>
        </div>
      </form>
    </section>
  );
}
