/**
 * 首页: one search box. A name (full, partial, pinyin, initials, traditional characters) or an
 * 18-character code; the results are the search page's (/search?q=…).
 */
import { Button, Input, Space } from 'antd';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../../shell/page-title.ts';

export default function HomePage() {
  usePageTitle();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [empty, setEmpty] = useState(false);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const text = query.trim();
    setEmpty(text === '');
    if (text !== '') navigate(`/search?q=${encodeURIComponent(text)}`);
  };

  return (
    <section className="home-hero" aria-labelledby="home-title">
      <h1 id="home-title" className="home-title">
        信用淮安
      </h1>
      <p className="home-lead">查询企业和组织公示的信用信息：行政许可、行政处罚、守信红名单和失信黑名单。</p>
      <search className="home-search">
        <form onSubmit={search} noValidate>
          <label htmlFor="home-search-input" className="home-search-label">
            企业名称或统一社会信用代码
          </label>
          <Space.Compact block>
            <Input
              id="home-search-input"
              size="large"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setEmpty(false);
              }}
              placeholder="如：淮安市某某有限公司、hasmm、9132…"
              autoComplete="off"
              status={empty ? 'error' : undefined}
              aria-describedby="home-search-help"
              aria-invalid={empty}
            />
            <Button type="primary" size="large" htmlType="submit">
              查询
            </Button>
          </Space.Compact>
          <p id="home-search-help" className="home-search-help" aria-live="polite">
            {empty ? '请输入要查询的名称或代码' : '可输入全称、部分名称、拼音或首字母，或 18 位代码'}
          </p>
        </form>
      </search>
    </section>
  );
}
