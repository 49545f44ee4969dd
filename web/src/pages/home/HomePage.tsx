/**
 * 首页: what the platform is, one search box — a name (full, partial, pinyin, initials, traditional
 * characters) or an 18-character code; the results are the search page's (/search?q=…) — and the way
 * to the lists, the repair notices, the rules and report verification.
 */
import { Link } from 'react-router';
import { SearchForm } from '../../features/public/SearchForm.tsx';
import { usePageTitle } from '../../shell/page-title.ts';
import '../../features/public/public.css';

const WAYS_IN = [
  { to: '/lists/red', title: '红名单', text: '守信激励对象：诚信示范企业、诚实守信模范等（A5）' },
  { to: '/lists/black', title: '黑名单', text: '严重失信主体名单：列入事由、认定单位和移出日期（A6、A12）' },
  {
    to: '/repair-notices',
    title: '信用修复公示',
    text: '正在公示的信用修复意见；公示期间任何人可提出异议（A19、B32）',
  },
  { to: '/policy', title: '信用规则', text: '现行的有效期、异议和修复期限、公示期限和联合奖惩措施' },
  { to: '/verify', title: '信用报告核验', text: '凭报告上印的报告编号和校验码核验信用报告的真伪' },
] as const;

export default function HomePage() {
  usePageTitle();
  return (
    <>
      <section className="home-hero" aria-labelledby="home-title">
        <h1 id="home-title" className="home-title">
          信用淮安
        </h1>
        <p className="home-lead">
          查询企业和组织公示的信用信息：行政许可、行政处罚、守信红名单和失信黑名单。
        </p>
        <div className="home-search">
          <SearchForm />
        </div>
        <p className="home-about">
          信用淮安是淮安市公共信用信息平台的公示窗口：各部门依法归集的社会公开信用信息在这里公示，查询无需登录、不收费。自然人的信息只在列入黑名单期间公示，且姓名和身份号码部分隐去。
        </p>
      </section>
      <nav className="home-links" aria-labelledby="home-links-title">
        <h2 id="home-links-title" className="section-title">
          公示与服务
        </h2>
        <ul>
          {WAYS_IN.map((way) => (
            <li key={way.to}>
              <Link to={way.to}>
                <strong>{way.title}</strong>
                <span>{way.text}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
