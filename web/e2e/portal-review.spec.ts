/**
 * What a review of the portal found (issue 17), on a desktop and on a phone: a red-listed person has no
 * public page (A7), report verification asks for the number and its 校验码, the rules in Chinese only,
 * the objection dialog gives the focus back, the lists are links (no English live region), the phone's
 * pager is in the tab order, and a loading page has no empty heading. axe-core and 375 px on each.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { expectNoHorizontalOverflow } from './support/layout.ts';
import { watchPageErrors } from './support/page-errors.ts';

type Entry = { subject: { kind: string; handle: string | null; name: string; code: string } };

async function checkPage(page: Page) {
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);
}

/** Presses Tab until `target` has the focus (at most `max` times); fails otherwise. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

const entryOf = (page: Page, code: string) =>
  page.locator('article.entry-card, tr').filter({ has: page.getByText(code, { exact: true }) });

test('A7: a red-listed person is shown without a link (only a black-list person has a public page), with or without a handle', async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  const red = (await (await page.request.get('/api/v1/public/lists/red?pageSize=100')).json()) as {
    entries: Entry[];
  };
  const persons = red.entries.filter((e) => e.subject.kind === 'person');
  expect(persons.length, 'the demo red list has persons').toBeGreaterThan(0);
  await page.goto('/lists/red?pageSize=100');
  const first = entryOf(page, persons[0]!.subject.code);
  await expect(first).toBeVisible();
  await expect(first.getByText(persons[0]!.subject.name)).toBeVisible();
  await expect(page.locator('a[href^="/persons/"]')).toHaveCount(0);
  await checkPage(page);

  // the black list: a person links to their page by handle; one without a handle is shown unlinked
  const black = (await (await page.request.get('/api/v1/public/lists/black?pageSize=100')).json()) as {
    entries: Entry[];
  };
  const [linked, unlinked] = black.entries.filter((e) => e.subject.kind === 'person');
  await page.route('**/api/v1/public/lists/black?*', async (route) => {
    const answer = await (await route.fetch()).json();
    for (const entry of answer.entries as Entry[])
      if (entry.subject.code === unlinked!.subject.code) entry.subject.handle = null;
    await route.fulfill({ json: answer });
  });
  await page.goto('/lists/black?pageSize=100');
  await expect(
    entryOf(page, linked!.subject.code).locator(`a[href="/persons/${linked!.subject.handle}"]`),
  ).toBeVisible();
  await expect(entryOf(page, unlinked!.subject.code)).toBeVisible();
  await expect(entryOf(page, unlinked!.subject.code).locator('a[href^="/persons/"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('C §5(3): the home page sends a report’s holder to verify it by the number and the 校验码 printed on it', async ({
  page,
}) => {
  await page.goto('/');
  const way = page.getByRole('link', { name: /信用报告核验/ });
  await expect(way).toContainText('报告编号和校验码');
  await expect(way).not.toContainText('主体代码');
  await way.click();
  await expect(page.getByRole('textbox', { name: '校验码' })).toBeVisible();
  await checkPage(page);
});

test('B27, B29: the rules page is Chinese — each note’s Chinese half, no English sentence on the page', async ({
  page,
}) => {
  await page.goto('/policy');
  await expect(page.getByText(/自收到异议申请之日起计算/).first()).toBeVisible();
  const english = await page.locator('main').evaluate((main) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      if (/[A-Za-z]{3,}\s+[A-Za-z]{2,}/.test(text)) found.push(text.slice(0, 80));
    }
    return found;
  });
  expect(english).toEqual([]);
  await checkPage(page);
});

test('A19, B32 (WCAG 2.4.3): closing the objection dialog by Esc or 取消 gives the focus back to 我要提出异议', async ({
  page,
}) => {
  await page.goto('/repair-notices');
  const object = page.getByRole('button', { name: '我要提出异议' }).first();
  await tabTo(page, object);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await checkPage(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(object).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /^取\s?消$/ }).click();
  await expect(dialog).toBeHidden();
  await expect(object).toBeFocused();
});

test('A5, A6 (WCAG 3.1.2): the red and black lists are two links — nothing announces “Tab 2 of 2” in English', async ({
  page,
}) => {
  await page.goto('/lists/black');
  const lists = page.getByRole('navigation', { name: '名单' });
  await expect(lists.getByRole('link', { name: '黑名单' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('tab')).toHaveCount(0);
  expect(await page.evaluate(() => document.body.textContent ?? '')).not.toMatch(/Tab \d+ of \d+/);
  await lists.getByRole('link', { name: '红名单' }).click();
  await expect(page).toHaveURL('/lists/red');
  await expect(lists.getByRole('link', { name: '红名单' })).toHaveAttribute('aria-current', 'page');
  await checkPage(page);
});

test('A6 (WCAG 2.1.1): at 375 px the list’s 上一页 and 下一页 are reached and pressed with the keyboard', async ({
  page,
}) => {
  const { total } = (await (await page.request.get('/api/v1/public/lists/black')).json()) as {
    total: number;
  };
  const pages = Math.ceil(total / 20);
  expect(pages, 'the demo black list has a second page').toBeGreaterThan(1);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/lists/black');
  const pager = page.getByRole('navigation', { name: '黑名单分页' });
  await expect(pager.getByText(`第 1 / ${pages} 页`)).toBeVisible();
  await expect(pager.getByRole('button', { name: /上一页/ })).toBeDisabled();
  const next = pager.getByRole('button', { name: /下一页/ });
  await tabTo(page, next, 120);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/lists/black?page=2');
  await expect(pager.getByText(`第 2 / ${pages} 页`)).toBeVisible();
  await expect(pager.getByRole('button', { name: /上一页/ })).toBeEnabled();
  await checkPage(page);
});

test('issue 17 (WCAG 1.3.1): a page still loading has no empty heading and its headings stay in order', async ({
  page,
}) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/api\/v1\/public\/(subjects|reports)\//, async (route) => {
    await held;
    await route.continue();
  });
  const headings = async () =>
    (await new AxeBuilder({ page }).withRules(['empty-heading', 'heading-order']).analyze()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.html).join('; ')}`,
    );
  await page.goto('/subjects/91320800131673061M');
  await expect(page.locator('.page-skeleton')).toBeVisible();
  expect(await headings()).toEqual([]);
  await page.goto('/verify?no=XYBG-2026-0001&code=K7Q2M9A');
  await expect(page.locator('.page-skeleton')).toBeVisible();
  expect(await headings()).toEqual([]);
  release();
  await expect(page.getByText('未查到该报告')).toBeVisible();
  expect(await headings()).toEqual([]);
});
