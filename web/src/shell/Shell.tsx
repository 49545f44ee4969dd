/**
 * The portal's frame around every page: skip link, demo banner, header with the site's navigation and
 * the 长辈版 switch, one <main> holding the page, and the footer with the anti-fraud notice.
 */
import { Spin } from 'antd';
import { Suspense, useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { DemoBanner } from './DemoBanner.tsx';
import { SiteFooter } from './SiteFooter.tsx';
import { SiteHeader } from './SiteHeader.tsx';

export function Shell() {
  return (
    <>
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      <DemoBanner />
      <SiteHeader />
      <MainContent />
      <SiteFooter />
    </>
  );
}

/** The page; after a navigation, focus moves to it so a screen reader starts reading the new page. */
function MainContent() {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return; // the first page: focus stays where the browser put it
    shown.current = pathname;
    main.current?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <main id="main" className="site-main" tabIndex={-1} ref={main}>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </main>
  );
}

export function PageLoading() {
  return (
    <div className="page-loading" aria-busy="true">
      <Spin size="large" description="加载中…" />
    </div>
  );
}
