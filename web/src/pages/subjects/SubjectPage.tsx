/**
 * 主体页 (/subjects/:code): an organization's public credit information grouped like a national credit
 * report — 基础信息, 行政许可, 行政处罚, 守信激励, 严重失信主体名单, 信用承诺, 其他 — counts on top as
 * links to each group, every item with its provider, date, legal basis and validity, and a mark on
 * those under objection or repair. All as the API says (only what is public and current); noindex.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions } from 'antd';
import { Link, useParams } from 'react-router';
import { api, data } from '../../api/client.ts';
import type { ProfileAnswer, ProfileGroup, ProfileItem } from '../../features/public/api-types.ts';
import { ErrorAlert, isNotFound } from '../../features/public/ErrorAlert.tsx';
import { fieldText } from '../../features/public/format.ts';
import { PageSkeleton } from '../../features/public/PageSkeleton.tsx';
import { ProcedureTag } from '../../features/public/ProcedureTag.tsx';
import { usePageTitle } from '../../shell/page-title.ts';
import '../../features/public/public.css';

export default function SubjectPage() {
  const { code = '' } = useParams();
  const profile = useQuery({
    queryKey: ['public-profile', code],
    queryFn: () => data(api.GET('/api/v1/public/subjects/{code}/profile', { params: { path: { code } } })),
  });
  usePageTitle(profile.data?.subject.name ?? '主体信用信息');

  return (
    <>
      {/* the server says so too (X-Robots-Tag); React 19 puts this in <head> */}
      <meta name="robots" content="noindex" />
      {profile.isPending ? (
        <>
          <h1 className="page-title">主体信用信息</h1>
          <PageSkeleton rows={8} />
        </>
      ) : profile.isError ? (
        <>
          <h1 className="page-title">主体信用信息</h1>
          {isNotFound(profile.error) ? (
            <Alert
              type="warning"
              showIcon
              title={profile.error.message}
              description={
                <>
                  请核对统一社会信用代码，或<Link to="/">回到首页</Link>按名称查询。
                </>
              }
            />
          ) : (
            <ErrorAlert error={profile.error} onRetry={() => profile.refetch()} />
          )}
        </>
      ) : (
        <Profile answer={profile.data} />
      )}
    </>
  );
}

function Profile({ answer }: { answer: ProfileAnswer }) {
  const { subject, groups, counts, asOf } = answer;
  return (
    <>
      <header className="subject-header">
        <h1 className="page-title">{subject.name}</h1>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'code', label: '统一社会信用代码', children: subject.code },
            { key: 'region', label: '所在地区', children: subject.regionName ?? '—' },
            { key: 'form', label: '类型', children: subject.legalForm ?? '—' },
            { key: 'rep', label: '法定代表人', children: subject.legalRepresentative ?? '—' },
            { key: 'asOf', label: '信息截至', children: asOf },
          ]}
        />
      </header>
      <nav className="group-nav" aria-label="信息分类及条数">
        <ul>
          {groups.map((group) => (
            <li key={group.group}>
              <a href={`#group-${group.group}`}>
                <span>{group.label.zh}</span>
                <span className="group-count">
                  {counts[group.group] ?? group.items.length}
                  <span className="visually-hidden"> 条</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((group) => (
        <GroupSection key={group.group} group={group} count={counts[group.group] ?? group.items.length} />
      ))}
      <Alert
        className="page-note"
        type="info"
        showIcon
        title="对公示的信息有异议？"
        description={
          <>
            本页只列社会公开且在有效期、公示期内的信息，由各信息提供单位依法报送。信息主体认为信息有误或不完整的，可
            <Link to="/login">登录</Link>
            后在“我的信用”中对该条信息提出异议；符合条件的失信信息可以申请信用修复。
            <strong>信用修复免费，</strong>请勿相信任何收费“代办修复”。
          </>
        }
      />
    </>
  );
}

function GroupSection({ group, count }: { group: ProfileGroup; count: number }) {
  const titleId = `group-${group.group}-title`;
  return (
    <section id={`group-${group.group}`} className="group-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {group.label.zh}（{count}）
      </h2>
      {group.items.length === 0 ? (
        <p className="group-empty">查询期内无相关信息</p>
      ) : (
        <div className="item-list">
          {group.items.map((item) => (
            <ItemCard key={item.id} item={item} />
          ))}
        </div>
      )}
    </section>
  );
}

function ItemCard({ item }: { item: ProfileItem }) {
  const basis = [
    item.legalBasis.text,
    item.legalBasis.articles.length > 0 ? `（${item.legalBasis.articles.join('、')}）` : '',
  ]
    .filter(Boolean)
    .join('');
  const rows = [
    { key: 'provider', label: '信息提供单位', children: item.provider.name },
    { key: 'date', label: item.dateLabel, children: item.date },
    { key: 'basis', label: '依据', children: basis || '—' },
    ...(item.severity ? [{ key: 'severity', label: '失信程度', children: item.severity }] : []),
    ...(item.validUntil ? [{ key: 'validUntil', label: '有效期至', children: item.validUntil }] : []),
    ...(item.validityEndsOn
      ? [{ key: 'validityEndsOn', label: '失信信息有效期截止', children: item.validityEndsOn }]
      : []),
    ...(item.publicationEndsOn
      ? [{ key: 'publicationEndsOn', label: '公示截止', children: item.publicationEndsOn }]
      : []),
    ...item.fields
      .filter((f) => f.key !== 'legalBasis' && f.key !== 'validUntil')
      .map((f) => ({ key: `field-${f.key}`, label: f.label, children: fieldText(f.value) })),
  ];
  return (
    <Card
      size="small"
      title={
        <h3 className="item-title">
          {item.itemName}
          <ProcedureTag procedure={item.procedure} />
        </h3>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} items={rows} />
    </Card>
  );
}
