/**
 * 申请信用修复 (A18–A19, B31–B32): for one negative record (?record=…, or chosen here), the server's
 * eligibility rule by rule — re-asked with the dates the person states —, the 信用承诺书 generated for
 * the record and today shown in full with an "I commit" checkbox, the proof of performance and its
 * files; the application sends the commitment's digest back, as the API requires. Free of charge.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input } from 'antd';
import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, data } from '../../api/client.ts';
import { EvidencePicker, uploadAll } from '../../features/me/evidence.tsx';
import {
  ME_KEY,
  useCatalog,
  useFilingRules,
  useMyRecords,
  useRefreshMine,
} from '../../features/me/queries.ts';
import { RecordCard } from '../../features/me/RecordCard.tsx';
import { RecordPicker } from '../../features/me/RecordPicker.tsx';
import { EligibilityConditions } from '../../features/repairs/EligibilityConditions.tsx';
import { FreeNotice } from '../../features/repairs/FreeNotice.tsx';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import './me.css';

type Stated = {
  obligationsMetOn?: string;
  correctedOn?: string;
  creditManagementSystemOn?: string;
  majorRepentance?: string;
};

/** The facts a condition asks the applicant to state, by the condition's code. */
const STATED_BY_CONDITION = {
  obligations_met: {
    key: 'obligationsMetOn',
    label: '全面履行法定义务或完成整改的日期',
  },
  corrected: { key: 'correctedOn', label: '纠正失信行为的日期' },
  credit_management_system: {
    key: 'creditManagementSystemOn',
    label: '建立信用管理制度的日期',
  },
} as const;

const clean = (stated: Stated): Stated =>
  Object.fromEntries(Object.entries(stated).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));

