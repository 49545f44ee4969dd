/**
 * The subject's other pages (issue 17): applying for credit repair from the eligibility explained rule
 * by rule, through the signed 信用承诺书, to the repair's timeline; registration where a verifier is
 * configured; the 长辈版 on one's own pages. Each page is checked with axe-core and at 375 px.
 */
import path from 'node:path';
import { expect, type Page, request, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-password.ts';
import { expectAccessible } from './support/a11y.ts';
import { expectNoHorizontalOverflow } from './support/layout.ts';
import { watchPageErrors } from './support/page-errors.ts';

const EVIDENCE_PDF = path.join(import.meta.dirname, 'fixtures', 'evidence.pdf');
/**
 * The record each project applies to repair (src/modules/demo/demo-subject-file.loader.ts: 较重,
 * never published, so repairable once a correction date is stated): one application per record.
 */
const REPAIRED = { desktop: '欠缴社会保险费信息', phone: '拖欠工资信息' } as const;

async function checkPage(page: Page) {
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);
}

async function signIn(page: Page, login = 'demo.person') {
  const res = await page.request.post('/api/v1/auth/login', { data: { login, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
}

test('issue 17, A18–A19, B31–B32: a subject applies for credit repair from the eligibility, signs the commitment and follows the repair', async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  await signIn(page);
  const target = REPAIRED[test.info().project.name as keyof typeof REPAIRED];

  // The public penalty: the rule says what is not yet met, and from when.
  await page.goto('/me');
  const records = page.getByRole('list', { name: '信用记录' }).getByRole('listitem');
  await records
    .filter({ hasText: '行政处罚信息（一般程序）' })
    .getByRole('link', { name: /^申请信用修复/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '申请信用修复' })).toBeVisible();
  await expect(page).toHaveTitle('申请信用修复 - 信用淮安');
  await expect(page.getByRole('alert').filter({ hasText: '信用修复免费' }).first()).toBeVisible();
  const conditions = page.getByRole('list', { name: '修复条件逐条说明' }).getByRole('listitem');
  await expect(conditions.filter({ hasText: 'B31(1)' }).first()).toBeVisible();
  await expect(conditions.filter({ hasText: '尚未满足' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: '签署承诺并提交申请' })).toHaveCount(0);
  await checkPage(page);

  // A record that may be repaired once its correction is dated.
  await page.goto('/me');
  await records
    .filter({ hasText: target })
    .getByRole('link', { name: /^申请信用修复/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '申请信用修复' })).toBeVisible();
  await expect(conditions.first()).toBeVisible();
  const corrected = page.getByLabel('纠正失信行为的日期');
  const today = await corrected.getAttribute('max');
  expect(today, "the server's application date").toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await corrected.fill(today!);
  await page.getByRole('button', { name: '按填写的内容重新检查' }).click();
  await expect(page.getByText('可以申请，部分条件由提供单位判断（适用 B31）')).toBeVisible();
  await expect(conditions.filter({ hasText: '待提供单位判断' }).first()).toBeVisible();

  // The commitment in full, the "I commit" box, the proof and its file.
  await expect(page.getByRole('heading', { level: 2, name: '信用承诺书' })).toBeVisible();
  await expect(page.locator('.commitment-text')).toContainText('承诺');
  await page.getByRole('button', { name: '签署承诺并提交申请' }).click();
  await expect(page.getByText('请阅读并勾选信用承诺')).toBeVisible();
  await page.getByRole('checkbox', { name: /我已阅读上述信用承诺书/ }).check();
  await page.getByLabel('证明说明').fill('已补缴全部欠款，缴款凭证号 2026-HA-00123（演示）');
  await page.getByLabel('证明材料（可选）').setInputFiles(EVIDENCE_PDF);
  await checkPage(page);
  await page.getByRole('button', { name: '签署承诺并提交申请' }).click();

  // The repair's page: its timeline with the provider's opinion due, the file, free of charge.
  await expect(page.getByRole('heading', { level: 1, name: '信用修复进度' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '信用修复申请已提交' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: '信用修复免费' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: /提供单位出具修复意见/ })).toBeVisible();
  await expect(page.getByText(/期限：\d{4}-\d{2}-\d{2}（工作日计算）/).first()).toBeVisible();
  await expect(
    page.getByRole('list', { name: '已提交的文件' }).getByRole('link', { name: 'evidence.pdf' }),
  ).toBeVisible();
  await checkPage(page);

  // Listed under 信用修复, and the record says it is being repaired.
  await page
    .getByRole('navigation', { name: '我的信用服务' })
    .getByRole('link', { name: '信用修复' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '信用修复' })).toBeVisible();
  await expect(
    page.getByRole('list', { name: '我的信用修复申请' }).getByRole('link', { name: `修复“${target}”` }),
  ).toBeVisible();
  await checkPage(page);
  await page.goto('/me');
  await expect(records.filter({ hasText: target }).getByText('信用修复中')).toBeVisible();
  expect(errors).toEqual([]);
});

