import { Skeleton } from 'antd';

/** What a page shows while its data loads: the shape of what is coming, announced as busy. */
export function PageSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-live="polite" className="page-skeleton">
      <span className="visually-hidden">加载中…</span>
      <Skeleton active title paragraph={{ rows }} />
    </div>
  );
}
