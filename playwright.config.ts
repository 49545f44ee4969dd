/**
 * Browser tests (issue 17): web/e2e, on Debian's Chromium (no browser download is possible here), as a
 * desktop and as a 375 px phone. The global setup builds the web application if stale and starts a demo
 * platform of its own (scripts/demo-server.ts); `npm test` runs them after the node suites.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './scripts/browser-tests.ts';

export default defineConfig({
  testDir: 'web/e2e',
  outputDir: 'test-results',
  globalSetup: './web/e2e/support/global-setup.ts',
  // Tests are deterministic: a failure is a failure, never retried away.
  retries: 0,
  forbidOnly: !!process.env.CI,
  // The 2-core machine runs the platform and the browser too.
  workers: 1,
  timeout: 60_000,
  use: {
    // set by the global setup once the platform listens
    baseURL: process.env.XINYONG_E2E_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
    { name: 'phone', use: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } },
  ],
});
