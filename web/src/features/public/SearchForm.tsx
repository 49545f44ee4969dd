/**
 * The one search box (issue 17): a name — full, partial, pinyin, initials, traditional characters — or
 * an 18-character code. Submitting opens the results (/search?q=…); an empty box is answered with
 * what to type, where the person is.
 */
import { Button, Input, Space } from 'antd';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';

export function SearchForm({
  initial = '',
  size = 'large',
}: {
  initial?: string;
  size?: 'large' | 'middle';
}) {
  const navigate = useNavigate();
  const id = useId();
  const [query, setQuery] = useState(initial);
  const [empty, setEmpty] = useState(false);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const text = query.trim();
    setEmpty(text === '');
    if (text !== '') navigate(`/search?q=${encodeURIComponent(text)}`);
  };

  return (
    <search className="search-form">
      <form onSubmit={search} noValidate>
        <label htmlFor={`${id}-q`} className="search-form-label">
          企业名称或统一社会信用代码
        </label>
        <Space.Compact block>
          <Input
            id={`${id}-q`}
            size={size}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setEmpty(false);
            }}
            placeholder="如：淮安市某某有限公司、hasmm、9132…"
            autoComplete="off"
            enterKeyHint="search"
            status={empty ? 'error' : undefined}
            aria-describedby={`${id}-help`}
            aria-invalid={empty}
          />
          <Button type="primary" size={size} htmlType="submit">
            查询
          </Button>
        </Space.Compact>
        <p id={`${id}-help`} className="search-form-help" aria-live="polite">
          {empty ? '请输入要查询的名称或代码' : '可输入全称、部分名称、拼音或首字母，或 18 位代码'}
        </p>
      </form>
    </search>
  );
}
