import AxeBuilder from '@axe-core/playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, waitForChart, type AppSession } from './harness';

describe('the demo Overview in Chromium, served from a sub-path', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await openApp();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      await screenshot(app.page, `overview-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the demo Overview with marks in every chart', async () => {
    // Waits for the state, not for a time: speed is measured by npm run bench (issue 8).
    for (const id of ['panel-active', 'panel-new-users', 'panel-revenue', 'panel-top-events']) {
      await waitForChart(app.page, id);
    }
    const summary = await app.page.getByTestId('dataset-summary').innerText();
    expect(summary).toContain('Asia/Shanghai');
    const kpis = await app.page.getByTestId('kpis').innerText();
    expect(kpis).toMatch(/DAU/);
    for (const id of ['panel-active', 'panel-new-users', 'panel-revenue', 'panel-top-events']) {
      const marks = await app.page.locator(`[data-testid="${id}"] svg [data-mark] > *`).count();
      expect(marks, id).toBeGreaterThan(5);
    }
    await screenshot(app.page, 'overview-demo');
  });

  it('makes no request outside its own origin and logs no console error', () => {
    expect(app.outsideRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('has no serious or critical accessibility violation', async () => {
    const results = await new AxeBuilder({ page: app.page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  });

  it('works from the keyboard and keeps settings in the URL', async () => {
    const { page } = app;
    await page
      .getByRole('radio', { name: /按周|Weekly/ })
      .first()
      .focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => location.hash.includes('grain=week'));
    await waitForChart(page, 'panel-new-users');
    await page.reload();
    await waitForChart(page, 'panel-new-users');
    expect(
      await page
        .getByRole('radio', { name: /按周|Weekly/ })
        .first()
        .isChecked(),
    ).toBe(true);
    // Navigation by keyboard: focus the Data link and press Enter.
    await page
      .getByRole('navigation', { name: 'main' })
      .getByRole('link', { name: /^(数据|Data)$/ })
      .focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('data-page').waitFor();
  });

  it('switches language with ?lang= and remembers the choice', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}?lang=en#/overview`);
    await waitForChart(page, 'panel-active');
    expect(await page.locator('h2').filter({ hasText: 'Active users' }).count()).toBe(1);
    await page.getByLabel('Language').selectOption('zh');
    await page.locator('h2').filter({ hasText: '活跃用户' }).waitFor();
    await page.goto(`${app.appUrl}#/overview`);
    await page.locator('h2').filter({ hasText: '活跃用户' }).waitFor();
  });
});