/** The record each project objects to before the center rejects it: `[item, state]` as the API names them. */
const APPEALED = { desktop: ['redlist-person', 'current'], phone: ['admin-penalty', 'expired'] } as const;

test('issue 17, A16–A17, B30: a rejected objection shows its outcome with reasons, and the subject appeals from its page', async ({
  page,
  baseURL,
}) => {
  const errors = watchPageErrors(page);
  await signIn(page);
  const [item, state] = APPEALED[test.info().project.name as keyof typeof APPEALED];
  const mine = (await (await page.request.get('/api/v1/me/records')).json()) as {
    records: { id: string; item: string; state: string }[];
  };
  const record = mine.records.find((r) => r.item === item && r.state === state)!;
  const filed = await page.request.post('/api/v1/me/objections', {
    headers: { 'x-csrf-token': await csrfOf(page) },
    data: { recordId: record.id, ground: 'wrong_or_incomplete', explanation: '记录的认定日期有误（演示）' },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const { id } = (await filed.json()) as { id: string };

  // The credit center decides: not upheld, with its reasons (A16).
  const center = await request.newContext({ baseURL });
  const login = await center.post('/api/v1/auth/login', {
    data: { login: 'demo.center', password: DEMO_PASSWORD },
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const decided = await center.post(`/api/v1/objections/${id}/steps`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { kind: 'decided', outcome: 'rejected', reasons: '经核对原始文书，认定日期无误。' },
  });
  expect(decided.ok(), await decided.text()).toBe(true);
  await center.dispose();

  await page.goto(`/me/objections/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: '异议进度' })).toBeVisible();
  await expect(page.locator('.procedure-summary').getByText('异议不成立，信息维持')).toBeVisible();
  await expect(page.getByText('审核结果（')).toContainText('经核对原始文书，认定日期无误。');
  await checkPage(page);

  await page.getByRole('button', { name: '申诉', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '向市信用办申诉' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: '提交申诉' })).toBeDisabled();
  await dialog.getByLabel(/申诉理由/).fill('原始文书载明的日期与记录不一致，请复核（演示）。');
  // checked once the button has turned from disabled to the primary colour (antd animates it)
  await expect(dialog.getByRole('button', { name: '提交申诉' })).toHaveCSS(
    'background-color',
    'rgb(9, 88, 217)',
  );
  await expectAccessible(page);
  await dialog.getByRole('button', { name: '提交申诉' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.procedure-summary').getByText('已申诉，信用办处理中')).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: /信用办处理申诉/ })).toBeVisible();
  await expect(page.getByText('规定未设期限')).toBeVisible();
  await expect(page.getByRole('button', { name: '申诉', exact: true })).toHaveCount(0);
  await checkPage(page);
  expect(errors).toEqual([]);
});

async function csrfOf(page: Page): Promise<string> {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  return me.csrfToken;
}

test('issue 17, B33: a session that ends during a visit sends the person to sign in, and back to the page', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/me');
  await expect(page.getByRole('heading', { level: 1, name: '我的信用' })).toBeVisible();
  // The session ends elsewhere (another tab signs out; or its 8 hours pass).
  const out = await page.request.post('/api/v1/auth/logout', {
    headers: { 'x-csrf-token': await csrfOf(page) },
  });
  expect(out.status()).toBe(204);
  await page
    .getByRole('navigation', { name: '我的信用服务' })
    .getByRole('link', { name: '授权管理' })
    .click();
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent('/me/consents')}`);
  await page.getByRole('textbox', { name: '账号' }).fill('demo.person');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '授权管理' })).toBeVisible();
});

test('issue 14 §1, issue 17: where a real-name verifier is configured, the sign-in page offers registration and the form asks for its fields', async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  await page.goto('/login');
  await page.getByRole('link', { name: '实名核验后注册' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '注册' })).toBeVisible();
  await expect(page).toHaveTitle('注册 - 信用淮安');
  for (const label of ['统一社会信用代码或身份证号', '姓名或单位名称', '演示核验码', '账号']) {
    await expect(page.getByRole('textbox', { name: label })).toBeVisible();
  }
  await page.getByRole('button', { name: '核验并注册' }).click();
  await expect(page.getByText('请输入身份代码')).toBeVisible();
  await checkPage(page);
  expect(errors).toEqual([]);
});

test('issue 17: the 长辈版 on one’s own pages — larger type, the same content, nothing wider than a phone', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/me');
  await expect(page.getByRole('heading', { level: 1, name: '我的信用' })).toBeVisible();
  await page.getByRole('switch', { name: '长辈版' }).click();
  await expect(page.locator('html')).toHaveClass(/\belder\b/);
  await expect(page.getByRole('list', { name: '信用记录' }).getByRole('listitem').first()).toBeVisible();
  await checkPage(page);
  for (const [section, heading] of [
    ['授权管理', '授权管理'],
    ['异议', '异议'],
    ['消息', '消息'],
  ] as const) {
    await page
      .getByRole('navigation', { name: '我的信用服务' })
      .getByRole('link', { name: new RegExp(`^${section}`) })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await checkPage(page);
  }
});
