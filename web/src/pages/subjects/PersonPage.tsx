/**
 * A published person (/persons/:handle): only their current public black-list entries, name and ID
 * number partly hidden (A7), by the 公示编号 the search and the lists give — never by ID number. The
 * page leaves when the entry does (expired, repaired, withdrawn: the API answers 404). noindex.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions } from 'antd';
import { Link, useParams } from 'react-router';
import { api, data } from '../../api/client.ts';
import { EntryCard } from '../../features/public/EntryCard.tsx';
import { ErrorAlert, isNotFound } from '../../features/public/ErrorAlert.tsx';
import { PageSkeleton } from '../../features/public/PageSkeleton.tsx';
import { usePageTitle } from '../../shell/page-title.ts';
import '../../features/public/public.css';

export default function PersonPage() {
  const { handle = '' } = useParams();
  const person = useQuery({
    queryKey: ['public-person', handle],
    queryFn: () => data(api.GET('/api/v1/public/persons/{handle}', { params: { path: { handle } } })),
  });
  usePageTitle(person.data ? `${person.data.name}（黑名单公示）` : '黑名单公示');

  return (
    <>
      <meta name="robots" content="noindex" />
      <h1 className="page-title">{person.data ? person.data.name : '黑名单公示'}</h1>
      {person.isPending ? (
        <PageSkeleton rows={5} />
      ) : person.isError ? (
        isNotFound(person.error) ? (
          <Alert
            type="warning"
            showIcon
            title={person.error.message}
            description={
              <>
                可到<Link to="/lists/black">黑名单</Link>查看现行公示。
              </>
            }
          />
        ) : (
          <ErrorAlert error={person.error} onRetry={() => person.refetch()} />
        )
      ) : (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'code', label: '身份号码', children: `${person.data.code}（部分隐去）` },
              { key: 'asOf', label: '信息截至', children: person.data.asOf },
            ]}
          />
          <p className="page-lead">
            自然人只在列入黑名单期间公示，只公示现行有效的黑名单信息，姓名和身份号码部分隐去（A7）。
          </p>
          <section aria-labelledby="person-entries">
            <h2 id="person-entries" className="section-title">
              黑名单信息（{person.data.entries.length}）
            </h2>
            <ul className="card-list">
              {person.data.entries.map((entry) => (
                <li key={entry.id}>
                  <EntryCard entry={entry} list="black" showSubject={false} />
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
