import { test, expect } from '@playwright/test';

test('the app renders its shell with no console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');
  await expect(page).toHaveTitle('Fanout');
  await expect(page.getByRole('banner')).toContainText('Fanout');
  await expect(page.getByTestId('canvas-area')).toBeVisible();
  await page.screenshot({ path: 'e2e/.output/shell.png' });
  expect(errors).toEqual([]);
});
