import { SITE_NAME } from './page-title.ts';

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        <p className="fraud-notice">
          <strong>信用修复免费，谨防诈骗。</strong>
          信用修复不收取任何费用，也不委托任何机构代办；以收费为条件“代办修复”“删除记录”的，都是诈骗。
        </p>
        <p>
          {SITE_NAME} · 公共信用信息平台 · <a href="/api/docs">开放接口文档</a>
        </p>
      </div>
    </footer>
  );
}
