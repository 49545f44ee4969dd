/**
 * A phone's pager (375 px): 上一页, "第 2 / 5 页", 下一页 — two real buttons in the tab order, in
 * Chinese. antd's `simple` Pagination keeps its previous/next buttons out of the tab order
 * (tabindex -1), so a keyboard or switch user could not page on a phone (decision 0041).
 */
import { Button } from 'antd';

export function PhonePager({
  current,
  pageSize,
  total,
  onChange,
  label,
}: {
  current: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
  /** what is paged, for the navigation's name: "黑名单" → "黑名单分页" */
  label: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager phone-pager" aria-label={`${label}分页`}>
      <Button disabled={current <= 1} onClick={() => onChange(current - 1, pageSize)}>
        上一页
      </Button>
      <span>
        第 {current} / {pages} 页
      </span>
      <Button disabled={current >= pages} onClick={() => onChange(current + 1, pageSize)}>
        下一页
      </Button>
    </nav>
  );
}
