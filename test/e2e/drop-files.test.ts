import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nativeQuery } from '../helpers/native-duckdb';
import { openApp, screenshot, sharedData, waitForChart, type AppSession } from './harness';

const onlineRetail = path.join(sharedData, 'online-retail/online_retail.csv.gz');

async function dropFiles(app: AppSession, files: string[]): Promise<void> {
  await app.page.goto(`${app.appUrl}#/data`);
  await app.page.getByTestId('data-page').waitFor();
  await app.page.getByTestId('file-input').setInputFiles(files);
}

describe('dropping real files into the built app', () => {
  let app: AppSession;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'strata-drop-'));

  beforeAll(async () => {
    app = await openApp();
    await waitForChart(app.page, 'panel-active');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `drop-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the daily active customers of Online Retail as native DuckDB computes them', async () => {
    await dropFiles(app, [onlineRetail]);
    await app.page.waitForFunction(
      () => document.querySelector('[data-testid="data-page"]')?.textContent?.includes('online_retail.csv.gz'),
      null,
      {
        timeout: 120_000,
      },
    );
    await app.page.goto(`${app.appUrl}#/overview`);
    await waitForChart(app.page, 'panel-active', 120_000);
    await screenshot(app.page, 'overview-online-retail');
    const table = app.page.locator('[data-testid="panel-active"] details.data-table');
    await table.locator('summary').click();
    const shown = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const appDau = new Map(shown.filter((r) => Number(r[1]) > 0).map((r) => [r[0], Number(r[1])]));
    // Independent: one row = one purchase event by CustomerID at InvoiceDate; no customer, no row.
    const expected = await nativeQuery(`
      SELECT strftime(CAST(InvoiceDate AS DATE), '%Y-%m-%d') AS day, count(DISTINCT CustomerID) AS dau
      FROM read_csv('${onlineRetail.replaceAll("'", "''")}')
      WHERE CustomerID IS NOT NULL GROUP BY 1 ORDER BY 1`);
    expect(expected.length).toBe(305);
    expect(Object.fromEntries(appDau)).toEqual(Object.fromEntries(expected.map((r) => [String(r.day), Number(r.dau)])));
  });

  it.each([
    ['empty.csv', '', /empty\.csv.*(empty|0 bytes)/],
    [
      'junk.csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      /junk\.csv.*not a text data file/,
    ],
    ['header-only.csv', 'user_id,time,event\n', /header-only\.csv.*header but no rows/],
  ])('rejects %s with a message naming it, and keeps the loaded workspace', async (name, content, message) => {
    const before = await app.page.evaluate(() => document.querySelector('.app-header')?.textContent);
    const file = path.join(tmp, name);
    writeFileSync(file, content);
    await dropFiles(app, [file]);
    const error = app.page.getByTestId('drop-error').or(app.page.getByTestId('load-error'));
    await error.first().waitFor();
    expect(await error.first().innerText()).toMatch(message);
    await app.page.goto(`${app.appUrl}#/overview`);
    await waitForChart(app.page, 'panel-active', 120_000);
    expect(await app.page.getByTestId('dataset-summary').innerText()).toContain('online_retail.csv.gz');
    expect(await app.page.evaluate(() => document.querySelector('.app-header')?.textContent)).toBe(before);
  });
});
