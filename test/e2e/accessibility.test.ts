// Issue 13, bug 10: every page, in both languages, has no serious or critical axe violation,
// one <h1>, and a skip link to its content.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type AppSession } from './harness';

const pages = [
  'overview',
  'retention',
  'lifecycle',
  'stickiness',
  'segments',
  'segments/new',
  'user?id=u000001',
  'rfm',
  'churn',
  'reports',
  'data',
];

describe('accessibility of every page', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp('?lang=zh#/overview');
  });
  afterAll(async () => {
    await app?.close();
  });

  it(
    'has no serious or critical violation, one h1 and a working skip link, in Chinese and English',
    { timeout: 900_000 },
    async () => {
      const { page } = app;
      const found: string[] = [];
      for (const lang of ['zh', 'en']) {
        for (const route of pages) {
          await page.goto(`${app.appUrl}?lang=${lang}#/${route}`);
          // Same document within a language (only the hash changes): the data loads once.
          await page.waitForFunction(
            () =>
              document.querySelector('main') !== null &&
              !document.querySelector('[data-testid="loading"]') &&
              document.querySelectorAll('[data-state="pending"]').length === 0,
            undefined,
            { timeout: 120_000 },
          );
          expect(await page.locator('h1').count(), `${lang} ${route}`).toBe(1);
          const results = await new AxeBuilder({ page }).analyze();
          for (const v of results.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
            found.push(`${lang} #/${route}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
          }
        }
      }
      await page.goto(`${app.appUrl}?lang=en#/overview`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      await screenshot(page, 'skip-link-en');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
      expect(page.url()).toContain('#/overview');
      expect(found).toEqual([]);
    },
  );
});
