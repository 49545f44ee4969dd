import { NavLink } from 'react-router';
import { AccountLinks } from '../features/me/AccountLinks.tsx';
import { ElderModeToggle } from './ElderModeToggle.tsx';
import { SITE_NAME } from './page-title.ts';

/** The portal's sections, in the order the header shows them. */
export const NAVIGATION = [
  { to: '/', label: '首页' },
  { to: '/lists', label: '红黑名单' },
  { to: '/repair-notices', label: '修复公示' },
  { to: '/policy', label: '政策' },
  { to: '/verify', label: '报告核验' },
] as const;

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <NavLink to="/" className="site-brand">
          {SITE_NAME}
        </NavLink>
        <nav aria-label="主导航" className="site-nav">
          <ul>
            {NAVIGATION.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>
                  {item.label}
                </NavLink>
              </li>
            ))}
            <AccountLinks />
          </ul>
        </nav>
        <ElderModeToggle />
      </div>
    </header>
  );
}
