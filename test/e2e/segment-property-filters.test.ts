import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type AppSession } from './harness';

// Issue 9: "did / did not do an event (optionally with event property filters on the event's
// other columns)": a filter added in the builder changes the member count to what the rows say.

const countries = ['France', '中国', `O'Brien "<script>"`];

/** 120 users, each with an open and 0 to 3 purchases, each purchase in a country. */
function dataset(): { files: string[]; purchases: Map<string, string[]> } {
  const purchases = new Map<string, string[]>();
  const lines = ['user,time,name,country'];
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  for (let i = 1; i <= 120; i++) {
    const user = `u${String(i).padStart(3, '0')}`;
    lines.push(`${user},2024-03-01 08:00:00,open,`);
    const mine: string[] = [];
    for (let j = 0; j < i % 4; j++) {
      const country = countries[(i + j * (i % 2 === 0 ? 0 : 1)) % 3]!;
      mine.push(country);
      lines.push(`${user},2024-03-${String(2 + j).padStart(2, '0')} 09:00:00,purchase,${quote(country)}`);
    }
    purchases.set(user, mine);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-filters-'));
  const csv = path.join(dir, 'shop_events.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const manifest = path.join(dir, 'shop.strata.json');
  const file = {
    role: 'events',
    path: 'shop_events.csv',
    format: 'csv',
    columns: { userId: 'user', time: 'time', event: 'name' },
  };
  writeFileSync(
    manifest,
    JSON.stringify({ format: 'strata.workspace', version: 1, name: 'Shop', timeZone: 'UTC', files: [file] }),
  );
  return { files: [manifest, csv], purchases };
}

describe('event property filters in the segment builder, in Chromium', () => {
  let app: AppSession;
  const { files, purchases } = dataset();
  const atLeastTwice = (country: string | null) =>
    [...purchases.values()].filter((p) => p.filter((c) => country === null || c === country).length >= 2).length;

  beforeAll(async () => {
    app = await openApp('?lang=zh#/data');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `filters-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  const membersShown = async () => {
    const { page } = app;
    await page.locator('[data-testid="member-count"][data-state="ready"]').waitFor({ timeout: 60_000 });
    return Number((await page.getByTestId('member-count').innerText()).split(' ')[0]!.replace(/,/g, ''));
  };
  const waitForMembers = async (n: number) => {
    await app.page.waitForFunction(
      (want) => {
        const el = document.querySelector('[data-testid="member-count"][data-state="ready"]');
        return el !== null && Number((el.textContent ?? '').split(' ')[0]!.replace(/,/g, '')) === want;
      },
      n,
      { timeout: 60_000 },
    );
  };

  it('adds a Country filter under "did purchase at least 2 times" and the count follows', async () => {
    const { page } = app;
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('import-report').filter({ hasText: 'shop_events.csv' }).waitFor({ timeout: 120_000 });
    // Leaving `?lang=` reloads the page: only a workspace already written to the device comes
    // back, and the Data page's list of what is kept says when it is (it follows the write).
    await page.getByTestId('stored-data').getByText('shop_events.csv', { exact: true }).waitFor({ timeout: 60_000 });
    await page.goto(`${app.appUrl}#/segments/new`);
    await page.getByTestId('segment-editor').waitFor({ timeout: 60_000 });
    const condition = page.getByTestId('condition').first();
    await condition.getByLabel('事件', { exact: true }).selectOption('purchase');
    await condition.getByLabel('次数', { exact: true }).fill('2');
    await condition.getByLabel('时间范围').selectOption('all');
    const unfiltered = atLeastTwice(null);
    await waitForMembers(unfiltered);

    await condition.getByRole('button', { name: '+ 事件属性筛选' }).click();
    const filter = condition.getByTestId('property-filter');
    expect(await filter.getByLabel('事件属性').inputValue()).toBe('country');
    await filter.getByLabel('值', { exact: true }).fill('France');
    const france = atLeastTwice('France');
    expect(france).toBeGreaterThan(0);
    expect(france).toBeLessThan(unfiltered);
    await waitForMembers(france);

    // Quotes and markup in a value are a value: counted, never markup.
    await filter.getByLabel('值', { exact: true }).fill(countries[2]!);
    await waitForMembers(atLeastTwice(countries[2]!));
    await filter.getByLabel('值', { exact: true }).fill('France');
    await waitForMembers(france);
    await page.getByTestId('segment-name').fill('复购 France');
    await screenshot(page, 'segment-property-filter-zh');
    await page.getByTestId('segment-save').click();
    await page.waitForURL(/#\/segments\/seg-/);
  });

  it('keeps the filter across a reload, in English, and removes it again', async () => {
    const { page } = app;
    const hash = new URL(page.url()).hash;
    await page.goto(`${app.appUrl}?lang=en${hash}`);
    await page.reload();
    await page.getByTestId('segment-editor').waitFor({ timeout: 60_000 });
    const filter = page.getByTestId('property-filter');
    expect(await filter.getByLabel('Value', { exact: true }).inputValue()).toBe('France');
    expect(await membersShown()).toBe(atLeastTwice('France'));
    await screenshot(page, 'segment-property-filter-en');
    await filter.getByRole('button', { name: 'Remove property filter' }).click();
    await waitForMembers(atLeastTwice(null));
    expect(await page.getByTestId('property-filter').count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });
});
