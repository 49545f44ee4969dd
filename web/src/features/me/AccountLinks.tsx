import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { api, rememberCsrfToken } from '../../api/client.ts';
import { SESSION_KEY, useSession } from '../../api/session.ts';
import { ME_KEY, useUnreadCount } from './queries.ts';
import './account.css';

/**
 * The header's account entries: 登录 for a visitor; for a signed-in person 我的 (with the unread
 * notices counted on 消息) and 退出. Plain links and a button, in the header's list: they are part of
 * every page's first load.
 */
export function AccountLinks() {
  const { data: me } = useSession();
  const unread = useUnreadCount();
  if (me?.kind !== 'account') {
    return (
      <li>
        <NavLink to="/login">登录</NavLink>
      </li>
    );
  }
  return (
    <>
      <li>
        <NavLink to="/me" end>
          我的
        </NavLink>
      </li>
      {me.role === 'subject' ? (
        <li>
          <NavLink to="/me/inbox">
            消息
            {unread > 0 ? (
              <>
                <span className="count-badge" aria-hidden="true">
                  {unread > 99 ? '99+' : unread}
                </span>
                <span className="visually-hidden">（{unread} 条未读）</span>
              </>
            ) : null}
          </NavLink>
        </li>
      ) : null}
      <li>
        <SignOutButton />
      </li>
    </>
  );
}

function SignOutButton() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    try {
      // Whatever the server answers (a session already ended), this browser forgets it.
      await api.POST('/api/v1/auth/logout').catch(() => undefined);
    } finally {
      rememberCsrfToken(undefined);
      client.removeQueries({ queryKey: ME_KEY });
      client.setQueryData(SESSION_KEY, { kind: 'anonymous' as const });
      setBusy(false);
      navigate('/');
    }
  };
  return (
    <button type="button" className="site-nav-button" onClick={signOut} disabled={busy}>
      退出
    </button>
  );
}
