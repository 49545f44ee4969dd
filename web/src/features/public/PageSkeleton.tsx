import { Skeleton } from 'antd';

/** What a page shows while its data loads: the shape of what is coming, announced as busy. */
export function PageSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-live="polite" className="page-skeleton">
      <span className="visually-hidden">加载中…</span>
      {/* no title: antd draws it as an empty <h3>, a heading with nothing in it (axe empty-heading) */}
      <Skeleton active title={false} paragraph={{ rows }} />
    </div>
  );
}
