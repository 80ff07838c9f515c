// Issue 12 (import, round two): real-world file shapes that loaded wrong or not at all, through the built app.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nativeQuery } from '../helpers/native-duckdb';
import { openApp, screenshot, waitForChart, type AppSession } from './harness';

async function dropFiles(app: AppSession, files: string[]): Promise<'preview' | 'error'> {
  await app.page.goto(`${app.appUrl}#/data`);
  await app.page.getByTestId('data-page').waitFor();
  await app.page.getByTestId('file-input').setInputFiles(files);
  const preview = app.page.getByTestId('import-preview');
  await preview.or(app.page.getByTestId('drop-error')).first().waitFor();
  return (await preview.isVisible()) ? 'preview' : 'error';
}

async function loadPreview(app: AppSession, fileName: string): Promise<void> {
  await app.page.getByTestId('import-load').click();
  await app.page.getByTestId('import-report').filter({ hasText: fileName }).waitFor({ timeout: 120_000 });
}

async function reportNumber(app: AppSession, key: string): Promise<number> {
  const text = await app.page.getByTestId(`report-${key}`).first().innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

async function setLanguage(app: AppSession, locale: 'zh' | 'en'): Promise<void> {
  await app.page.locator('label.lang select').selectOption(locale);
}

const day = (i: number) => `2024-03-${String((i % 28) + 1).padStart(2, '0')}`;

describe('file shapes that loaded wrong or not at all (issue 12)', () => {
  let app: AppSession;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'strata-shapes-'));
  const write = (name: string, content: string | Uint8Array) => {
    const file = path.join(tmp, name);
    writeFileSync(file, content);
    return file;
  };

  beforeAll(async () => {
    app = await openApp();
    await waitForChart(app.page, 'panel-active');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `shapes-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('reports a final line whose quote never closes by its line number, in Chinese and English, and loads the rest', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `u${i % 7},${day(i)} 10:00:00,"view, then buy"`);
    const file = write('cut-off.csv', `user_id,time,event\n${lines.join('\n')}\n"u99,${day(3)} 11:00:00,open\n`);
    expect(await dropFiles(app, [file])).toBe('preview');
    await loadPreview(app, 'cut-off.csv');
    expect(await reportNumber(app, 'rowsLoaded')).toBe(30);
    expect(await reportNumber(app, 'rejected')).toBe(1);
    const notes = app.page.getByTestId('import-notes');
    expect(await notes.innerText()).toMatch(/cut-off\.csv.*引号没有闭合.*第 32 行.*"u99/s);
    await screenshot(app.page, 'import-report-unclosed-quote-zh');
    await setLanguage(app, 'en');
    expect(await notes.innerText()).toMatch(/cut-off\.csv.*never closes.*line 32.*"u99/s);
    await screenshot(app.page, 'import-report-unclosed-quote-en');
    await setLanguage(app, 'zh');
    // The events are the 30 lines, with the quoted comma kept inside the event name.
    await app.page.goto(`${app.appUrl}#/overview`);
    await waitForChart(app.page, 'panel-active', 120_000);
    expect(await app.page.getByTestId('dataset-summary').innerText()).toContain('cut-off.csv');
  });

  it("loads quoted fields that first appear past the sniffer's 20,480 rows, instead of rejecting their lines", async () => {
    const lines = Array.from({ length: 25_000 }, (_, i) => `u${i % 300},${day(i)} 10:00:00,open`);
    const late = [`u1,${day(2)} 11:00:00,"view, then buy"`, `u2,${day(3)} 11:00:00,"said ""hi"""`];
    const file = write('late-quotes.csv', `user_id,time,event\n${[...lines, ...late].join('\n')}\n`);
    expect(await dropFiles(app, [file])).toBe('preview');
    await loadPreview(app, 'late-quotes.csv');
    expect(await reportNumber(app, 'rowsLoaded')).toBe(25_002);
    expect(await reportNumber(app, 'rejected')).toBe(0);
    await screenshot(app.page, 'import-report-late-quotes');
  });

  it("reads Excel's sep=; line and mixed line endings as the CSV they are", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `u${i};${day(i)} 09:00:00;open`);
    const endings = ['\r\n', '\n', '\r'];
    const body = rows.map((r, i) => r + endings[i % 3]).join('');
    const file = write('excel-export.csv', `sep=;\r\nuser_id;time;event\r\n${body}`);
    expect(await dropFiles(app, [file])).toBe('preview');
    const card = app.page.getByTestId('import-file');
    expect(await card.getByTestId('import-separator').inputValue()).toBe(';');
    expect(await card.getByTestId('import-column-userId').inputValue()).toBe('user_id');
    expect(await card.locator('tbody tr').count()).toBe(5);
    await screenshot(app.page, 'import-preview-sep-mixed-endings');
    await loadPreview(app, 'excel-export.csv');
    expect(await reportNumber(app, 'rowsLoaded')).toBe(rows.length);
    expect(await reportNumber(app, 'rejected')).toBe(0);
  });

  it('drops the preview of an earlier file when a later drop is refused, so Load cannot load the earlier file', async () => {
    const good = write('good.csv', `user_id,time,event\nu1,${day(1)} 10:00:00,open\n`);
    expect(await dropFiles(app, [good])).toBe('preview');
    await app.page.getByTestId('file-input').setInputFiles([write('empty.csv', '')]);
    await app.page.getByTestId('drop-error').filter({ hasText: 'empty.csv' }).waitFor();
    expect(await app.page.getByTestId('import-preview').count()).toBe(0);
  });

  it('counts NaN, Infinity, -inf and 1e400 as unreadable amounts', async () => {
    const amounts = ['10', 'NaN', '2.5', 'Infinity', '-inf', '1e400', '7'];
    const file = write(
      'odd-amounts.csv',
      `用户ID,下单时间,金额\n${amounts.map((a, i) => `u${i},${day(i)} 10:00:00,${a}`).join('\n')}\n`,
    );
    expect(await dropFiles(app, [file])).toBe('preview');
    await loadPreview(app, 'odd-amounts.csv');
    const unreadable = amounts.filter((a) => !Number.isFinite(Number(a))).length;
    expect(await reportNumber(app, 'rowsLoaded')).toBe(amounts.length);
    expect(await app.page.getByTestId('import-bad-amounts').innerText()).toMatch(
      new RegExp(`odd-amounts\\.csv：${unreadable} 行已加载但金额不是数字`),
    );
  });

  it('loads a file with stray NUL bytes and lists those lines', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => `u${i % 9},${day(i)} 10:00:00,${i === 10 ? 'op\0en' : 'open'}`);
    const file = write('nul-bytes.csv', `user_id,time,event\n${lines.join('\n')}\n`);
    expect(await dropFiles(app, [file])).toBe('preview');
    await loadPreview(app, 'nul-bytes.csv');
    expect(await reportNumber(app, 'rowsLoaded')).toBe(59);
    expect(await app.page.getByTestId('import-notes').innerText()).toMatch(/nul-bytes\.csv.*空字节.*第 12 行/s);
    await screenshot(app.page, 'import-report-nul-bytes');
  });

  it('reports a 10 MB field at its own line, in Chinese and English, and loads the other lines', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => {
      const note = i === 40 ? `"${'长'.repeat(4 * 1024 * 1024)}"` : `note ${i}`;
      return `u${i % 9},${day(i)} 10:00:00,open,${note}`;
    });
    const file = write('long-field.csv', `user_id,time,event,note\n${lines.join('\n')}\n`);
    expect(await dropFiles(app, [file])).toBe('preview');
    await loadPreview(app, 'long-field.csv');
    expect(await reportNumber(app, 'rowsLoaded')).toBe(79);
    expect(await reportNumber(app, 'rejected')).toBe(1);
    const notes = app.page.getByTestId('import-notes');
    expect(await notes.innerText()).toMatch(/long-field\.csv.*行过长.*第 42 行.*12\.0 MB/s);
    await screenshot(app.page, 'import-report-long-field-zh');
    await setLanguage(app, 'en');
    expect(await notes.innerText()).toMatch(/long-field\.csv.*line too long.*line 42.*12\.0 MB/s);
    await screenshot(app.page, 'import-report-long-field-en');
    await setLanguage(app, 'zh');
  });

  it('loads JSON whose records are one property of an object, and says which', async () => {
    const records = Array.from({ length: 8 }, (_, i) => ({ user: `u${i % 3}`, time: `${day(i)} 10:00:00`, event: 'open' }));
    const file = write('api-export.json', JSON.stringify({ page: 1, total: records.length, results: records }, null, 2));
    expect(await dropFiles(app, [file])).toBe('preview');
    expect(await app.page.getByTestId('import-records-from').innerText()).toContain('results');
    await loadPreview(app, 'api-export.json');
    expect(await reportNumber(app, 'rowsLoaded')).toBe(records.length);
    expect(await app.page.getByTestId('import-records-from-note').innerText()).toMatch(/api-export\.json.*results/);
  });

  it('loads a zstd Parquet file (as Polars writes by default) without fetching anything', async () => {
    const file = path.join(tmp, 'polars-export.parquet');
    const eventsSql = `SELECT 'u' || (i * 31 % 57) AS user_id,
        TIMESTAMP '2024-03-01 08:00:00' + to_minutes(i * 53 % (10 * 24 * 60)) AS event_time,
        ['open', 'buy'][i % 2 + 1] AS event FROM range(3000) t(i)`;
    await nativeQuery(`COPY (${eventsSql}) TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
    const [codec] = await nativeQuery(`SELECT DISTINCT compression FROM parquet_metadata('${file}')`);
    expect(codec!.compression).toBe('ZSTD');
    const [want] = await nativeQuery(`SELECT count(*) AS n, count(DISTINCT user_id) AS users,
        strftime(min(event_time), '%Y.%m.%d') AS first, strftime(max(event_time), '%Y.%m.%d') AS last FROM (${eventsSql})`);
    const errorsBefore = app.consoleErrors.length;
    expect(await dropFiles(app, [file])).toBe('preview');
    expect(await app.page.getByTestId('import-kind').innerText()).toMatch(/Parquet/);
    await loadPreview(app, 'polars-export.parquet');
    expect(await reportNumber(app, 'rowsLoaded')).toBe(Number(want!.n));
    const result = (await app.page.getByTestId('import-result').innerText()).replace(/[,\s]/g, '');
    expect(result).toMatch(new RegExp(`\\D${want!.users}\\D.*${want!.first}.${want!.last}`));
    await screenshot(app.page, 'import-report-zstd-parquet');
    await app.page.goto(`${app.appUrl}#/overview`);
    await waitForChart(app.page, 'panel-active', 120_000);
    expect(await app.page.getByTestId('dataset-summary').innerText()).toContain('polars-export.parquet');
    expect(app.outsideRequests).toEqual([]);
    expect(app.consoleErrors.slice(errorsBefore)).toEqual([]);
  });

  it('applies several exclude rules set in the preview and counts each', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      invoice: i % 5 === 0 ? `C${i}` : `${1000 + i}`,
      country: i % 4 === 0 ? 'Test' : 'UK',
      user: `u${i % 11}`,
      time: `${day(i)} 12:00:00`,
      price: String(1 + (i % 6)),
    }));
    const file = write(
      'orders-rules.csv',
      `InvoiceNo,Country,CustomerID,InvoiceDate,UnitPrice\n${rows.map((r) => [r.invoice, r.country, r.user, r.time, r.price].join(',')).join('\n')}\n`,
    );
    expect(await dropFiles(app, [file])).toBe('preview');
    const card = app.page.getByTestId('import-file');
    const rule = (i: number) => card.getByTestId('import-exclude-rule').nth(i);
    await rule(0).getByTestId('import-exclude-column').selectOption('InvoiceNo');
    await rule(0).getByTestId('import-exclude-op').selectOption('starts-with');
    await rule(0).getByTestId('import-exclude-value').fill('C');
    await rule(1).getByTestId('import-exclude-column').selectOption('Country');
    await rule(1).getByTestId('import-exclude-op').selectOption('equals');
    await rule(1).getByTestId('import-exclude-value').fill('Test');
    expect(await card.getByTestId('import-exclude-rule').count()).toBe(3);
    await screenshot(app.page, 'import-preview-two-rules');
    await loadPreview(app, 'orders-rules.csv');
    const cancelled = rows.filter((r) => r.invoice.startsWith('C')).length;
    const test = rows.filter((r) => r.country === 'Test').length;
    const either = rows.filter((r) => r.invoice.startsWith('C') || r.country === 'Test').length;
    expect(await reportNumber(app, 'excluded')).toBe(either);
    expect(await reportNumber(app, 'rowsLoaded')).toBe(rows.length - either);
    const notes = app.page.getByTestId('import-excluded-by');
    expect(await notes.allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`InvoiceNo 以…开头 C.*匹配 ${cancelled} 行`)),
      expect.stringMatching(new RegExp(`Country 等于 Test.*匹配 ${test} 行.*共排除 ${either} 行`)),
    ]);
    await screenshot(app.page, 'import-report-two-rules');
  });
});

