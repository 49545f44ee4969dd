import { expect, type Page } from '@playwright/test';

export const PHONE_WIDTH = 375;

/**
 * Issue 17: the page works at 375 px (H5): nothing makes it scroll sideways. Checked at 375 px whatever
 * the project's viewport, which is put back afterwards; names the elements that stick out.
 */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  if (viewport && viewport.width !== PHONE_WIDTH) {
    await page.setViewportSize({ width: PHONE_WIDTH, height: viewport.height });
  }
  try {
    const layout = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.body.querySelectorAll('*')]
        .filter((element) => element.getBoundingClientRect().right > width + 1)
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
      return { scrollWidth: document.documentElement.scrollWidth, width, wide };
    });
    expect(layout.scrollWidth, `wider than ${PHONE_WIDTH} px: ${layout.wide.join(', ')}`).toBeLessThanOrEqual(
      layout.width,
    );
  } finally {
    if (viewport && viewport.width !== PHONE_WIDTH) await page.setViewportSize(viewport);
  }
}
