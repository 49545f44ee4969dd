/**
 * Issue 17's acceptance, as a newcomer walks it on a desktop and on a phone, against the demo city the
 * test platform loads (src/modules/demo): the home page → a demo company found by part of its name →
 * its page with the penalties and list entries grouped and counted → the black list filtered, paged
 * and exported → the repair notices, where an objection is filed → a report number that was never
 * issued. Every page: axe-core (no serious or critical finding), no sideways scrolling at 375 px, no
 * script or console error.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { expectNoHorizontalOverflow } from './support/layout.ts';
import { watchPageErrors } from './support/page-errors.ts';

/** A demo company (deterministic: the demo generator's seed), black-listed, with a licence and a penalty. */
const COMPANY = { part: '兴德农业', name: '淮安市兴德农业投资集团有限公司' };

/** A 404 the page itself asks for and explains (the browser logs any 404 as a console error). */
const expected404 = (error: string) => /status of 404/.test(error);

async function checkPage(page: Page) {
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);
}

const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });

test('issue 17, A9, B18, C §6(3): a newcomer finds a demo company by part of its name and reads its page — penalties and list entries grouped with their counts', async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  await page.goto('/');
  await page.getByRole('textbox', { name: '企业名称或统一社会信用代码' }).fill(COMPANY.part);
  await page.getByRole('button', { name: /^查\s?询$/ }).click();
  await expect(page).toHaveURL(`/search?q=${encodeURIComponent(COMPANY.part)}`);
  await expect(page).toHaveTitle(`查询：${COMPANY.part} - 信用淮安`);
  const result = page.getByRole('listitem').filter({ hasText: COMPANY.name });
  await expect(result.getByText(/黑名单 1 条/)).toBeVisible();
  await checkPage(page);

  await result.getByRole('link', { name: COMPANY.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: COMPANY.name })).toBeVisible();
  await expect(page).toHaveTitle(`${COMPANY.name} - 信用淮安`);
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  // the counts on top and in each group's heading are the API's
  const code = page.url().split('/subjects/')[1]!;
  const profile = await (await page.request.get(`/api/v1/public/subjects/${code}/profile`)).json();
  const groups = page.getByRole('navigation', { name: '信息分类及条数' });
  for (const group of profile.groups as { group: string; label: { zh: string } }[]) {
    const count = profile.counts[group.group] as number;
    await expect(groups.getByRole('link', { name: `${group.label.zh} ${count} 条` })).toBeVisible();
    await expect(
      page.getByRole('heading', { level: 2, name: `${group.label.zh}（${count}）` }),
    ).toBeVisible();
  }
  expect(profile.counts.penalties).toBeGreaterThan(0);
  expect(profile.counts.black).toBeGreaterThan(0);
  const penalties = page.getByRole('region', { name: /^行政处罚/ });
  await expect(penalties.getByText('处罚决定日期')).toBeVisible();
  await expect(penalties.getByText('信息提供单位').first()).toBeVisible();
  await expect(penalties.getByText(/B12\(9\)/)).toBeVisible();
  const black = page.getByRole('region', { name: /^严重失信主体名单/ });
  await expect(black.getByText('黑名单（法人和其他组织）')).toBeVisible();
  await expect(black.getByText('失信信息有效期截止')).toBeVisible();
  // 基础信息: the registration as the registration authority pushed it (B10(2))
  const basic = page.getByRole('region', { name: /^基础信息/ });
  await expect(basic.getByText('登记注册信息')).toBeVisible();
  await expect(basic.getByText('登记机关')).toBeVisible();
  await expect(page.getByRole('region', { name: '其他（0）' }).getByText('查询期内无相关信息')).toBeVisible();
  await expect(page.getByText('信用修复免费，', { exact: false }).first()).toBeVisible();
  // a count is a link to its group
  await groups.getByRole('link', { name: /^行政处罚/ }).click();
  await expect(page).toHaveURL(/#group-penalties$/);
  await checkPage(page);
  expect(errors).toEqual([]);
});

