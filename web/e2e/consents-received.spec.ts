/**
 * Consents from both sides (B21, B24; decision 0042), on a desktop and on a phone: demo.person is told
 * truthfully what a consent opens for a person (A7), grants demo.company one item — the company's code
 * pasted with spaces — and sees the last day as chosen; demo.company finds it under 我收到的授权, reads
 * the person's record under it, and demo.person sees that read under 谁查询了. axe-core and 375 px.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-password.ts';
import { expectAccessible } from './support/a11y.ts';
import { expectNoHorizontalOverflow } from './support/layout.ts';
import { watchPageErrors } from './support/page-errors.ts';

/** demo.person's item of scope 授权查询 (src/modules/demo/demo-subject-file.loader.ts) */
const ITEM = '志愿服务信息';

async function checkPage(page: Page) {
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);
}

async function signIn(page: Page, login: string, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByRole('textbox', { name: '账号' }).fill(login);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(next);
}

async function companyPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await signIn(page, 'demo.company', '/me/consents/received');
  const subject = (await (await page.request.get('/api/v1/me/subject')).json()) as {
    code: string;
    name: string;
  };
  return { page, subject, close: () => context.close() };
}

test('B21, B24, A7: demo.person grants demo.company an item, demo.company reads it under 我收到的授权, demo.person sees the read', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const errors = watchPageErrors(page);
  const purpose = `核实合作方信用（${testInfo.project.name}）`;
  const company = await companyPage(browser, baseURL);

  // demo.person: what a consent opens, told truthfully for a person
  await signIn(page, 'demo.person', '/me');
  await expect(page.getByRole('heading', { level: 1, name: '我的信用' })).toBeVisible();
  await expect(page.getByText('任何人可在本网站查询')).toHaveCount(0);
  await page.goto('/me/consents');
  await expect(page.getByText(/您的信用信息不向社会公开/)).toBeVisible();
  await expect(page.getByText(/任何人都可/)).toHaveCount(0);

  await page.getByRole('radio', { name: '交易对方（单位或个人）' }).check();
  const spaced = company.subject.code.replace(/(.{4})(?=.)/g, '$1 ');
  const code = page.getByLabel('对方的统一社会信用代码或身份证号');
  await code.fill(spaced);
  await expect(code, 'a code pasted with spaces is kept whole').toHaveValue(spaced);
  await page.getByRole('radio', { name: '指定的信息项' }).check();
  await page.getByRole('checkbox', { name: ITEM }).check();
  await page.getByLabel('用途').fill(purpose);
  const until = page.getByLabel('授权截止日期（含当日）');
  const last = await until.getAttribute('max');
  expect(last).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await until.fill(last!);
  await page.getByRole('button', { name: '授权', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(`有效至 ${last}（含当日）`);
  const given = page
    .getByRole('list', { name: '有效的授权' })
    .getByRole('listitem')
    .filter({ hasText: purpose });
  await expect(given.getByText(`${last}（含当日）`)).toBeVisible();
  await checkPage(page);

  // demo.company: the consent under 我收到的授权, and 查询 under it
  const other = company.page;
  await other.reload();
  await expect(other.getByRole('heading', { level: 1, name: '授权管理' })).toBeVisible();
  await expect(
    other.getByRole('navigation', { name: '授权' }).getByRole('link', { name: '我收到的授权' }),
  ).toHaveAttribute('aria-current', 'page');
  const received = other
    .getByRole('list', { name: '收到的有效授权' })
    .getByRole('listitem')
    .filter({ hasText: purpose });
  await expect(received.getByText(ITEM)).toBeVisible();
  await expect(received.getByText(`${last}（含当日）`)).toBeVisible();
  await checkPage(other);
  await received.getByRole('button', { name: /^查\s?询/ }).click();
  const result = other.getByRole('region', { name: /^依授权查询的结果/ });
  await expect(result.getByRole('heading', { level: 3, name: ITEM })).toBeVisible();
  await expect(result.getByText('依对方给您的授权查询（B21、B24）').first()).toBeVisible();
  await checkPage(other);
  await company.close();

  // demo.person: the read, under 谁查询了
  await page.reload();
  await given.getByRole('link', { name: /谁查询了/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '授权查询记录' })).toBeVisible();
  await expect(page.getByText(company.subject.name).first()).toBeVisible();
  await expect(page.getByText(purpose).first()).toBeVisible();
  await checkPage(page);
  expect(errors).toEqual([]);
});
