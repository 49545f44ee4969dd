/**
 * 信用规则 (/policy): the rules in force as the platform applies them (GET /api/v1/public/policy) — the
 * policy and its version; validity (B27), lists (A9, A12, A4), objections (A16, B29), repair (A18–A19,
 * B31–B32) with the platform's decided points marked; each public item's usage and publication periods
 * (B8); the joint measures by scenario with their legal basis (A13, A14, D §5). Each with its articles.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Collapse, Descriptions, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, data } from '../../api/client.ts';
import type { PolicyAnswer } from '../../features/public/api-types.ts';
import { ErrorAlert } from '../../features/public/ErrorAlert.tsx';
import { PageSkeleton } from '../../features/public/PageSkeleton.tsx';
import { usePhone } from '../../features/public/use-phone.ts';
import { usePageTitle } from '../../shell/page-title.ts';
import '../../features/public/public.css';

type Rule = PolicyAnswer['sections'][number]['rules'][number];
type Publication = PolicyAnswer['publication'][number];
type Measure = PolicyAnswer['measures'][number]['measures'][number];

const EFFECTS: Record<string, { label: string; className: string }> = {
  favor: { label: '激励', className: 'tag-good' },
  block: { label: '禁止', className: 'tag-bad' },
  restrict: { label: '限制', className: 'tag-warn' },
  warn: { label: '提示', className: 'tag-info' },
};

const Articles = ({ articles }: { articles: readonly string[] }) => (
  <>
    {articles.map((a) => (
      <Tag key={a}>{a}</Tag>
    ))}
  </>
);

export default function PolicyPage() {
  usePageTitle('信用规则');
  const policy = useQuery({
    queryKey: ['public-policy'],
    queryFn: () => data(api.GET('/api/v1/public/policy')),
  });
  return (
    <>
      <h1 className="page-title">信用规则</h1>
      <p className="page-lead">
        平台现行执行的规则：失信信息有效期、红黑名单、异议处理、信用修复的条件和期限，各类信息的公示期限，以及联合奖惩措施。每条规则注明所依据的条款（A
        为《守信联合激励和失信联合惩戒实施办法》，B 为《公共信用信息管理办法》，C、D
        为个人诚信和电子商务诚信的实施意见）。
      </p>
      {policy.isPending ? (
        <PageSkeleton rows={10} />
      ) : policy.isError ? (
        <ErrorAlert error={policy.error} onRetry={() => policy.refetch()} />
      ) : (
        <Policy answer={policy.data} />
      )}
    </>
  );
}

function Policy({ answer }: { answer: PolicyAnswer }) {
  const { policy } = answer;
  const phone = usePhone();
  return (
    <>
      <Descriptions
        className="policy-meta"
        size="small"
        bordered
        column={1}
        items={[
          { key: 'title', label: '政策', children: policy.title },
          { key: 'version', label: '版本', children: `${policy.id} ${policy.version}` },
          ...(policy.issuer ? [{ key: 'issuer', label: '发布机关', children: policy.issuer }] : []),
          { key: 'from', label: '施行日期', children: policy.effectiveFrom },
          {
            key: 'digest',
            label: '版本摘要',
            children: <span className="digest">{policy.digest}</span>,
          },
        ]}
      />
      <Alert type="warning" showIcon title={answer.free.zh} />
      {answer.sections.map((section) => (
        <section key={section.key} className="page-section" aria-labelledby={`rules-${section.key}`}>
          <h2 id={`rules-${section.key}`}>{section.title.zh}</h2>
          {phone ? (
            <ul className="card-list">
              {section.rules.map((rule) => (
                <li key={rule.key}>
                  <RuleCard rule={rule} />
                </li>
              ))}
            </ul>
          ) : (
            <Table<Rule>
              rowKey="key"
              size="small"
              pagination={false}
              tableLayout="fixed"
              dataSource={section.rules}
              columns={RULE_COLUMNS}
            />
          )}
        </section>
      ))}
      <section className="page-section" aria-labelledby="rules-publication">
        <h2 id="rules-publication">各类信息的使用期限和公示期限（B8）</h2>
        {phone ? (
          <ul className="card-list">
            {answer.publication.map((p) => (
              <li key={p.item}>
                <article className="entry-card">
                  <p className="entry-card-title">{p.name}</p>
                  <dl className="facts">
                    <div>
                      <dt>类别</dt>
                      <dd>{p.categoryLabel}</dd>
                    </div>
                    <div>
                      <dt>使用期限</dt>
                      <dd>{p.usagePeriodText}</dd>
                    </div>
                    <div>
                      <dt>公示期限</dt>
                      <dd>{p.publicationPeriodText}</dd>
                    </div>
                    <div>
                      <dt>依据</dt>
                      <dd>
                        <Articles articles={p.articles} />
                      </dd>
                    </div>
                  </dl>
                </article>
              </li>
            ))}
          </ul>
        ) : (
          <Table<Publication>
            rowKey="item"
            size="small"
            pagination={false}
            tableLayout="fixed"
            dataSource={answer.publication}
            columns={[
              { title: '信息', dataIndex: 'name', key: 'name' },
              { title: '类别', dataIndex: 'categoryLabel', key: 'category' },
              { title: '使用期限', dataIndex: 'usagePeriodText', key: 'usage' },
              { title: '公示期限', dataIndex: 'publicationPeriodText', key: 'publication' },
              { title: '依据', key: 'articles', render: (_, p) => <Articles articles={p.articles} /> },
            ]}
          />
        )}
      </section>
      <section className="page-section" aria-labelledby="rules-measures">
        <h2 id="rules-measures">联合奖惩措施（按业务场景）</h2>
        <p>各部门在下列业务中查询信用信息，对红名单主体实施激励、对黑名单主体实施惩戒（A13、A14、D §5）。</p>
        <Collapse
          items={answer.measures.map((scenario) => ({
            key: scenario.scenario,
            label: (
              <>
                {scenario.name}（{scenario.measures.length} 项）
              </>
            ),
            children: (
              <>
                <p>
                  依据：
                  <Articles articles={scenario.articles} />
                </p>
                <ul className="card-list">
                  {scenario.measures.map((measure) => (
                    <li key={measure.code}>
                      <MeasureCard measure={measure} />
                    </li>
                  ))}
                </ul>
              </>
            ),
          }))}
        />
      </section>
    </>
  );
}

const RuleLabel = ({ rule }: { rule: Rule }) => (
  <>
    {rule.label.zh}
    {rule.decided ? <Tag className="procedure-tag tag-info">平台决定</Tag> : null}
  </>
);

const RULE_COLUMNS: ColumnsType<Rule> = [
  { title: '事项', key: 'label', width: '22%', render: (_, rule) => <RuleLabel rule={rule} /> },
  { title: '规定', dataIndex: 'text', key: 'text', width: '18%' },
  {
    title: '依据',
    key: 'articles',
    width: '15%',
    render: (_, rule) => <Articles articles={rule.articles} />,
  },
  { title: '说明', key: 'note', render: (_, rule) => (rule.note ? rule.note.zh : '—') },
];

function RuleCard({ rule }: { rule: Rule }) {
  return (
    <article className="entry-card">
      <p className="entry-card-title">
        <RuleLabel rule={rule} />
      </p>
      <dl className="facts">
        <div>
          <dt>规定</dt>
          <dd>{rule.text}</dd>
        </div>
        <div>
          <dt>依据</dt>
          <dd>
            <Articles articles={rule.articles} />
          </dd>
        </div>
        {rule.note ? (
          <div>
            <dt>说明</dt>
            <dd>{rule.note.zh}</dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}

function MeasureCard({ measure }: { measure: Measure }) {
  const effect = EFFECTS[measure.effect] ?? { label: measure.effect, className: '' };
  return (
    <article className="entry-card">
      <p className="entry-card-title">
        {measure.title} <Tag className={effect.className}>{effect.label}</Tag>
      </p>
      <p>{measure.text}</p>
      <dl className="facts">
        <div>
          <dt>条款</dt>
          <dd>{measure.article}</dd>
        </div>
        <div>
          <dt>适用名单</dt>
          <dd>{measure.listTypes.map((l) => l.name).join('、') || '—'}</dd>
        </div>
        <div>
          <dt>法律依据</dt>
          <dd>
            {measure.legalBasis.map((b) => `${b.document}${b.provision ? b.provision : ''}`).join('；')}
          </dd>
        </div>
        <div>
          <dt>实施单位</dt>
          <dd>{measure.implementingDepartments.map((d) => d.name).join('、') || '—'}</dd>
        </div>
      </dl>
    </article>
  );
}
