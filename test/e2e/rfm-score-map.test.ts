// Issue 9: the named segments come from an editable score map (first rule that holds wins).
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, waitForChart, type AppSession } from './harness';

type Range = [number, number];
type Rule = [segment: string, r: Range, f: Range, m: Range];
const any: Range = [1, 5];

/** The map the test edits the default into: Champions from R 4, Lost removed (R 1, F 1-2 become Other). */
const edited: Rule[] = [
  ['champions', [4, 5], [4, 5], any],
  ['loyal', [3, 4], [4, 5], any],
  ['potential-loyalist', [4, 5], [2, 3], any],
  ['new-customers', [5, 5], [1, 1], any],
  ['promising', [4, 4], [1, 1], any],
  ['need-attention', [3, 3], [3, 3], any],
  ['about-to-sleep', [3, 3], [1, 2], any],
  ['cant-lose-them', [1, 2], [5, 5], any],
  ['at-risk', [1, 2], [3, 4], any],
  ['hibernating', [2, 2], [1, 2], any],
];

/** First-match over the test's own copy of the map, written apart from the app's. */
function expectedSegment(r: number, f: number, m: number): string {
  const inside = (v: number, [lo, hi]: Range) => v >= lo && v <= hi;
  const rule = edited.find(([, rr, fr, mr]) => inside(r, rr) && inside(f, fr) && inside(m, mr));
  return rule ? rule[0] : 'other';
}

/** RFC 4180 rows (quoted fields may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"')),
    );
}

describe('RFM score map editor in Chromium (issue 9)', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `rfm-map-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  const usersOf = async (segment: string) => {
    const text = await app.page.locator(`[data-testid="rfm-segments"] tr[data-group="${segment}"] td`).nth(1).innerText();
    return Number(text.replace(/[^0-9]/g, ''));
  };

  it('regroups the table, the CSV group column and a saved segment; refuses a reversed range in words', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}#/rfm?view=named`);
    await waitForChart(page, 'panel-rfm');
    await expect.poll(() => page.locator('[data-testid="rfm-segments"] tbody tr').count()).toBe(11);
    const before = { champions: await usersOf('champions'), loyal: await usersOf('loyal') };

    const editor = page.getByTestId('rfm-map-editor');
    await editor.locator('summary').click();
    await editor.locator('tr[data-rule="1"] select[data-bound="r0"]').selectOption('4');
    await expect.poll(() => new URL(page.url()).hash).toContain('map=champions.45.45.15_loyal.34.45.15');

    // A reversed range is a draft with a message; the link and the numbers keep the last valid map.
    const kept = page.url();
    await editor.locator('tr[data-rule="2"] select[data-bound="f1"]').selectOption('3');
    await expect.poll(() => editor.getByTestId('rfm-map-problems').innerText()).toContain('第 2 条规则的 F 分值范围 4–3 无效');
    expect(page.url()).toBe(kept);
    await screenshot(page, 'rfm-map-invalid-zh');
    await editor.locator('tr[data-rule="2"] select[data-bound="f1"]').selectOption('5');
    await expect.poll(() => editor.getByTestId('rfm-map-problems').count()).toBe(0);

    await editor.getByRole('button', { name: '删除 11' }).click();
    await expect.poll(() => page.locator('[data-testid="rfm-segments"] tr[data-group="other"]').count()).toBe(1);
    await expect.poll(() => editor.getByTestId('rfm-map-notes').innerText()).toContain('125 种 R/F/M 分值组合中有 10 种');
    await screenshot(page, 'rfm-map-edited-zh');

    // Every customer's scores, from the CSV, grouped by the test's own first-match.
    await page.getByTestId('rfm-list-customers').click();
    await page.locator('[data-testid="panel-rfm-customers"][data-state="ready"]').waitFor({ timeout: 60_000 });
    const details = page.locator('[data-testid="panel-rfm-customers"] details.data-table');
    await details.locator('summary').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      details.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8'));
    expect(header).toEqual(['user_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'group']);
    const expected = new Map<string, number>();
    const names = new Map<string, string>();
    for (const row of rows) {
      const key = expectedSegment(Number(row[4]), Number(row[5]), Number(row[6]));
      expected.set(key, (expected.get(key) ?? 0) + 1);
      names.set(key, names.get(key) ?? row[7]!);
      expect(row[7], `customer ${row[0]}`).toBe(names.get(key));
    }
    expect(expected.get('other') ?? 0).toBeGreaterThan(0);
    for (const [segment, users] of expected) expect(await usersOf(segment), segment).toBe(users);
    for (const [segment, name] of names) {
      expect(await page.locator(`[data-testid="rfm-segments"] tr[data-group="${segment}"] th`).innerText()).toBe(name);
    }
    expect(names.get('other')).toBe('其他 Other');
    // Champions took R 4, F 4-5 from Loyal.
    expect(expected.get('champions')!).toBeGreaterThan(before.champions);
    expect(expected.get('champions')! - before.champions).toBe(before.loyal - (expected.get('loyal') ?? 0));

    // "Other" saved as a segment has as many members as the table says.
    await page.locator('[data-testid="rfm-segments"] tr[data-group="other"]').getByRole('button', { name: '存为分群' }).click();
    await page.locator('[data-testid="rfm-segments"] tr[data-group="other"] a[role="status"]').click();
    await expect
      .poll(async () => (await page.locator('.segment-count').first().innerText()).replace(/,/g, ''))
      .toContain(String(expected.get('other')));

    // Reset brings the default map back (no `map` in the link, no Other).
    await page.goBack();
    await waitForChart(page, 'panel-rfm');
    await page.locator('label.lang select').selectOption('en');
    await page.getByTestId('rfm-map-editor').locator('summary').isVisible();
    await screenshot(page, 'rfm-map-edited-en');
    await page.getByTestId('rfm-map-reset').click();
    await expect.poll(() => page.url()).not.toContain('map=');
    await expect.poll(() => page.locator('[data-testid="rfm-segments"] tr[data-group="other"]').count()).toBe(0);
    expect(await usersOf('champions')).toBe(before.champions);
    expect(app.consoleErrors).toEqual([]);
  });

  it('says in words when the link carries a map it cannot read, and uses the default', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}#/rfm?view=named&map=champions.55.45.15_vip.11.11.11`);
    await waitForChart(page, 'panel-rfm');
    await expect.poll(() => page.getByTestId('rfm-map-invalid').innerText()).toContain('“vip”');
    await expect.poll(() => page.locator('[data-testid="rfm-segments"] tbody tr').count()).toBe(11);
  });
});
