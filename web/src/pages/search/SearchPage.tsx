/**
 * 查询结果 (/search?q=…&page=…): organizations with their code, region and current red/black counts;
 * persons only as the API publishes them (black-listed, masked, by their 公示编号, A7). Paged as the
 * API pages (20 a page, "more" known); the query and the page in the URL.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Tag } from 'antd';
import { Link } from 'react-router';
import { api, data } from '../../api/client.ts';
import type { SearchResult } from '../../features/public/api-types.ts';
import { ErrorAlert } from '../../features/public/ErrorAlert.tsx';
import { PageSkeleton } from '../../features/public/PageSkeleton.tsx';
import { SearchForm } from '../../features/public/SearchForm.tsx';
import { pageOf, useUrlState } from '../../features/public/url-state.ts';
import { usePageTitle } from '../../shell/page-title.ts';
import '../../features/public/public.css';

export default function SearchPage() {
  const { get, set } = useUrlState();
  const q = (get('q') ?? '').trim();
  const page = pageOf(get('page'));
  usePageTitle(q ? `查询：${q}` : '信用信息查询');
  const search = useQuery({
    queryKey: ['public-search', q, page],
    queryFn: () => data(api.GET('/api/v1/public/search', { params: { query: { q, page } } })),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <h1 className="page-title">信用信息查询</h1>
      <div className="page-lead">
        {/* a new search replaces the form's state: keyed by the query */}
        <SearchForm key={q} initial={q} size="middle" />
      </div>
      <section aria-labelledby="results-title" aria-busy={search.isFetching}>
        <h2 id="results-title" className="section-title">
          查询结果
        </h2>
        {q === '' ? (
          <p>请在上方输入企业名称（可以只输入其中几个字、拼音或首字母）或 18 位统一社会信用代码。</p>
        ) : search.isPending ? (
          <PageSkeleton rows={4} />
        ) : search.isError ? (
          <ErrorAlert error={search.error} onRetry={() => search.refetch()} />
        ) : search.data.results.length === 0 ? (
          <Alert
            type="info"
            showIcon
            title={
              search.data.query.kind === 'code'
                ? '没有查到这个代码对应的企业或组织'
                : `没有找到与“${q}”相符的企业或组织`
            }
            description="请检查输入是否有误；可以只输入名称中的几个字、拼音首字母，或输入完整的 18 位统一社会信用代码。自然人只在列入黑名单期间公示。"
          />
        ) : (
          <>
            <p aria-live="polite">
              第 {search.data.page} 页，本页 {search.data.results.length} 条
              {search.data.hasMore ? '，还有更多' : ''}
            </p>
            <ul className="card-list">
              {search.data.results.map((result) => (
                <li key={result.kind === 'organization' ? result.code : result.handle}>
                  <ResultCard result={result} />
                </li>
              ))}
            </ul>
            <nav className="pager" aria-label="查询结果分页">
              <Button disabled={page <= 1} onClick={() => set({ page: page - 1 })}>
                上一页
              </Button>
              <span>第 {page} 页</span>
              <Button disabled={!search.data.hasMore} onClick={() => set({ page: page + 1 })}>
                下一页
              </Button>
            </nav>
            {!search.data.hasMore && page > 1 ? (
              <p className="rule-note">没有找到想要的？请输入更完整的名称或 18 位统一社会信用代码。</p>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}

function ResultCard({ result }: { result: SearchResult }) {
  if (result.kind === 'organization') {
    return (
      <article className="result-card">
        <p className="result-card-title">
          <Link to={`/subjects/${result.code}`}>{result.name}</Link>
        </p>
        <p className="result-card-meta">
          统一社会信用代码 {result.code}
          {result.regionName ? ` · ${result.regionName}` : ''}
        </p>
        <p className="result-card-counts">
          <Tag className={result.counts.red > 0 ? 'tag-good' : undefined}>红名单 {result.counts.red} 条</Tag>
          <Tag className={result.counts.black > 0 ? 'tag-bad' : undefined}>
            黑名单 {result.counts.black} 条
          </Tag>
        </p>
      </article>
    );
  }
  return (
    <article className="result-card">
      <p className="result-card-title">
        <Link to={`/persons/${result.handle}`}>{result.name}</Link>
        <Tag className="procedure-tag">自然人</Tag>
      </p>
      <p className="result-card-meta">身份号码 {result.code}（部分隐去）</p>
      <p className="result-card-counts">
        <Tag className="tag-bad">黑名单 {result.counts.black} 条</Tag>
      </p>
    </article>
  );
}
