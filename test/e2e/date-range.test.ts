// Issue 13: a date range set through the UI narrows every analysis, lives in the URL and
// survives a reload.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectStackedChartsAligned, openApp, screenshot, waitForChart, type AppSession } from './harness';

function csvRows(text: string): string[][] {
  return text
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r\n/)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!));
}

describe('the date range in Chromium', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp('?lang=en#/overview');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `range-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('"Last 30 days" narrows the Overview and retention, is in the URL, and a reload keeps it', async () => {
    const { page } = app;
    await waitForChart(page, 'panel-active');
    const allDetails = page.locator('[data-testid="panel-active"] details.data-table');
    await allDetails.locator('summary').click();
    const [all] = await Promise.all([
      page.waitForEvent('download'),
      allDetails.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const everyDay = new Map(csvRows(readFileSync(await all.path(), 'utf8')).map((r) => [r[0]!, r]));
    await allDetails.locator('summary').click();
    await page.getByTestId('range-preset').selectOption({ label: 'Last 30 days' });
    // The demo's last day is 2026-10-31.
    await expect.poll(() => page.url()).toContain('from=2026-10-02');
    expect(page.url()).toContain('to=2026-10-31');
    await waitForChart(page, 'panel-active');
    await screenshot(page, 'range-overview-last30-en');

    const details = page.locator('[data-testid="panel-active"] details.data-table');
    await details.locator('summary').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      details.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const rows = csvRows(readFileSync(await download.path(), 'utf8'));
    expect(rows[0]!.slice(0, 4)).toEqual(['day', 'dau', 'wau', 'mau']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(
      Array.from({ length: 30 }, (_, i) => `2026-10-${String(i + 2).padStart(2, '0')}`),
    );
    // MAU at the range's first day counts the 30 days before it, so it is far above its DAU.
    expect(Number(rows[1]![3])).toBeGreaterThan(Number(rows[1]![1]) * 3);
    await page.locator('[data-testid="panel-active"] details.definition summary').click();
    expect(await page.getByTestId('panel-active').getByTestId('range-card').innerText()).toContain('2026-10-02 to 2026-10-31');

    await page.reload();
    await waitForChart(page, 'panel-active');
    expect(await page.getByTestId('range-from').inputValue()).toBe('2026-10-02');
    expect(await page.getByTestId('range-preset').inputValue()).toBe('last30');

    // 环比: the KPI cards show the change against the 30 days before (2026-09-02 to 2026-10-01).
    await page.getByTestId('range-compare').selectOption('previous');
    await expect.poll(() => page.url()).toContain('compare=previous');
    await page.getByTestId('compare-note').waitFor({ timeout: 60_000 });
    const dauNow = Number(everyDay.get('2026-10-31')![1]);
    const dauThen = Number(everyDay.get('2026-10-01')![1]);
    const delta = dauNow - dauThen;
    const percent = `${delta > 0 ? '+' : ''}${new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(delta / dauThen)}`;
    const dauCard = page.getByTestId('kpis').locator('.kpi').first();
    expect(await dauCard.getByTestId('kpi-change').innerText()).toBe(
      `${delta > 0 ? '+' : ''}${delta.toLocaleString('en-US')} (${percent}) vs previous period`,
    );
    expect(await page.getByTestId('compare-note').innerText()).toContain('09/02/2026 to 10/01/2026');
    await waitForChart(page, 'panel-active');
    await screenshot(page, 'range-compare-previous-en');
    // Issue 13, bug 9: DAU/MAU below DAU/WAU/MAU has the same x scale and edges, the comparison's
    // days included: each date's tick label sits at the same x in both.
    await expectStackedChartsAligned(page, 'panel-active');
    // A year before, the demo holds no data: the note says so instead of pointing at lines not drawn.
    await page.getByTestId('range-compare').selectOption('year');
    await expect
      .poll(() => page.getByTestId('compare-note').innerText(), { timeout: 60_000 })
      .toBe('The comparison period (10/02/2025 to 10/31/2025) holds no data: no lighter lines, and no changes against it.');
    expect(await dauCard.getByTestId('kpi-change').count()).toBe(0);
    await page.getByTestId('range-compare').selectOption('');

    // The retention page keeps the range from a link; its cohorts start in it (weeks: the week of the start, whole).
    await page.goto(`${app.appUrl}?lang=en#/retention?from=2026-10-02&to=2026-10-31`);
    await page.getByTestId('retention-table').waitFor({ timeout: 60_000 });
    await waitForChart(page, 'panel-retention');
    const cohorts = await page.locator('[data-testid="retention-table"] tbody tr th').allInnerTexts();
    expect(cohorts.filter((c) => /\d/.test(c))).toEqual(['09/28/2026', '10/05/2026', '10/12/2026', '10/19/2026', '10/26/2026']);
    await screenshot(page, 'range-retention-en');
    expect(app.consoleErrors).toEqual([]);
  });
});
