/**
 * The frame of the subject's own pages (/me/…): signed in as a subject or sent to sign in, and the
 * sections of one's own file — 我的信用, 授权管理, 异议, 信用修复, 消息 — as a second navigation.
 */
import { NavLink, Outlet } from 'react-router';
import { useUnreadCount } from '../../features/me/queries.ts';
import { RequireSubject } from '../../features/me/RequireSubject.tsx';

const SECTIONS = [
  { to: '/me', label: '我的信用', end: true },
  { to: '/me/consents', label: '授权管理' },
  { to: '/me/objections', label: '异议' },
  { to: '/me/repairs', label: '信用修复' },
  { to: '/me/inbox', label: '消息' },
] as const;

export default function MeLayout() {
  return (
    <RequireSubject>
      <MeNavigation />
      <Outlet />
    </RequireSubject>
  );
}

function MeNavigation() {
  const unread = useUnreadCount();
  return (
    <nav aria-label="我的信用服务" className="me-nav">
      <ul>
        {SECTIONS.map((section) => (
          <li key={section.to}>
            <NavLink to={section.to} end={'end' in section}>
              {section.label}
              {section.to === '/me/inbox' && unread > 0 ? (
                <>
                  <span className="count-badge" aria-hidden="true">
                    {unread}
                  </span>
                  <span className="visually-hidden">（{unread} 条未读）</span>
                </>
              ) : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
