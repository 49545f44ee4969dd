/**
 * 红黑名单 (/lists/red, /lists/black; /lists opens the black list): the current public entries, newest
 * first, filtered by department, ground (A5, A6), listing date and name, paged by the server; filters
 * and page in the URL so a link opens the same view; the same filter exported as CSV or xlsx. The
 * filter options are the API's (list types, providing departments, grounds). On a phone, a list.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, Navigate, useParams } from 'react-router';
import { api, data } from '../../api/client.ts';
import type { ListEntry, ListFilters } from '../../features/public/api-types.ts';
import { EntryCard, SubjectLink } from '../../features/public/EntryCard.tsx';
import { ErrorAlert } from '../../features/public/ErrorAlert.tsx';
import { PageSkeleton } from '../../features/public/PageSkeleton.tsx';
import { PhonePager } from '../../features/public/PhonePager.tsx';
import { ProcedureTag } from '../../features/public/ProcedureTag.tsx';
import { pageOf, useUrlState } from '../../features/public/url-state.ts';
import { usePhone } from '../../features/public/use-phone.ts';
import { usePageTitle } from '../../shell/page-title.ts';
import '../../features/public/public.css';

type Polarity = 'red' | 'black';
const LISTS: Record<Polarity, { tab: string; lead: string }> = {
  red: {
    tab: '红名单',
    lead: '守信联合激励对象（A5）：各部门依法认定的诚信典型，在公示期内享受联合激励措施（A13）。',
  },
  black: {
    tab: '黑名单',
    lead: '严重失信主体名单（A6）：各部门依法认定并推送的失信主体，在移出日期前实施联合惩戒（A12、A14）；自然人姓名和身份号码部分隐去（A7）。',
  },
};
const FILTER_KEYS = ['listType', 'department', 'ground', 'listedFrom', 'listedTo', 'name'] as const;
type Filter = Partial<Record<(typeof FILTER_KEYS)[number], string>>;
const PAGE_SIZES = [10, 20, 50, 100];

export default function ListsPage() {
  const { list: param } = useParams();
  if (param !== undefined && param !== 'red' && param !== 'black')
    return <Navigate to="/lists/black" replace />;
  const list: Polarity = param ?? 'black';
  return (
    <>
      <h1 className="page-title">红黑名单</h1>
      {/* two links, one per list (each its own route): read as links in Chinese, not as antd's tabs,
          whose hidden live region announces "Tab 2 of 2" in English (decision 0041) */}
      <nav className="tab-links" aria-label="名单">
        {(['red', 'black'] as const).map((key) => (
          <Link key={key} to={`/lists/${key}`} aria-current={key === list ? 'page' : undefined}>
            {LISTS[key].tab}
          </Link>
        ))}
      </nav>
      <ListView key={list} list={list} />
    </>
  );
}

function fetchFilters(list: Polarity): Promise<ListFilters> {
  return list === 'red'
    ? data(api.GET('/api/v1/public/lists/red/filters'))
    : data(api.GET('/api/v1/public/lists/black/filters'));
}

function fetchEntries(list: Polarity, query: Filter & { page: number; pageSize: number }) {
  return list === 'red'
    ? data(api.GET('/api/v1/public/lists/red', { params: { query } }))
    : data(api.GET('/api/v1/public/lists/black', { params: { query } }));
}