describe('a busy engine is not a dead engine (issue 12)', () => {
  it('loads a CSV of 5,000 columns without the watchdog restarting the engine', async () => {
    const app = await openApp();
    const warnings: string[] = [];
    app.page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
    });
    try {
      await waitForChart(app.page, 'panel-active');
      const columns = 5_000;
      const rows = 1_000;
      const header = ['user_id', 'time', 'event', ...Array.from({ length: columns - 3 }, (_, i) => `attr_${i}`)].join(',');
      const lines = Array.from({ length: rows }, (_, r) =>
        [
          `u${r % 40}`,
          `${day(r)} 08:00:00`,
          r % 3 ? 'open' : 'buy',
          ...Array.from({ length: columns - 3 }, (_, i) => (r + i) % 10),
        ].join(','),
      );
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'strata-wide-')), 'wide-5000.csv');
      writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
      expect(await dropFiles(app, [file])).toBe('preview');
      expect(await app.page.getByTestId('import-column-userId').inputValue()).toBe('user_id');
      await app.page.getByTestId('import-load').click();
      await app.page.getByTestId('import-report').filter({ hasText: 'wide-5000.csv' }).waitFor({ timeout: 170_000 });
      expect(await reportNumber(app, 'rowsLoaded')).toBe(rows);
      expect((await app.page.getByTestId('import-result').innerText()).replace(/[,\s]/g, '')).toMatch(/40\D+1000\D+2\D/);
      expect(warnings.filter((w) => /restarted/.test(w))).toEqual([]);
      await screenshot(app.page, 'import-report-wide-5000');
    } finally {
      await app.close();
    }
  }, 175_000);
});
