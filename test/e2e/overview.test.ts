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

  it('redraws only the charts whose results a setting changes (issue 13, speed)', async () => {
    const { page } = app;
    // The engine's own answers: those published with the build (data-kept) are drawn first and
    // replaced by the engine's, which redraws every chart whatever the setting.
    // A chart's draw may be put off to a later task (PlotFigure's draw budget): its box is empty
    // until then, so settled also means every box holds its drawing.
    const settled = () =>
      page.waitForFunction(
        () =>
          document.querySelector('[data-state="pending"], [data-testid="stale-result"], [data-kept]') === null &&
          [...document.querySelectorAll('.plot')].every((box) => box.childElementCount > 0),
        null,
        { timeout: 120_000 },
      );
    await settled();
    // Each panel's drawings before the change, kept on the page to compare by identity.
    await page.evaluate(() => {
      const figures = [...document.querySelectorAll('section[data-testid^="panel-"]')].map(
        (s) => [s.getAttribute('data-testid'), [...s.querySelectorAll('.plot > *')]] as const,
      );
      (window as unknown as { before: typeof figures }).before = figures;
    });
    await page.locator('[data-testid="panel-new-users"] .panel-controls input[type="radio"][value="week"]').click();
    await page.waitForFunction(() => location.hash.includes('grain=week'));
    await waitForChart(page, 'panel-new-users');
    await settled();
    const kept = await page.evaluate(() =>
      Object.fromEntries(
        (window as unknown as { before: [string, Element[]][] }).before.map(([id, figures]) => [
          id,
          figures.map((f) => f.isConnected),
        ]),
      ),
    );
    // DAU/WAU/MAU, DAU/MAU and the top events do not depend on the grain: the same drawings stay.
    expect(kept['panel-active']).toEqual([true, true]);
    expect(kept['panel-top-events']).toEqual([true]);
    // New users and revenue were drawn again, from their weekly results.
    expect(kept['panel-new-users']).toEqual([false]);
    expect(kept['panel-revenue']).toEqual([false, false]);
    const bars = await page.locator('[data-testid="panel-new-users"] svg [data-mark="rect"] > *').count();
    expect(bars).toBeGreaterThan(5);
    expect(bars).toBeLessThan(40);
    await page.locator('[data-testid="panel-new-users"] .panel-controls input[type="radio"][value="day"]').click();
    await page.waitForFunction(() => !location.hash.includes('grain=week'));
    await waitForChart(page, 'panel-new-users');
    await settled();
  });

  it('lets no click through to a dimmed result (a bar would open users of the old one)', async () => {
    const { page } = app;
    await waitForChart(page, 'panel-active');
    const hit = await page.evaluate(() => {
      const body = document.querySelector<HTMLElement>('[data-testid="panel-active"] .panel-body')!;
      body.scrollIntoView();
      const chart = body.querySelector('svg')!;
      const box = chart.getBoundingClientRect();
      const reachesChart = () => chart.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
      const live = reachesChart();
      // The class the panel puts on a result while its next one computes.
      body.classList.add('stale');
      const dimmed = !reachesChart();
      body.classList.remove('stale');
      return { live, dimmed };
    });
    expect(hit).toEqual({ live: true, dimmed: true });
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
