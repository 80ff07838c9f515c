import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs } from '../test/e2e/harness';
import { generatePurchases } from './generate-purchases';

type Add = (name: string, ms: number, target?: number) => void;

/** A bench row as bench.test.ts reports it (browser only: there is no native counterpart). */
export interface ChurnPageMeasure {
  name: string;
  rows: number;
  browser: number[];
  native: number[];
  target?: number;
}

/** Horizons set one after the other, each a new BG/NBD result (the fit itself is kept in the worker). */
const horizons = [26, 39, 13];

/** Every panel of the churn page answered, none dimmed, and the next frame painted. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="panel-churn-bgnbd"][data-state="ready"]') !== null &&
      document.querySelector('[data-testid="panel-churn-risk"][data-state="ready"]') !== null &&
      document.querySelector('[data-state="pending"], [data-state="idle"], [data-testid="stale-result"]') === null,
    undefined,
    { timeout: 600_000, polling: 100 },
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** The longest main-thread task so far, and forgets them all. */
const takeLongest = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { longTasks: [number, number][] };
    const longest = Math.max(0, ...w.longTasks.map(([, ms]) => ms));
    w.longTasks.length = 0;
    return longest;
  });

/**
 * Issue 10's page freeze: the churn page on `customers` synthetic purchase customers loaded
 * through the UI; the longest main-thread task while the page opens (every panel, the BG/NBD
 * fit among them), then, for each of `horizons`, while a new BG/NBD result reaches the page
 * and is drawn (the per-customer table used to arrive as 500,000 row objects: a 2.9 s task).
 * Also the time from the horizon change to the new summary on screen.
 */
export async function churnPageRuns(appUrl: string, dataDir: string, customers: number, add: Add): Promise<void> {
  const csv = await generatePurchases(path.join(dataDir, `purchases-${customers}.csv`), customers);
  const manifest = path.join(dataDir, `purchases-${customers}.strata.json`);
  writeFileSync(
    manifest,
    JSON.stringify({
      format: 'strata.workspace',
      version: 1,
      name: 'bench churn page',
      timeZone: 'UTC',
      files: [
        {
          role: 'orders',
          path: path.basename(csv),
          format: 'csv',
          columns: { userId: 'customer_id', time: 'date', amount: 'amount' },
        },
      ],
    }),
  );
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: [number, number][] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push([e.startTime, e.duration]))).observe({
        type: 'longtask',
        buffered: true,
      });
    });
    await page.goto(`${appUrl}?lang=en#/data`);
    await page.getByTestId('file-input').setInputFiles([manifest, csv]);
    await page
      .getByTestId('import-report')
      .filter({ hasText: path.basename(csv) })
      .waitFor({ timeout: 900_000 });
    await takeLongest(page);
    const opened = await page.evaluate(() => {
      location.hash = '#/churn?unit=week&horizon=52';
      return performance.now();
    });
    await settled(page);
    const ready = await page.evaluate(() => performance.now());
    const label = `${customers.toLocaleString('en')} customers`;
    add(`churn page opened, ${label}: longest main-thread task (every panel)`, await takeLongest(page), 50);
    // The BG/NBD panel and the at-risk list's P(alive) rule share one fit (issue 10): the worker is busy once.
    add(`churn page opened to every panel ready, ${label}`, ready - opened);
    for (const horizon of horizons) {
      const changed = await page.evaluate((h) => {
        location.hash = `#/churn?unit=week&horizon=${h}`;
        return performance.now();
      }, horizon);
      // The page's redraw for the new URL (every panel re-renders: the route changed) ends
      // before the worker answers; what follows is the result's arrival.
      const redrawn = await page.evaluate(
        () =>
          new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))),
      );
      // Polled with one querySelector: Playwright's text filters walk the whole page and are long tasks themselves.
      await page.waitForFunction(
        (h) => document.querySelector('[data-testid="churn-bgnbd-summary"]')?.textContent?.includes(`in ${h} weeks`) === true,
        horizon,
        { timeout: 600_000, polling: 50 },
      );
      const shown = await page.evaluate(() => performance.now());
      await settled(page);
      const [whole, arrival] = await page.evaluate((since) => {
        const w = window as unknown as { longTasks: [number, number][] };
        const longest = (xs: [number, number][]) => Math.max(0, ...xs.map(([, ms]) => ms));
        const all = w.longTasks.splice(0);
        return [longest(all), longest(all.filter(([start]) => start >= since))];
      }, redrawn);
      add(`BG/NBD result reaches the page, ${label}: longest main-thread task`, arrival, 50);
      add(`BG/NBD horizon change, ${label}: longest main-thread task (the page's redraw for the URL included)`, whole, 50);
      add(`BG/NBD horizon change to new summary shown, ${label}`, shown - changed);
    }
  } finally {
    await browser.close();
  }
}

/** The rows of churnPageRuns for bench.test.ts (BENCH_CHURN_PAGE_CUSTOMERS, default 500,000). */
export async function churnPageMeasures(appUrl: string, dataDir: string): Promise<ChurnPageMeasure[]> {
  const customers = Number(process.env.BENCH_CHURN_PAGE_CUSTOMERS ?? 500_000);
  const measures: ChurnPageMeasure[] = [];
  await churnPageRuns(appUrl, dataDir, customers, (name, ms, target) => {
    let m = measures.find((x) => x.name === name);
    if (!m) {
      m = { name, rows: customers, browser: [], native: [], ...(target !== undefined ? { target } : {}) };
      measures.push(m);
    }
    m.browser.push(ms);
  });
  return measures;
}
