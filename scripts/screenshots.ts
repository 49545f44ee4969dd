/**
 * `npm run screenshots` (issue 17): starts a demo platform of its own (scripts/demo-server.ts; the web
 * build is made first if stale) and saves PNGs of the main pages, on a desktop (1280 px) and on a phone
 * (375 px), to docs/screenshots/ for the README. Commit what it writes.
 *
 * The pages are the list below: a page's author adds it there (with `signIn` for a subject's pages).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { DEMO_PASSWORD } from '../src/modules/demo/demo.loader.ts';
import { CHROMIUM } from './browser-tests.ts';
import { startDemoServer } from './demo-server.ts';
import { buildWebIfStale } from './web-build.ts';

export type ScreenshotPage = {
  /** the file name's stem: docs/screenshots/<name>-desktop.png, <name>-phone.png */
  name: string;
  path: string;
  /** the level-1 heading that says the page is ready */
  heading: string;
  /** a demo account to sign in as first (DEMO_ACCOUNTS), for a subject's pages */
  signIn?: string;
};

export const SCREENSHOT_PAGES: ScreenshotPage[] = [
  { name: 'home', path: '/', heading: '信用淮安' },
  { name: 'login', path: '/login', heading: '登录' },
  { name: 'me', path: '/me', heading: '我的信用', signIn: 'demo.person' },
  { name: 'me-consents', path: '/me/consents', heading: '授权管理', signIn: 'demo.person' },
  {
    name: 'me-consents-received',
    path: '/me/consents/received',
    heading: '授权管理',
    signIn: 'demo.company',
  },
  { name: 'me-objections', path: '/me/objections', heading: '异议', signIn: 'demo.person' },
  { name: 'me-repairs', path: '/me/repairs', heading: '信用修复', signIn: 'demo.person' },
  { name: 'me-inbox', path: '/me/inbox', heading: '消息', signIn: 'demo.person' },
  { name: 'search', path: `/search?q=${encodeURIComponent('兴德农业')}`, heading: '信用信息查询' },
  { name: 'subject', path: '/subjects/91320800131673061M', heading: '淮安市兴德农业投资集团有限公司' },
  { name: 'lists', path: '/lists/black', heading: '红黑名单' },
  { name: 'repair-notices', path: '/repair-notices', heading: '信用修复公示' },
  { name: 'policy', path: '/policy', heading: '信用规则' },
  { name: 'verify', path: '/verify', heading: '信用报告核验' },
];

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
} as const;

const OUT = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');

async function shoot(browser: Browser, baseURL: string, page: ScreenshotPage): Promise<string[]> {
  const written: string[] = [];
  for (const [device, options] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({
      ...options,
      baseURL,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    try {
      if (page.signIn) {
        const res = await context.request.post('/api/v1/auth/login', {
          data: { login: page.signIn, password: DEMO_PASSWORD },
        });
        if (!res.ok()) throw new Error(`signing in as ${page.signIn}: ${res.status()} ${await res.text()}`);
      }
      const tab = await context.newPage();
      await tab.goto(page.path);
      await tab.getByRole('heading', { level: 1, name: page.heading }).waitFor();
      await tab.waitForLoadState('networkidle');
      await tab.evaluate('document.fonts.ready.then(() => true)'); // (a string: no DOM types here)
      const file = path.join(OUT, `${page.name}-${device}.png`);
      await tab.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
      written.push(path.relative(process.cwd(), file));
    } finally {
      await context.close();
    }
  }
  return written;
}

if (import.meta.main) {
  await buildWebIfStale();
  mkdirSync(OUT, { recursive: true });
  const server = await startDemoServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    for (const page of SCREENSHOT_PAGES) {
      for (const file of await shoot(browser, server.url, page)) console.log(`✔ ${file}`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}
