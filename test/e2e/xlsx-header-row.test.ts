// Issue 12 (Excel): a sheet with a merged title above its header, and user ids merged down over their events.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { titledHeaderRow, titledRowsAbove, titledXlsx } from '../helpers/titled-xlsx';
import { openApp, screenshot, waitForChart, type AppSession } from './harness';

const fileName = '用户事件.xlsx';

describe('issue 12: choosing the header row of a workbook in the import preview', () => {
  let app: AppSession;
  const { xlsx, perUser, events } = titledXlsx();
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'strata-xlsx-header-')), fileName);
  writeFileSync(file, xlsx);

  beforeAll(async () => {
    app = await openApp('?lang=en#/overview');
    await waitForChart(app.page, 'panel-active', 120_000);
    await app.page.goto(`${app.appUrl}?lang=en#/data`);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await screenshot(app.page, `xlsx-header-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function drop(): Promise<void> {
    const { page } = app;
    await page.getByTestId('data-page').waitFor();
    await page.getByTestId('file-input').setInputFiles([file]);
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
  }

  it('guesses the row below the title, reads the title as the header when told to and back, and loads every user', async () => {
    const { page } = app;
    await drop();
    const card = page.getByTestId('import-file');
    const headerRow = card.getByTestId('import-header-row');
    expect(await headerRow.inputValue()).toBe(String(titledHeaderRow));
    expect(await headerRow.locator('option:checked').innerText()).toBe(`Row ${titledHeaderRow}: 用户ID · 时间 · 事件 · 金额`);
    expect(await card.getByTestId('import-header-guess').innerText()).toMatch(/^a guess/);
    expect(await card.getByTestId('import-header-skipped').innerText()).toBe(
      `Rows above it (a title, notes) that will not be loaded: ${titledRowsAbove}.`,
    );
    expect(await card.getByTestId('import-column-userId').inputValue()).toBe('用户ID');
    // The merged ids are filled down: every event row shows its user's id.
    const ids = await card.locator('tbody tr td:first-child').allInnerTexts();
    const written = [...perUser].flatMap(([id, n]) => Array<string>(n).fill(id));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids).toEqual(written.slice(0, ids.length));
    await screenshot(page, 'import-preview-xlsx-header-en');

    await headerRow.selectOption('1');
    await card.getByTestId('import-header-guess').waitFor({ state: 'detached' });
    expect(await card.locator('thead th').first().innerText()).toBe('2024 年 1 月 用户事件明细');
    expect(await card.getByTestId('import-column-userId').inputValue()).toBe('');
    expect(await card.getByTestId('import-header-skipped').count()).toBe(0);
    expect(await card.getByTestId('import-header-guess-was').innerText()).toBe(
      `(the row that looks like the header is row ${titledHeaderRow})`,
    );
    await screenshot(page, 'import-preview-xlsx-header-row1-en');

    await headerRow.selectOption(String(titledHeaderRow));
    await card.getByTestId('import-header-guess').waitFor();
    expect(await card.getByTestId('import-column-userId').inputValue()).toBe('用户ID');

    await page.getByTestId('import-load').click();
    const report = page.getByTestId('import-report').filter({ hasText: fileName });
    await report.waitFor({ timeout: 120_000 });
    expect(Number(await report.getByTestId('report-rowsLoaded').innerText())).toBe(events);
    expect(Number(await report.getByTestId('report-nullUserIds').innerText())).toBe(0);
    expect(await report.getByTestId('import-header-row-note').innerText()).toBe(
      `${fileName}: the column names are those of row ${titledHeaderRow} of the sheet; rows above it (a title, notes) not loaded: ${titledRowsAbove}.`,
    );
    await screenshot(page, 'import-report-xlsx-header-en');

    await page.goto(`${app.appUrl}?lang=en#/overview`);
    await waitForChart(page, 'panel-active', 120_000);
    const facts = await page.getByTestId('dataset-summary').locator('dd').allInnerTexts();
    expect(facts.slice(0, 2)).toEqual([String(events), String(perUser.size)]);
  });

  it('reads the sheet the same way after a reload of the kept workspace, and says so in Chinese', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}?lang=zh#/data`);
    await page.getByTestId('stored-data').getByText(fileName, { exact: true }).waitFor({ timeout: 60_000 });
    await page.reload();
    const report = page.getByTestId('import-report').filter({ hasText: fileName });
    await report.waitFor({ timeout: 120_000 });
    expect(Number(await report.getByTestId('report-rowsLoaded').innerText())).toBe(events);
    expect(await report.getByTestId('import-header-row-note').innerText()).toBe(
      `${fileName}：列名取自工作表第 ${titledHeaderRow} 行；其上 ${titledRowsAbove} 行（标题、说明等）未载入。`,
    );
    await screenshot(page, 'import-report-xlsx-header-zh');

    await drop();
    const card = page.getByTestId('import-file');
    expect(await card.getByTestId('import-header-row').inputValue()).toBe(String(titledHeaderRow));
    expect(await card.getByTestId('import-header-guess').innerText()).toMatch(/^这是推测/);
    await screenshot(page, 'import-preview-xlsx-header-zh');
    expect(app.consoleErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });
});
