import type { Page } from '@playwright/test';

/**
 * Collects what the browser reports as going wrong on a page: script errors, console errors and
 * Content-Security-Policy violations (an inline script or a foreign origin the CSP refused).
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  return errors;
}