export default function NewRepairPage() {
  usePageTitle('申请信用修复');
  const [params, setParams] = useSearchParams();
  const recordId = params.get('record') ?? undefined;
  const records = useMyRecords();
  const catalog = useCatalog();
  const rules = useFilingRules();
  const refresh = useRefreshMine();
  const navigate = useNavigate();
  const record = records.data?.records.find((r) => r.id === recordId);
  const negative = (records.data?.records ?? []).filter(
    (r) => catalog.byCode.get(r.item)?.category === 'negative' && r.state === 'current',
  );

  // What the person types, and what was last sent to the eligibility rule.
  const [draft, setDraft] = useState<Stated>({});
  const [asked, setAsked] = useState<Stated>({});
  const [committed, setCommitted] = useState(false);
  const [proof, setProof] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [tried, setTried] = useState(false);
  const ids = { proof: useId(), repentance: useId(), stated: useId() };

  const eligibility = useQuery({
    queryKey: [...ME_KEY, 'eligibility', recordId, asked],
    queryFn: () =>
      data(
        api.GET('/api/v1/me/repairs/eligibility', {
          params: { query: { recordId: recordId ?? '', ...asked } },
        }),
      ),
    enabled: recordId !== undefined,
    staleTime: 0,
  });
  const commitment = useQuery({
    queryKey: [...ME_KEY, 'commitment', recordId],
    queryFn: () =>
      data(api.GET('/api/v1/me/repairs/commitment', { params: { query: { recordId: recordId ?? '' } } })),
    enabled: recordId !== undefined && eligibility.isSuccess,
    staleTime: 0,
  });

  const apply = useMutation({
    mutationFn: async () => {
      const stated = clean(asked);
      const repair = await data(
        api.POST('/api/v1/me/repairs', {
          body: {
            recordId: recordId ?? '',
            ...(Object.keys(stated).length > 0 ? { stated } : {}),
            proof: proof.trim(),
            commitmentDigest: commitment.data?.digest ?? '',
          },
        }),
      );
      const failed = await uploadAll('repairs', repair.id, files);
      return { repair, failed };
    },
    onSuccess: async ({ repair, failed }) => {
      await refresh();
      navigate(`/me/repairs/${repair.id}`, { state: { applied: true, failed } });
    },
  });

  const verdict = eligibility.data?.verdict;
  const mayApply = verdict === 'eligible' || verdict === 'needs_judgement';
  const statedFields = (eligibility.data?.conditions ?? []).flatMap((c) =>
    c.code in STATED_BY_CONDITION ? [STATED_BY_CONDITION[c.code as keyof typeof STATED_BY_CONDITION]] : [],
  );
  const blackList = eligibility.data?.path.startsWith('A18') ?? false;
  const changed = JSON.stringify(clean(draft)) !== JSON.stringify(clean(asked));

  const submit = () => {
    setTried(true);
    if (!committed || proof.trim() === '' || !commitment.data || changed) return;
    apply.mutate();
  };

  if (records.isPending) return <PageLoading />;
  return (
    <section aria-labelledby="new-repair-title">
      <h1 id="new-repair-title">申请信用修复</h1>
      <FreeNotice text={eligibility.data?.free.zh} />
      {records.error ? <Alert type="error" showIcon title={records.error.message} /> : null}

      <h2 className="section-title">要修复的记录</h2>
      {record ? (
        <RecordCard record={record} headingLevel={3} details={false} />
      ) : (
        <>
          <RecordPicker
            label="选择要修复的失信信息"
            records={negative}
            value={recordId}
            onChange={(id) => {
              setDraft({});
              setAsked({});
              setParams({ record: id }, { replace: true });
            }}
          />
          {records.data && negative.length === 0 ? <p className="muted">您目前没有有效的失信信息。</p> : null}
        </>
      )}

      {recordId ? (
        <>
          <h2 className="section-title">能否申请：逐条说明</h2>
          <form
            className="procedure-form stated-form"
            noValidate
            aria-labelledby={ids.stated}
            onSubmit={(event) => {
              event.preventDefault();
              setAsked(clean(draft));
            }}
          >
            <p id={ids.stated} className="field-help">
              下列条件按今天的日期审查。已履行义务、纠正失信行为的，请填写日期后重新检查；日期须有证明材料支持。
            </p>
            {statedFields.map((field) => (
              <div className="field" key={field.key}>
                <label htmlFor={`${ids.stated}-${field.key}`} className="field-label">
                  {field.label}
                </label>
                <Input
                  id={`${ids.stated}-${field.key}`}
                  type="date"
                  className="date-input"
                  max={eligibility.data?.applicationDate}
                  value={draft[field.key] ?? ''}
                  onChange={(event) => setDraft({ ...draft, [field.key]: event.target.value })}
                />
              </div>
            ))}
            {blackList ? (
              <div className="field">
                <label htmlFor={ids.repentance} className="field-label">
                  其他重大悔改表现（A18(3)，可选：填写即按此项审查）
                </label>
                <Input.TextArea
                  id={ids.repentance}
                  value={draft.majorRepentance ?? ''}
                  onChange={(event) => setDraft({ ...draft, majorRepentance: event.target.value })}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={2000}
                />
              </div>
            ) : null}
            {statedFields.length > 0 || blackList ? (
              <Button htmlType="submit" loading={eligibility.isFetching}>
                按填写的内容重新检查
              </Button>
            ) : null}
          </form>
          {eligibility.isPending ? <PageLoading /> : null}
          {eligibility.error ? <Alert type="error" showIcon title={eligibility.error.message} /> : null}
          {eligibility.data ? <EligibilityConditions eligibility={eligibility.data} /> : null}

          {mayApply ? (
            <form
              className="procedure-form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                submit();
              }}
            >
              <h2 className="section-title">信用承诺书</h2>
              {commitment.error ? <Alert type="error" showIcon title={commitment.error.message} /> : null}
              {commitment.data ? <pre className="commitment-text">{commitment.data.text}</pre> : null}
              <Checkbox checked={committed} onChange={(event) => setCommitted(event.target.checked)}>
                我已阅读上述信用承诺书，承诺所述属实并遵守承诺
              </Checkbox>
              {tried && !committed ? <p className="field-error">请阅读并勾选信用承诺</p> : null}

              <h2 className="section-title">履行义务的证明</h2>
              <div className="field">
                <label htmlFor={ids.proof} className="field-label">
                  证明说明
                </label>
                <p id={`${ids.proof}-help`} className="field-help">
                  如缴款凭证号、整改报告名称；凭证本身可作为文件一并提交。
                </p>
                <Input.TextArea
                  id={ids.proof}
                  value={proof}
                  onChange={(event) => setProof(event.target.value)}
                  autoSize={{ minRows: 3, maxRows: 8 }}
                  maxLength={4000}
                  showCount
                  aria-describedby={`${ids.proof}-help`}
                  aria-invalid={tried && proof.trim() === ''}
                />
                {tried && proof.trim() === '' ? <p className="field-error">请填写证明说明</p> : null}
              </div>
              <EvidencePicker
                files={files}
                onChange={setFiles}
                rules={rules.data?.evidence}
                label="证明材料"
              />
              {changed ? <p className="field-error">您修改了上面的日期，请先重新检查，再提交申请。</p> : null}
              {apply.error ? (
                <Alert
                  type="error"
                  showIcon
                  title={apply.error.message}
                  role="alert"
                  className="form-alert"
                />
              ) : null}
              <div className="form-actions">
                <Button type="primary" htmlType="submit" size="large" loading={apply.isPending}>
                  签署承诺并提交申请
                </Button>
                <Link to="/me/repairs">取消</Link>
              </div>
            </form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
