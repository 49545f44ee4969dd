/**
 * 我的信用 (B20): my subject, and every record about me — its scope, provider, validity, state in
 * words and why it is shown — filtered by state and group in the URL (?state=…&group=…); on each
 * record the actions the procedures offer: 提出异议, and 申请信用修复 on negative information (whether
 * it may be repaired is the server's eligibility answer, on the next page).
 */
import { Alert, Button, Card, Descriptions, Empty } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { CatalogItem, MyRecord } from '../../features/me/labels.ts';
import { useCatalog, useMyRecords, useMySubject } from '../../features/me/queries.ts';
import { RecordCard } from '../../features/me/RecordCard.tsx';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import './me.css';

const STATE_FILTERS = [
  { value: 'all', label: '全部状态', test: () => true },
  { value: 'current', label: '有效', test: (r: MyRecord) => r.state === 'current' && !r.procedure },
  { value: 'objection', label: '异议处理中', test: (r: MyRecord) => r.procedure?.kind === 'objection' },
  { value: 'repair', label: '信用修复中', test: (r: MyRecord) => r.procedure?.kind === 'repair' },
  { value: 'repaired', label: '已修复', test: (r: MyRecord) => r.state === 'repaired' },
  {
    value: 'ended',
    label: '已过有效期或已终止',
    test: (r: MyRecord) => r.state !== 'current' && r.state !== 'repaired',
  },
] as const;

const GROUP_FILTERS = [
  { value: 'all', label: '全部类别' },
  { value: 'basic', label: '基础信息' },
  { value: 'positive', label: '守信（正面）信息' },
  { value: 'negative', label: '失信（负面）信息' },
  { value: 'other', label: '其他信息' },
] as const;

export default function MyCreditPage() {
  usePageTitle('我的信用');
  const subject = useMySubject();
  const records = useMyRecords();
  const catalog = useCatalog();
  const [params, setParams] = useSearchParams();
  const stateFilter = STATE_FILTERS.find((f) => f.value === params.get('state')) ?? STATE_FILTERS[0];
  const groupFilter = GROUP_FILTERS.find((f) => f.value === params.get('group')) ?? GROUP_FILTERS[0];

  const setFilter = (key: 'state' | 'group', value: string) => {
    const next = new URLSearchParams(params);
    if (value === 'all') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  const itemOf = (r: MyRecord): CatalogItem | undefined => catalog.byCode.get(r.item);
  const all = records.data?.records ?? [];
  const shown = all.filter(
    (r) => stateFilter.test(r) && (groupFilter.value === 'all' || itemOf(r)?.category === groupFilter.value),
  );

  return (
    <section aria-labelledby="me-title">
      <h1 id="me-title">我的信用</h1>
      {subject.error ? <Alert type="error" showIcon title={subject.error.message} /> : null}
      {subject.data ? <SubjectCard subject={subject.data} /> : null}

      <h2 className="section-title">关于我的信用记录</h2>
      <p className="section-lead">
        各部门报送的、关于您的全部信用信息，包括仅限政务共享和需经您授权才能查询的信息。认为记录有误的，可以提出异议；失信信息符合条件的，可以申请信用修复（免费）。
      </p>
      <div className="filters">
        <div className="filter">
          <label htmlFor="filter-state">状态</label>
          <select
            id="filter-state"
            className="native-select"
            value={stateFilter.value}
            onChange={(event) => setFilter('state', event.target.value)}
          >
            {STATE_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-group">类别</label>
          <select
            id="filter-group"
            className="native-select"
            value={groupFilter.value}
            onChange={(event) => setFilter('group', event.target.value)}
          >
            {GROUP_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <p className="filter-count" aria-live="polite">
          {records.data ? `共 ${all.length} 条，显示 ${shown.length} 条` : ''}
        </p>
      </div>

      {records.isPending ? <PageLoading /> : null}
      {records.error ? <Alert type="error" showIcon title={records.error.message} /> : null}
      {records.data && shown.length === 0 ? (
        <Empty description={all.length === 0 ? '平台上暂无关于您的信用记录' : '没有符合筛选条件的记录'} />
      ) : null}
      <ul className="card-list" aria-label="信用记录">
        {shown.map((record) => (
          <li key={record.id}>
            <RecordCard record={record} actions={<RecordActions record={record} item={itemOf(record)} />} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function SubjectCard({ subject }: { subject: NonNullable<ReturnType<typeof useMySubject>['data']> }) {
  const [reveal, setReveal] = useState(false);
  const person = subject.kind === 'person';
  const masked = subject.codeMasked !== subject.code;
  return (
    <Card className="subject-card" size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3, lg: 3, xl: 3, xxl: 3 }}
        items={[
          { key: 'name', label: person ? '姓名' : '单位名称', children: subject.name },
          { key: 'kind', label: '主体类别', children: person ? '自然人' : '法人和其他组织' },
          {
            key: 'code',
            label: person ? '身份证号' : '统一社会信用代码',
            children: (
              <span className="subject-code">
                <span>{reveal ? subject.code : subject.codeMasked}</span>
                {masked ? (
                  <Button
                    size="small"
                    type="link"
                    aria-pressed={reveal}
                    onClick={() => setReveal((shown) => !shown)}
                  >
                    {reveal ? '隐藏号码' : '显示完整号码'}
                  </Button>
                ) : null}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}

function RecordActions({ record, item }: { record: MyRecord; item: CatalogItem | undefined }) {
  const procedure = record.procedure;
  if (procedure?.kind === 'objection') {
    return <Link to={`/me/objections/${procedure.id}`}>查看异议进度</Link>;
  }
  if (procedure?.kind === 'repair') {
    return <Link to={`/me/repairs/${procedure.id}`}>查看信用修复进度</Link>;
  }
  const negative = item?.category === 'negative' && record.state === 'current';
  return (
    <>
      <Link className="action-link" to={`/me/objections/new?record=${record.id}`}>
        提出异议
        <span className="visually-hidden">
          ：{record.itemName}（{record.identifiedOn}）
        </span>
      </Link>
      {negative ? (
        <Link className="action-link" to={`/me/repairs/new?record=${record.id}`}>
          申请信用修复
          <span className="visually-hidden">
            ：{record.itemName}（{record.identifiedOn}）
          </span>
        </Link>
      ) : null}
    </>
  );
}
