// Issue 13, bug 7: dropped files are read in the zone the import preview offers (a guess from
// the UTC offsets in the data, said to be one, or the browser's zone), never in the zone of the
// workspace loaded before; the user can change it; and changing it after loading rebuilds only
// the per-user-per-day tables, not the whole import. Days are checked against an independent
// computation over the generated orders (test/helpers/uk-shop.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dailyCustomers, shopOrders, shopOrdersCsv } from '../helpers/uk-shop';
import { openApp, screenshot, waitForChart, type AppSession } from './harness';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'strata-zone-'));
const ordersFile = path.join(tmp, 'uk-shop-orders.csv');
writeFileSync(ordersFile, shopOrdersCsv());

const words = {
  zh: {
    guess: /这是推测.*\+00:00, \+01:00/,
    chosen: '已选的时区',
    derive: '正在生成按用户按天的汇总表',
    rezoned: /时区已改为 Europe\/London/,
  },
  en: {
    guess: /A guess.*\+00:00, \+01:00/,
    chosen: 'The zone you chose',
    derive: 'Building the per-user-per-day tables',
    rezoned: /Time zone changed to Europe\/London/,
  },
} as const;

/** Daily active customers as the Overview's data table shows them (days with none left out). */
async function shownDau(page: Page): Promise<Record<string, number>> {
  await page.goto(page.url().replace(/#.*$/, '#/overview'));
  await waitForChart(page, 'panel-active', 120_000);
  const table = page.locator('[data-testid="panel-active"] details.data-table');
  await table.locator('summary').click();
  // The table is drawn once the details are open (a render after the toggle).
  await table.locator('tbody tr').first().waitFor();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  // On screen counts are grouped (1,234).
  const count = (text: string | undefined) => Number(text?.replaceAll(',', ''));
  return Object.fromEntries(rows.filter((r) => count(r[1]) > 0).map((r) => [r[0]!, count(r[1])]));
}

describe.each(['zh', 'en'] as const)('the time zone of dropped files, in Chromium (%s)', (lang) => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(`?lang=${lang}#/data`);
    await app.page.setViewportSize({ width: 1280, height: 720 });
    await app.page.getByTestId('import-report').waitFor({ timeout: 120_000 });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await screenshot(app.page, `zone-failure-${lang}-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('offers the zone guessed from the offsets, not the zone of the workspace loaded before', async () => {
    const { page } = app;
    // The demo is a Shanghai workspace; the browser here runs in UTC (TZ pinned by the test run).
    expect(await page.getByTestId('time-zone').inputValue()).toBe('Asia/Shanghai');
    expect(await page.evaluate(() => new Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
    await page.getByTestId('file-input').setInputFiles([ordersFile]);
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    const card = page.getByTestId('import-file');
    await card.getByTestId('import-role').selectOption('orders');
    await card.getByTestId('import-column-userId').selectOption('customer');
    await card.getByTestId('import-column-time').selectOption('ordered_at');
    await card.getByTestId('import-column-amount').selectOption('total');
    const basis = page.getByTestId('import-zone-basis');
    await page.waitForFunction(
      (re) => new RegExp(re).test(document.querySelector('[data-testid="import-zone-basis"]')?.textContent ?? ''),
      words[lang].guess.source,
      { timeout: 30_000 },
    );
    expect(await page.getByTestId('import-time-zone').inputValue()).toBe('Europe/London');
    expect(await basis.innerText()).toMatch(words[lang].guess);
    await page.getByTestId('import-time-zone').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join('/tmp', `import-zone-${lang}-1280x720.png`) });
  });

  it('reads the files in the zone the user chooses: days as an independent computation in it', async () => {
    const { page } = app;
    await page.getByTestId('import-time-zone').selectOption('America/New_York');
    expect(await page.getByTestId('import-zone-basis').innerText()).toContain(words[lang].chosen);
    await page.getByTestId('import-load').click();
    await page.getByTestId('import-report').filter({ hasText: 'uk-shop-orders.csv' }).waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('time-zone').inputValue()).toBe('America/New_York');
    const newYork = dailyCustomers('America/New_York');
    expect(newYork).not.toEqual(dailyCustomers('Europe/London'));
    expect(await shownDau(page)).toEqual(newYork);
  });

  it('rebuilds only the derived tables when the zone changes after loading', async () => {
    const { page } = app;
    await page.goto(page.url().replace(/#.*$/, '#/data'));
    await page.getByTestId('import-report').filter({ hasText: 'uk-shop-orders.csv' }).waitFor({ timeout: 60_000 });
    const rowsRead = await page.getByTestId('report-rowsRead').innerText();
    expect(Number(rowsRead.replace(/\D/g, ''))).toBe(shopOrders.length);
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { loadSteps: string[] }).loadSteps = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="load-progress"]')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('time-zone').selectOption('Europe/London');
    await page.getByTestId('import-rezoned').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('import-rezoned').innerText()).toMatch(words[lang].rezoned);
    await page.getByTestId('import-rezoned').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join('/tmp', `import-rezoned-${lang}-1280x720.png`) });
    // No file was read again: the "rebuilt" line comes only from the rebuild, any step shown
    // was the rebuild of the per-user-per-day tables (a quick one may show none), and the
    // import's own counts are those of the import.
    const steps = await page.evaluate(() => (window as unknown as { loadSteps: string[] }).loadSteps);
    expect(steps.every((s) => s === words[lang].derive)).toBe(true);
    expect(await page.getByTestId('report-rowsRead').innerText()).toBe(rowsRead);
    expect(await page.getByTestId('time-zone').inputValue()).toBe('Europe/London');
    expect(await shownDau(page)).toEqual(dailyCustomers('Europe/London'));
  });
});