test('issue 17, A7, A12: the black list is filtered by department, paged by the server with the page in the URL, and exported as CSV with the same filter', async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  await page.goto('/');
  await nav(page).getByRole('link', { name: '红黑名单' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '红黑名单' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: '名单' }).getByRole('link', { name: '黑名单' }),
  ).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveTitle('黑名单 - 信用淮安');
  const all = await (await page.request.get('/api/v1/public/lists/black?pageSize=20')).json();
  expect(all.total, 'the demo black list spans two pages').toBeGreaterThan(20);
  await expect(page.getByText(`共 ${all.total} 条，信息截至`)).toBeVisible();
  await checkPage(page);

  // page 2, by the pager; the URL holds it, so a link (or a reload) opens the same page
  // a phone's pager has buttons of its own (PhonePager); the table's is antd's
  const phonePager = (page.viewportSize()?.width ?? 0) < 768;
  await (phonePager ? page.getByRole('button', { name: '下一页' }) : page.getByTitle('下一页')).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  const second = await (await page.request.get('/api/v1/public/lists/black?page=2&pageSize=20')).json();
  const firstOnPage2 = second.entries[0].subject.name as string;
  await expect(page.getByRole('link', { name: firstOnPage2, exact: true }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: firstOnPage2, exact: true }).first()).toBeVisible();

  // filtered by department: the courts' judgment debtors (persons, masked)
  const phone = (page.viewportSize()?.width ?? 0) < 768;
  if (phone) await page.getByText('筛选条件').click();
  // typed and chosen with Enter, as with the keyboard alone
  await page.getByRole('combobox', { name: '提供单位' }).fill('中级人民法院');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /^查\s?询$/ }).click();
  await expect(page).toHaveURL(/[?&]department=HA-FY/);
  await expect(page).not.toHaveURL(/[?&]page=/);
  const courts = await (await page.request.get('/api/v1/public/lists/black?department=HA-FY')).json();
  expect(courts.total).toBeGreaterThan(0);
  await expect(page.getByText(`共 ${courts.total} 条，信息截至`)).toBeVisible();
  await expect(page.getByText(/\*\*/).first()).toBeVisible(); // persons masked (A7)
  await checkPage(page);

  // the export carries the same filter
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: '导出 CSV' }).click();
  const download = await downloading;
  expect(download.url()).toContain('department=HA-FY');
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const rows = csv.trim().split(/\r?\n/);
  expect(rows[0]).toContain('列入事由');
  expect(rows.length, 'a header and one row per entry').toBe(courts.total + 1);
  expect(csv).toContain('淮安市中级人民法院');
  expect(errors).toEqual([]);
});

test('issue 17, A19, B32: the repair notices show the demo notice with its end date; anyone objects to it, told what the form needs and what happens next', async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  await page.goto('/');
  await nav(page).getByRole('link', { name: '修复公示' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '信用修复公示' })).toBeVisible();
  const answer = await (await page.request.get('/api/v1/public/repair-notices')).json();
  expect(answer.total, 'the demo loads one repair under notice').toBeGreaterThan(0);
  const notice = answer.notices[0];
  const card = page.getByRole('listitem').filter({ hasText: notice.subjectName });
  await expect(card.getByText(`${notice.from} 至 ${notice.until}`)).toBeVisible();
  await expect(card.getByText(notice.providerName)).toBeVisible();
  await expect(card.getByText(/^同意修复/)).toBeVisible();
  await expect(page.getByText(answer.free.zh)).toBeVisible();
  await checkPage(page);

  await card.getByRole('button', { name: '我要提出异议' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: '异议的事实和理由' })).toBeVisible();
  await checkPage(page);
  await dialog.getByRole('button', { name: '提交异议' }).click();
  await expect(dialog.getByText('请填写异议的事实和理由')).toBeVisible();
  await dialog.getByRole('textbox', { name: '异议的事实和理由' }).fill('太短');
  await dialog.getByRole('button', { name: '提交异议' }).click();
  await expect(dialog.getByText('异议的事实和理由至少 5 个字')).toBeVisible();
  await dialog
    .getByRole('textbox', { name: '异议的事实和理由' })
    .fill('该单位上月仍有欠缴税款的情况，整改并未完成（浏览器测试）');
  await dialog.getByRole('textbox', { name: '姓名或单位名称' }).fill('王五');
  await dialog.getByRole('button', { name: '提交异议' }).click();
  await expect(dialog.getByRole('heading', { name: '异议已提交' })).toBeVisible();
  await expect(dialog.getByText(/您的异议已提交信用中心/)).toBeVisible();
  await expect(dialog.getByText(`公示截止：${notice.until}`)).toBeVisible();
  await checkPage(page);
  await dialog.getByRole('button', { name: '返回公示列表' }).click();
  await expect(dialog).toBeHidden();
  expect(errors).toEqual([]);
});

test('issue 17, C §5(3): a report number that was never issued is answered 未查到, in the platform’s words', async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  await page.goto('/');
  await nav(page).getByRole('link', { name: '报告核验' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '信用报告核验' })).toBeVisible();
  await page.getByRole('button', { name: /^核\s?验$/ }).click();
  await expect(page.getByText('请输入报告编号')).toBeVisible();
  await page.getByRole('textbox', { name: '报告编号' }).fill('XYBG-2026-999999');
  await page.getByRole('textbox', { name: '校验码' }).fill('K7Q2M9A');
  await page.getByRole('button', { name: /^核\s?验$/ }).click();
  await expect(page).toHaveURL(/[?&]no=XYBG-2026-999999/);
  await expect(page.getByText('未查到该报告')).toBeVisible();
  await expect(page.getByText(/没有查到这份信用报告/)).toBeVisible();
  await checkPage(page);
  expect(errors.filter((e) => !expected404(e))).toEqual([]);
});
