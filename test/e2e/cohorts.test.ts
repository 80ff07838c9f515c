import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectStackedChartsAligned, openApp, screenshot, sharedData, waitForChart, type AppSession } from './harness';

describe('retention, lifecycle and stickiness in Chromium', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp('#/retention');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `cohorts-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('draws the three analyses on the demo', async () => {
    const { page } = app;
    await page.getByTestId('retention-table').waitFor({ timeout: 60_000 });
    await waitForChart(page, 'panel-retention');
    await page.locator('[data-testid="retention-table"] tbody tr').first().locator('button').nth(1).click();
    await page.getByTestId('cell-users').waitFor();
    await screenshot(page, 'retention-demo');
    await page.goto(`${app.appUrl}#/lifecycle`);
    await waitForChart(page, 'panel-lifecycle');
    await screenshot(page, 'lifecycle-demo');
    await expectStackedChartsAligned(page, 'panel-lifecycle');
    await page.goto(`${app.appUrl}#/stickiness`);
    await waitForChart(page, 'panel-stickiness');
    await waitForChart(page, 'panel-stickiness-ratio');
    await screenshot(page, 'stickiness-demo');
    expect(app.consoleErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });

  it('Issue 13, bugs 1 and 2: monthly brackets show the brackets in use, periods after the data are blank', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}#/retention?grain=month&n=6`);
    await page.getByRole('columnheader', { name: '第 6 月' }).waitFor({ timeout: 60_000 });
    await page.getByRole('radio', { name: '区间' }).click();
    expect(await page.getByRole('textbox', { name: /区间/ }).inputValue()).toBe('0-0,1-1,2-3,4-6');
    await page.getByRole('columnheader', { name: '[4, 6]' }).waitFor();
    await waitForChart(page, 'panel-retention');
    await screenshot(page, 'retention-month-brackets');
    // The demo's last monthly cohort has begun its month 0 only: the later brackets have no value.
    const last = page.locator('[data-testid="retention-table"] tbody tr').last().locator('td');
    expect((await last.allTextContents()).slice(1)).toEqual(['100.0%', '', '', '']);
    const note = await page.getByTestId('retention-incomplete-note').boundingBox();
    const table = await page.getByTestId('retention-table').boundingBox();
    expect(note && table && note.y < table.y).toBe(true);
    const ticks = await page.locator('[data-testid="panel-retention"] g[data-mark="x-axis tick label"] text').allTextContents();
    expect(ticks.slice(0, 2)).toEqual(['[0, 0]', '[1, 1]']);
  });

  it('reproduces the published Online Retail cohort in the downloaded CSV', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}#/data`);
    await page.getByTestId('file-input').setInputFiles(path.join(sharedData, 'online-retail/online_retail.csv.gz'));
    // The import preview guesses CustomerID, InvoiceDate and price x quantity; loading it as is.
    await page.getByTestId('import-load').click();
    await page.getByTestId('import-report').filter({ hasText: 'online_retail.csv.gz' }).waitFor({ timeout: 120_000 });
    await page.goto(`${app.appUrl}#/retention?grain=month&n=5`);
    await page.getByTestId('retention-table').waitFor({ timeout: 60_000 });
    await screenshot(page, 'retention-online-retail');
    const details = page.locator('[data-testid="panel-retention"] details.data-table');
    await details.locator('summary').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      details.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    const file = await download.path();
    const csv = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    const lines = csv
      .trim()
      .split(/\r\n/)
      .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
    const header = lines[0]!;
    const col = (name: string) => header.indexOf(name);
    const dec = lines.slice(1).filter((r) => r[col('cohort')] === '2010-12-01');
    // Rows without a CustomerID are dropped on import, so these are the published 948, 362, 317, ...
    expect(dec.map((r) => Number(r[col('retained')])).slice(0, 3)).toEqual([948, 362, 317]);
    expect(dec.every((r) => r[col('cohort_size')] === '948')).toBe(true);
  });
});
