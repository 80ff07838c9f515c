import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, waitForChart, type AppSession } from './harness';

// Issues 9 and 13: the users behind a stickiness bucket and a lifecycle bar (list, CSV, save as
// segment), and retention broken down by two of those segments, side by side, kept in the URL.
describe('users behind bars, and retention by segment, in Chromium (demo data)', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp('?lang=zh#/stickiness');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `users-bars-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens the users of a stickiness bucket, downloads them all and saves them as a segment', async () => {
    const { page } = app;
    await waitForChart(page, 'panel-stickiness');
    // The span box shows the first day of the span in use (the data's last), as the text says.
    const spanText = await page
      .getByTestId('panel-stickiness')
      .getByText(/ – .*活跃用户/)
      .innerText();
    const [, y, m, d] = /^(\d{4})\/(\d{2})\/(\d{2})/.exec(spanText) ?? [];
    expect(await page.locator('[data-testid="panel-stickiness"] input[type="date"]').inputValue()).toBe(`${y}-${m}-${d}`);
    const row = page.locator('[data-testid="stickiness-buckets"] tbody tr').nth(1);
    const button = row.locator('button').first();
    const shown = (await button.innerText()).trim();
    await button.click();
    const users = page.getByTestId('bucket-users');
    await users.waitFor();
    const heading = await users.locator('h3').innerText();
    expect(heading).toMatch(new RegExp(`恰好活跃 2 天的用户（${shown} 人）$`));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      users.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe('"user_id"');
    expect((csv.length - 1).toLocaleString('en-US')).toBe(shown);
    expect(await users.locator('a[href^="#/user?id="]').count()).toBe(Math.min(200, csv.length - 1));
    await users.getByRole('button', { name: '存为分群' }).click();
    await users.getByRole('status').waitFor();
    await screenshot(page, 'stickiness-bucket-users-zh');
  });

  it('opens the users of a lifecycle bar from the keyboard, as many as the bar, and saves them', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}?lang=zh#/lifecycle`);
    await waitForChart(page, 'panel-lifecycle');
    const picker = page.getByTestId('lifecycle-bar-picker');
    await picker.locator('select').selectOption({ index: 2 });
    const returning = picker.locator('button[data-state="returning"]');
    const count = (await returning.innerText()).replace(/^\D+/, '').trim();
    await returning.focus();
    await page.keyboard.press('Enter');
    const users = page.getByTestId('bar-users');
    await users.waitFor();
    expect(await users.locator('h3').innerText()).toMatch(new RegExp(`留存用户（${count} 人）$`));
    await users.getByRole('button', { name: '存为分群' }).click();
    await users.getByRole('status').waitFor();
    await screenshot(page, 'lifecycle-bar-users-zh');
  });

  it('breaks retention down by the two segments: two curves, a table row each, the URL holds them', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}?lang=zh#/retention`);
    await waitForChart(page, 'panel-retention');
    const pick = page.getByTestId('segment-side-by-side');
    await pick.locator('summary').click();
    const boxes = pick.getByRole('checkbox');
    expect(await boxes.count()).toBe(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await waitForChart(page, 'panel-retention-segments');
    expect(decodeURIComponent(page.url())).toMatch(/segments=seg-[^,&]+,seg-[^,&]+/);
    const curves = page.locator('[data-testid="panel-retention-segments"] svg [data-mark="line"] path');
    expect(await curves.count()).toBe(2);
    expect(await page.locator('[data-testid="retention-segments-table"] tbody tr').count()).toBe(2);
    await screenshot(page, 'retention-by-segment-zh');
    // A reload (and so a copied link) keeps the breakdown.
    await page.reload();
    await waitForChart(page, 'panel-retention-segments');
    // Polled: CI on 66d1b2c once counted no curve at the first chart after the reload (not seen
    // again in five runs here).
    await expect.poll(() => curves.count(), { timeout: 30_000 }).toBe(2);
    await page.goto(page.url().replace('lang=zh', 'lang=en'));
    await waitForChart(page, 'panel-retention-segments');
    await page.getByRole('heading', { name: 'Retention by segment' }).waitFor();
    await screenshot(page, 'retention-by-segment-en');
    await page.goto(`${app.appUrl}?lang=en#/stickiness?grain=month`);
    await waitForChart(page, 'panel-stickiness');
    await page.locator('[data-testid="stickiness-buckets"] tbody tr').nth(2).locator('button').nth(1).click();
    expect(await page.getByTestId('bucket-users').locator('h3').innerText()).toMatch(/^Users active on at least 3 days, /);
    await screenshot(page, 'stickiness-bucket-users-en');
    await page.goto(`${app.appUrl}?lang=en#/lifecycle?grain=month`);
    await waitForChart(page, 'panel-lifecycle');
    await page.getByTestId('lifecycle-bar-picker').locator('button[data-state="dormant"]').click();
    expect(await page.getByTestId('bar-users').locator('h3').innerText()).toMatch(/^Dormant users, month of /);
    await screenshot(page, 'lifecycle-bar-users-en');
    expect(app.consoleErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });
});
