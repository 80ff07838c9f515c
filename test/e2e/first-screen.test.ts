// Issue 13: a first screen that says what to do, and a page that accepts a drop anywhere.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keptThenLive, openApp, screenshot, slowWasm, waitForChart, watchKeptThenLive, type AppSession } from './harness';

describe('the first screen', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp('?lang=zh#/overview');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await screenshot(app.page, `first-screen-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('says it is a demo, in the chosen language only, and how to analyse one’s own export', async () => {
    const { page } = app;
    await waitForChart(page, 'panel-active');
    expect(await page.getByTestId('dataset-summary').locator('h2').innerText()).toBe('演示：购物 App');
    expect(await page.getByTestId('demo-guide').innerText()).toContain('拖到页面任意位置');
    await screenshot(page, 'first-screen-zh');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    expect(await page.getByTestId('dataset-summary').locator('h2').innerText()).toBe('Demo: shopping app');
    expect(await page.getByTestId('demo-guide').innerText()).toContain('drop an export anywhere on this page');
    await screenshot(page, 'first-screen-en');
  });

  it('draws the demo Overview at once from the answers published with the build, then the engine gives the same (issue 12)', async () => {
    // A new profile, as a first visit; its WebAssembly held back so that what comes first is seen.
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(new URL(app.appUrl).origin) || url.startsWith('data:') || url.startsWith('blob:'))
        return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.route('**/*.wasm', slowWasm);
      await page.addInitScript(watchKeptThenLive);
      await page.goto(`${app.appUrl}?lang=zh#/overview`);
      await page.locator('[data-testid="panel-active"][data-kept] svg [data-mark]').first().waitFor({ timeout: 60_000 });
      await screenshot(page, 'first-screen-published-answers-zh');
      const { keptSeen, liveSeen } = await keptThenLive(page);
      expect(keptSeen?.loading).toBe(true);
      expect(keptSeen?.note).toBe(true);
      expect(keptSeen?.summary).toContain('1,101,122');
      expect(liveSeen.chart).toBe(keptSeen!.chart);
      expect(liveSeen.chart).toMatch(/line: [1-9]/);
      expect(liveSeen.kpis).toBe(keptSeen!.kpis);
      // The other panels too were drawn from the engine's answers in the end.
      await page.getByTestId('panel-top-events').and(page.locator('[data-state="ready"]:not([data-kept])')).waitFor();
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens a file dropped anywhere on the Overview in the Data page’s import preview', async () => {
    const { page } = app;
    await page.evaluate(() => {
      const file = new File(['user,time,event\nu1,2024-01-01 10:00:00,open\nu2,2024-01-02 11:00:00,buy\n'], 'dropped.csv', {
        type: 'text/csv',
      });
      const data = new DataTransfer();
      data.items.add(file);
      const target = document.querySelector('[data-testid="panel-active"]')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.getByTestId('data-page').waitFor();
    await expect.poll(() => page.getByTestId('data-page').innerText()).toContain('dropped.csv');
    expect(page.url()).toContain('#/data');
    await screenshot(page, 'first-screen-dropped-en');
    expect(app.consoleErrors).toEqual([]);
  });
});
