import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type AppSession } from './harness';

// Issue 9: a user's profile, opened from a retention cell's users and by its address.
describe('the user profile in Chromium (demo data)', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp('?lang=zh#/retention');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `profile-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens from the users behind a retention cell and draws the timeline a window at a time', async () => {
    const { page } = app;
    await page.getByTestId('retention-table').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="retention-table"] tbody tr').first().locator('button').nth(1).click();
    const link = page.getByTestId('cell-users').locator('a').first();
    const id = await link.innerText();
    await link.click();
    await page.getByTestId('timeline').waitFor({ timeout: 60_000 });
    expect(decodeURIComponent(page.url())).toContain(`#/user?id=${id}`);
    const facts = await page.getByTestId('profile-facts').innerText();
    expect(facts).toMatch(/首次活跃\s+\d{4}\/\d{2}\/\d{2}/);
    const events = Number(/事件数\s+([\d,]+)/.exec(facts)?.[1]?.replace(/,/g, ''));
    expect(events).toBeGreaterThan(0);
    // Every event has a line, but only those in view (and a margin) are in the page.
    const drawn = await page.locator('[data-testid="timeline"] .timeline-event').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThanOrEqual(Math.min(events, 60));
    // The RFM group (default settings, scored against every customer), or no purchases.
    const rfm = page.locator('[data-testid="profile-rfm"][data-state="ready"]');
    await rfm.waitFor({ timeout: 60_000 });
    const purchases = Number(/购买次数\s+([\d,]+)/.exec(facts)?.[1]?.replace(/,/g, ''));
    if (purchases > 0) {
      expect(await rfm.innerText()).toMatch(
        /^RFM 价值分层：\s*(重要|一般)(价值|发展|保持|挽留)客户 R [1-5] · F [1-5] · M [1-5]（/,
      );
      expect(await rfm.innerText()).toContain(`，订单 ${purchases}，`);
    } else {
      expect(await rfm.innerText()).toBe('RFM 价值分层： 无购买');
    }
    await screenshot(page, 'profile-zh');
  });

  it('reads well in English too', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl.replace(/\?.*$/, '')}?lang=en#/user?id=u000001`);
    await page.getByTestId('timeline').waitFor({ timeout: 60_000 });
    const facts = await page.getByTestId('profile-facts').innerText();
    expect(facts).toContain('First seen');
    const rfm = page.locator('[data-testid="profile-rfm"][data-state="ready"]');
    await rfm.waitFor({ timeout: 60_000 });
    const purchases = Number(/Purchases\s+([\d,]+)/.exec(facts)?.[1]?.replace(/,/g, ''));
    expect(await rfm.innerText()).toMatch(
      purchases > 0
        ? new RegExp(
            `^RFM group: (Important|General) (value|to develop|to keep|to win back) R [1-5] · F [1-5] · M [1-5] \\(.*; orders: ${purchases};`,
          )
        : /^RFM group: no purchases$/,
    );
    await screenshot(page, 'profile-en');
    // Another user opened on this page (a link, Back): the id box follows.
    expect(await page.getByTestId('profile-search').inputValue()).toBe('u000001');
    await page.evaluate(() => {
      location.hash = '#/user?id=u000002';
    });
    await page.getByTestId('panel-profile').getByText('u000002').first().waitFor();
    expect(await page.getByTestId('profile-search').inputValue()).toBe('u000002');
    await page.goBack();
    await page.getByTestId('panel-profile').getByText('u000001').first().waitFor();
    expect(await page.getByTestId('profile-search').inputValue()).toBe('u000001');
    expect(app.consoleErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });
});
