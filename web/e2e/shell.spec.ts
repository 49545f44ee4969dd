/**
 * The portal's frame, as a newcomer meets it on a desktop and on a phone (issue 17): the home page in
 * Chinese with the demo banner and the anti-fraud notice, a search made with the keyboard alone, the
 * 长辈版, and a link to a page that does not exist. Each page is checked with axe-core and at 375 px.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { expectNoHorizontalOverflow } from './support/layout.ts';
import { watchPageErrors } from './support/page-errors.ts';

test('issue 17, issue 14 §1: the home page opens in Chinese, says it is a demo and warns of repair fraud', async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  await page.goto('/');
  await expect(page).toHaveTitle('信用淮安');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '信用淮安' })).toBeVisible();
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('alert').filter({ hasText: '演示环境' })).toBeVisible();
  await expect(page.getByText('信用修复免费，谨防诈骗')).toBeVisible();
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const name of ['首页', '红黑名单', '修复公示', '政策', '报告核验', '登录']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: '首页' })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);
  expect(errors, 'no script error, console error or CSP violation').toEqual([]);
});

test('issue 17: a person searches from the home page with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '信用淮安' })).toBeVisible();
  // The first Tab reaches the skip link; following it lands in the page, and the next Tab in the search box.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const box = page.getByRole('textbox', { name: '企业名称或统一社会信用代码' });
  await expect(box).toBeFocused();
  // An empty search is answered with what to type, where the person is.
  await page.keyboard.press('Enter');
  await expect(page.getByText('请输入要查询的名称或代码')).toBeVisible();
  expect(new URL(page.url()).pathname, 'still on the home page').toBe('/');
  await page.keyboard.type('淮安 建设');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`/search?q=${encodeURIComponent('淮安 建设')}`);
});

test('issue 17: 长辈版 enlarges the type, raises the contrast and holds across visits, from the keyboard', async ({
  page,
}) => {
  await page.goto('/');
  const lead = page.locator('.home-lead');
  const fontSize = async () => Number.parseFloat(await lead.evaluate((el) => getComputedStyle(el).fontSize));
  const standard = await fontSize();
  const toggle = page.getByRole('switch', { name: '长辈版' });
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  // Reached with Tab like everything else.
  for (let i = 0; i < 20 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await expect(page.locator('html')).toHaveClass(/\belder\b/);
  expect(await fontSize()).toBeGreaterThanOrEqual(standard * 1.2);
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);

  await page.reload();
  await expect(page.getByRole('switch', { name: '长辈版' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.locator('html')).toHaveClass(/\belder\b/);

  await page.getByRole('switch', { name: '长辈版' }).focus();
  await page.keyboard.press('Space');
  await expect(page.locator('html')).not.toHaveClass(/\belder\b/);
  expect(await fontSize()).toBe(standard);
});

test('issue 17: a link to a page that does not exist opens the app with 页面不存在 and a way home', async ({
  page,
}) => {
  const response = await page.goto('/no-such-page?from=link');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
  await expect(page).toHaveTitle('页面不存在 - 信用淮安');
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);
  await page.getByRole('button', { name: '回到首页' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: '信用淮安' })).toBeVisible();
});
