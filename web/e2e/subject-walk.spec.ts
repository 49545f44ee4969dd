/**
 * The subject's walk (issue 17: "a subject's walk through login → records → consent → objection
 * filed"), on a desktop and on a phone, against the demo platform: demo.person signs in from a page
 * under /me, reads their records, grants a consent to a department and revokes it, files an objection
 * with an evidence PDF and follows it on the timeline with its deadline, and finds the receipt in 消息.
 * Every page reached is checked with axe-core and at 375 px.
 */
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-password.ts';
import { expectAccessible } from './support/a11y.ts';
import { expectNoHorizontalOverflow } from './support/layout.ts';
import { watchPageErrors } from './support/page-errors.ts';

const EVIDENCE_PDF = path.join(import.meta.dirname, 'fixtures', 'evidence.pdf');
/** The record each project objects to (src/modules/demo/demo-subject-file.loader.ts): both run against
 * one demo platform, and a record has one open procedure at a time. */
const OBJECTED = { desktop: '欠缴税款信息', phone: '志愿服务信息' } as const;

async function checkPage(page: Page) {
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);
}

test('issue 17, B20, B21, A15–A16: demo.person signs in, reads their records, grants and revokes a consent, and files an objection with evidence', async ({
  page,
}) => {
  const errors = watchPageErrors(page);

  // A signed-out visit to a page of one's own goes to the sign-in page, and comes back after it.
  await page.goto('/me/consents');
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent('/me/consents')}`);
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
  await expect(page).toHaveTitle('登录 - 信用淮安');
  await checkPage(page);

  // A wrong password gets the server's one answer, in its words.
  await page.getByRole('textbox', { name: '账号' }).fill('demo.person');
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '账号、密码或动态验证码错误' })).toBeVisible();
  await checkPage(page);

  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL('/me/consents');
  await expect(page.getByRole('heading', { level: 1, name: '授权管理' })).toBeVisible();

  // 我的信用: the subject, code masked until asked, and every record with scope, state and provider.
  await page
    .getByRole('navigation', { name: '我的信用服务' })
    .getByRole('link', { name: '我的信用' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '我的信用' })).toBeVisible();
  await expect(page).toHaveTitle('我的信用 - 信用淮安');
  const records = page.getByRole('list', { name: '信用记录' }).getByRole('listitem');
  await expect(records.filter({ hasText: '行政处罚信息（一般程序）' }).first()).toBeVisible();
  await expect(records.filter({ hasText: '欠缴税款信息' })).toBeVisible();
  await expect(
    records.filter({ hasText: '志愿服务信息' }).getByText('授权查询', { exact: true }),
  ).toBeVisible();
  await expect(
    records.filter({ hasText: '欠缴社会保险费信息' }).getByText('政务共享', { exact: true }),
  ).toBeVisible();
  await expect(
    records
      .filter({ hasText: '行政处罚信息（一般程序）' })
      .filter({ has: page.getByText('已过有效期', { exact: true }) }),
  ).toHaveCount(1);
  await expect(records.first().getByText('本人查询（B20')).toBeVisible();
  const reveal = page.getByRole('button', { name: '显示完整号码' });
  await expect(reveal).toHaveAttribute('aria-pressed', 'false');
  await checkPage(page);

  // Filtered by state, in the URL: the 2025 penalty, past its year (B27), and none of the current ones.
  await page.getByLabel('状态').selectOption({ label: '已过有效期或已终止' });
  await expect(page).toHaveURL(/state=ended/);
  await expect(records.filter({ hasText: '红名单（自然人）' })).toHaveCount(0);
  await expect(records.filter({ hasText: '行政处罚信息（一般程序）' })).toHaveCount(1);
  await expect(records.first().getByText('已过有效期', { exact: true })).toBeVisible();
  await page.goto('/me');

  // 授权管理: a consent to a department, every item, until the last day the policy allows; then revoked.
  await page
    .getByRole('navigation', { name: '我的信用服务' })
    .getByRole('link', { name: '授权管理' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '授权管理' })).toBeVisible();
  // The department picker, with the keyboard: type part of the name, Enter takes the first match.
  const picker = page.getByLabel('被授权部门');
  await picker.fill('住房和城乡');
  await picker.press('Enter');
  await expect(page.locator('.grant-form .ant-select-content')).toHaveText('淮安市住房和城乡建设局');
  await page.getByLabel('用途').fill('申请公租房资格审查');
  const until = page.getByLabel('授权截止日期（含当日）');
  const last = await until.getAttribute('max');
  expect(last, 'the window comes from the API').toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await until.fill(last!);
  await page.getByRole('button', { name: '授权', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '已授权给“淮安市住房和城乡建设局”' }),
  ).toBeVisible();
  const live = page.getByRole('list', { name: '有效的授权' }).getByRole('listitem');
  const consent = live.filter({ hasText: '申请公租房资格审查' }).first();
  await expect(consent.getByText('我的全部信息')).toBeVisible();
  await checkPage(page);

  await consent.getByRole('link', { name: /谁查询了/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '授权查询记录' })).toBeVisible();
  await expect(page.getByText('尚无人依此授权查询您的信息')).toBeVisible();
  await checkPage(page);
  await page.getByRole('link', { name: '返回授权管理' }).click();

  const revocable = page
    .getByRole('list', { name: '有效的授权' })
    .getByRole('listitem')
    .filter({ hasText: '申请公租房资格审查' })
    .first();
  await revocable.getByRole('button', { name: /撤回/ }).click();
  await page.getByRole('button', { name: '撤回授权' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已撤回授权' })).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: '已撤回或到期的授权' })
      .getByRole('listitem')
      .filter({ hasText: '已撤回' })
      .first(),
  ).toBeVisible();

  // An objection to one of my records, from the record, with an evidence PDF.
  const target = OBJECTED[test.info().project.name as keyof typeof OBJECTED];
  await page
    .getByRole('navigation', { name: '我的信用服务' })
    .getByRole('link', { name: '我的信用' })
    .click();
  await page
    .getByRole('list', { name: '信用记录' })
    .getByRole('listitem')
    .filter({ hasText: target })
    .getByRole('link', { name: /^提出异议/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '提出异议' })).toBeVisible();
  await expect(page).toHaveURL(/\/me\/objections\/new\?record=/);
  await expect(page.getByText('10 个工作日内审核')).toBeVisible();
  // Submitting empty says what is missing, where it is missing.
  await page.getByRole('button', { name: '提交异议' }).click();
  await expect(page.getByText('请选择异议理由')).toBeVisible();
  await page.getByRole('radio', { name: /信息有误或不完整/ }).check();
  await page.getByLabel('异议说明').fill('该笔款项已于 2026 年 11 月 20 日缴清，记录未反映（演示）。');
  await expect(page.getByText(/PDF 文件、JPEG 图片、PNG 图片、OFD 版式文件，每个不超过 10 MB/)).toBeVisible();
  await page.getByLabel('证据材料（可选）').setInputFiles(EVIDENCE_PDF);
  await expect(page.getByRole('list', { name: '已选择的文件' }).getByText('evidence.pdf')).toBeVisible();
  await checkPage(page);
  await page.getByRole('button', { name: '提交异议' }).click();

  // The receipt: the objection's timeline with the review's working-day deadline and how it stands.
  await expect(page.getByRole('heading', { level: 1, name: '异议进度' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '异议已提交' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: /信用中心审核/ })).toBeVisible();
  await expect(page.getByText(/期限：\d{4}-\d{2}-\d{2}（工作日计算）/).first()).toBeVisible();
  await expect(
    page
      .locator('.procedure-timeline .status-tag')
      .filter({ hasText: /还有 \d+ 个工作日|今天（.*）到期/ })
      .first(),
  ).toBeVisible();
  await expect(
    page.getByRole('list', { name: '已提交的文件' }).getByRole('link', { name: 'evidence.pdf' }),
  ).toBeVisible();
  await expect(page.locator('.procedure-summary').getByText('信用中心审核中')).toBeVisible();
  await checkPage(page);

  // The record now says it is under objection, and links here.
  await page
    .getByRole('navigation', { name: '我的信用服务' })
    .getByRole('link', { name: '我的信用' })
    .click();
  const objected = page
    .getByRole('list', { name: '信用记录' })
    .getByRole('listitem')
    .filter({ hasText: target });
  await expect(objected.getByText('异议处理中')).toBeVisible();
  await expect(objected.getByRole('link', { name: '查看异议进度' })).toBeVisible();

  // 消息: the receipt, unread and counted in the header, then marked read.
  const header = page.getByRole('navigation', { name: '主导航' });
  await expect(header.getByRole('link', { name: /消息\s*（\d+ 条未读）/ })).toBeVisible();
  await header.getByRole('link', { name: /消息/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '消息' })).toBeVisible();
  const unread = page.getByRole('list', { name: '未读消息' }).getByRole('listitem');
  await expect(unread.first()).toBeVisible();
  await checkPage(page);
  const before = await unread.count();
  await unread
    .first()
    .getByRole('button', { name: /标为已读/ })
    .click();
  await expect(unread).toHaveCount(before - 1);

  // 退出: the session ends, and /me asks to sign in again.
  await header.getByRole('button', { name: '退出' }).click();
  await expect(header.getByRole('link', { name: '登录' })).toBeVisible();
  await page.goto('/me');
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent('/me')}`);
  // The browser logs the refused sign-in (401) as a failed resource; nothing else may fail.
  const refused = errors.filter((e) => e.includes('status of 401'));
  expect(refused, 'only the wrong password was refused').toHaveLength(1);
  expect(
    errors.filter((e) => !refused.includes(e)),
    'no script error, console error or CSP violation',
  ).toEqual([]);
});
