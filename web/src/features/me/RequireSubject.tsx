import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../../api/session.ts';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';

/**
 * The subject's pages need the subject signed in: a visitor who is not goes to the sign-in page, which
 * brings them back here (`/login?next=…`). Staff accounts have no file of their own to show.
 */
export function RequireSubject({ children }: { children: ReactNode }) {
  const { data: me, error, isPending } = useSession();
  const location = useLocation();
  if (isPending) return <PageLoading />;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (me?.kind !== 'account') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.role !== 'subject') return <NotASubject />;
  return children;
}

function NotASubject() {
  usePageTitle('仅限信息主体');
  return (
    <section className="page-error">
      <h1>仅限信息主体本人</h1>
      <p>
        “我的信用”各页面供信息主体（个人或单位经办人）查看和办理本人的信用信息。工作人员账号没有本人信用档案。
      </p>
    </section>
  );
}