function ListView({ list }: { list: Polarity }) {
  usePageTitle(LISTS[list].tab);
  const phone = usePhone();
  const { params, get, set } = useUrlState();
  const filter: Filter = Object.fromEntries(
    FILTER_KEYS.map((key) => [key, get(key)]).filter(([, v]) => v !== undefined),
  );
  const page = pageOf(get('page'));
  const sizeAsked = Number(get('pageSize'));
  const pageSize = PAGE_SIZES.includes(sizeAsked) ? sizeAsked : 20;
  const filters = useQuery({
    queryKey: ['public-list-filters', list],
    queryFn: () => fetchFilters(list),
    staleTime: 10 * 60_000,
  });
  const entries = useQuery({
    queryKey: ['public-list', list, filter, page, pageSize],
    queryFn: () => fetchEntries(list, { ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const exportQuery = new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
  const exportUrl = (format: 'csv' | 'xlsx') =>
    `/api/v1/public/lists/${list}/export.${format}${exportQuery ? `?${exportQuery}` : ''}`;
  const form = (
    <FilterForm
      // a new URL (a link, back, a reset) gives the form its values again
      key={`${list}?${FILTER_KEYS.map((k) => params.get(k) ?? '').join('|')}`}
      list={list}
      filter={filter}
      options={filters.data}
      onSearch={(values) => set(values)}
    />
  );
  const changePage = (next: number, size: number) =>
    set({ page: size === pageSize ? next : 1, pageSize: size === 20 ? undefined : size });

  return (
    <>
      <p className="page-lead">{LISTS[list].lead}</p>
      {phone ? (
        // on a phone the filters fold away (open while some are set), the entries come first
        <details className="filter-details" open={Object.keys(filter).length > 0}>
          <summary>筛选条件</summary>
          {form}
        </details>
      ) : (
        form
      )}
      {filters.isError ? <ErrorAlert error={filters.error} onRetry={() => filters.refetch()} /> : null}
      <section aria-labelledby="list-results" aria-busy={entries.isFetching}>
        <h2 id="list-results" className="visually-hidden">
          {LISTS[list].tab}查询结果
        </h2>
        {entries.isPending ? (
          <PageSkeleton rows={8} />
        ) : entries.isError ? (
          <ErrorAlert error={entries.error} onRetry={() => entries.refetch()} />
        ) : (
          <>
            <div className="list-actions">
              <p aria-live="polite">
                共 {entries.data.total} 条，信息截至 {entries.data.asOf}
              </p>
              <Space wrap>
                <Button href={exportUrl('csv')} download>
                  导出 CSV
                </Button>
                <Button href={exportUrl('xlsx')} download>
                  导出 Excel
                </Button>
              </Space>
            </div>
            {entries.data.total === 0 ? (
              <Alert
                type="info"
                showIcon
                title="没有符合条件的名单信息"
                description="可以放宽筛选条件后再查询。"
              />
            ) : phone ? (
              <>
                <ul className="card-list">
                  {entries.data.entries.map((entry) => (
                    <li key={entry.id}>
                      <EntryCard entry={entry} list={list} />
                    </li>
                  ))}
                </ul>
                <PhonePager
                  label={LISTS[list].tab}
                  current={page}
                  pageSize={pageSize}
                  total={entries.data.total}
                  onChange={changePage}
                />
              </>
            ) : (
              <Table<ListEntry>
                rowKey="id"
                size="middle"
                columns={columns(list)}
                dataSource={entries.data.entries}
                loading={entries.isFetching}
                // no sideways scrolling from 768 px: the long columns wrap
                pagination={{
                  current: page,
                  pageSize,
                  total: entries.data.total,
                  showSizeChanger: true,
                  pageSizeOptions: PAGE_SIZES,
                  showTotal: (total) => `共 ${total} 条`,
                  onChange: changePage,
                }}
              />
            )}
          </>
        )}
      </section>
    </>
  );
}

function FilterForm({
  list,
  filter,
  options,
  onSearch,
}: {
  list: Polarity;
  filter: Filter;
  options: ListFilters | undefined;
  onSearch: (values: Filter) => void;
}) {
  const [form] = Form.useForm<Filter>();
  const clear = Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])) as Filter;
  return (
    <Form<Filter>
      form={form}
      name={`${list}-filters`}
      className="list-filters"
      layout="vertical"
      initialValues={filter}
      onFinish={(values) => onSearch({ ...clear, ...trimmed(values) })}
    >
      <div className="filter-grid">
        <Form.Item name="name" label="名称">
          <Input allowClear placeholder="名称中的字词" autoComplete="off" />
        </Form.Item>
        <Form.Item name="department" label="提供单位">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部单位"
            loading={!options}
            options={options?.departments.map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="ground" label="列入事由">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部事由"
            loading={!options}
            popupMatchSelectWidth={false}
            options={options?.grounds.map((g) => ({ value: g.code, label: g.label }))}
          />
        </Form.Item>
        {options && options.listTypes.length > 1 ? (
          <Form.Item name="listType" label="名单类型">
            <Select
              allowClear
              placeholder="全部名单"
              options={options.listTypes.map((t) => ({ value: t.code, label: t.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="listedFrom" label="列入日期（起）">
          <Input type="date" />
        </Form.Item>
        <Form.Item name="listedTo" label="列入日期（止）">
          <Input type="date" />
        </Form.Item>
      </div>
      <Space wrap>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
        <Button
          onClick={() => {
            form.setFieldsValue(clear);
            onSearch(clear);
          }}
        >
          重置
        </Button>
      </Space>
    </Form>
  );
}

const trimmed = (values: Filter): Filter =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined,
    ]),
  );

function columns(list: Polarity): ColumnsType<ListEntry> {
  return [
    {
      title: '名称',
      key: 'subject',
      width: '22%',
      render: (_, entry) => (
        <>
          <SubjectLink subject={entry.subject} list={list} />
          <div className="entry-card-code">{entry.subject.code}</div>
        </>
      ),
    },
    { title: '名单', dataIndex: 'listName', key: 'listName' },
    {
      title: '列入事由',
      key: 'ground',
      render: (_, entry) => entry.groundText ?? entry.ground ?? '—',
    },
    list === 'red'
      ? { title: '荣誉或称号', key: 'honor', render: (_, entry) => entry.honorName ?? '—' }
      : { title: '失信程度', key: 'severity', render: (_, entry) => entry.severity ?? '—' },
    { title: '提供单位', key: 'provider', render: (_, entry) => entry.provider.name },
    { title: '列入日期', dataIndex: 'listedOn', key: 'listedOn', className: 'nowrap' },
    {
      title: '移出日期',
      key: 'validUntil',
      className: 'nowrap',
      render: (_, entry) => entry.validUntil ?? '—',
    },
    {
      title: '状态',
      key: 'procedure',
      render: (_, entry) => (entry.procedure ? <ProcedureTag procedure={entry.procedure} /> : '公示中'),
    },
  ];
}
