import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { expect } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.mjs';

export const repoRoot = path.resolve(__dirname, '../..');
export const sharedData = path.resolve(repoRoot, '../shared/data');
export const artifactsDir = path.resolve(repoRoot, 'test-results');
/** The built app under test: dist/, or another build (`vite build --outDir X`) named by STRATA_DIST. */
export const distDir = process.env.STRATA_DIST ? path.resolve(process.env.STRATA_DIST) : path.join(repoRoot, 'dist');

/** Flags for Debian's Chromium on a closed network, as root, headless. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export interface AppSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  appUrl: string;
  consoleErrors: string[];
  outsideRequests: string[];
  close: () => Promise<void>;
}

/**
 * Serves dist/ under a sub-path on 127.0.0.1 and opens it in real headless Chromium.
 * Any request that leaves the origin is recorded (and aborted), as is every console error.
 */
export async function openApp(query = '', base = '/strata/sub/'): Promise<AppSession> {
  const server = await startStaticServer({ root: distDir, base });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Playwright gives every launch a fresh, empty user-data dir of its own.
    args: chromiumArgs,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const origin = new URL(server.url).origin;
  const outsideRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outsideRequests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(server.url + query);
  return {
    browser,
    context,
    page,
    appUrl: server.url,
    consoleErrors,
    outsideRequests,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Keeps a screenshot of the page under test-results/ (on failure, or to look at). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until a panel has drawn its chart: ready state and at least one mark in its SVG. */
export async function waitForChart(page: Page, testId: string, timeout = 60_000): Promise<void> {
  await page.waitForSelector(`[data-testid="${testId}"][data-state="ready"] svg [data-mark] > *`, {
    timeout,
    state: 'attached',
  });
}

/** What the Overview's first chart showed when drawn (issue 12: kept or published answers, then the engine's). */
export interface ChartSeen {
  /** The marks and their shapes, not their coordinates (a chart drawn before the scroll bar appears is wider). */
  chart: string;
  kpis: string;
  summary: string;
  /** Whether the workspace was still loading, and the note on answers drawn ahead was shown. */
  loading: boolean;
  note: boolean;
}

/**
 * An init script: records the Overview's first chart drawn from answers kept (or published) and
 * the first drawn from the engine's own answer, as `keptSeen` and `liveSeen` on window.
 */
export function watchKeptThenLive() {
  const w = window as unknown as { keptSeen?: ChartSeen; liveSeen?: ChartSeen };
  const seen = (kept: boolean): ChartSeen | null => {
    const panel = document.querySelector(
      `[data-testid="panel-active"][data-state="ready"]${kept ? '[data-kept]' : ':not([data-kept])'}`,
    );
    // The first chart of the panel (the DAU/MAU chart under it draws in a later task).
    const marks = panel?.querySelector('svg:has([data-mark])')?.querySelectorAll('[data-mark]');
    if (!marks?.length || !marks[0]!.firstElementChild) return null;
    return {
      chart: [...marks].map((m) => `${m.getAttribute('data-mark')}: ${m.childElementCount}`).join('\n'),
      kpis: document.querySelector('[data-testid="kpis"]')?.textContent ?? '',
      summary: document.querySelector('[data-testid="dataset-summary"] dl')?.textContent ?? '',
      loading: document.querySelector('[data-testid="loading"]') !== null,
      note: document.querySelector('[data-testid="kept-answers-note"]') !== null,
    };
  };
  const observer = new MutationObserver(() => {
    w.keptSeen ??= seen(true) ?? undefined;
    w.liveSeen ??= seen(false) ?? undefined;
    if (w.liveSeen) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

/** What watchKeptThenLive saw, once the engine's own chart is drawn. */
export async function keptThenLive(page: Page): Promise<{ keptSeen?: ChartSeen; liveSeen: ChartSeen }> {
  await page.waitForFunction(() => (window as unknown as { liveSeen?: unknown }).liveSeen, null, { timeout: 120_000 });
  return page.evaluate(() => {
    const w = window as unknown as { keptSeen?: ChartSeen; liveSeen: ChartSeen };
    return { keptSeen: w.keptSeen, liveSeen: w.liveSeen };
  });
}

/** A route handler: the engine's WebAssembly held back 3 s, as on a slow machine, so what is drawn meanwhile is seen. */
export async function slowWasm(route: Route): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await route.continue();
}

/**
 * Issue 13, bug 9: the two charts of a panel stacked one over the other have one x scale and
 * one left edge: each date's tick label sits at the same x in both.
 */
export async function expectStackedChartsAligned(page: Page, panel: string): Promise<void> {
  const tickXs = await page.getByTestId(panel).evaluate((root) =>
    [...root.querySelectorAll('svg')]
      .map((svg) =>
        Object.fromEntries(
          [...svg.querySelectorAll('[data-mark="x-axis tick label"] text')]
            .filter((t) => t.textContent)
            .map((t) => {
              const box = t.getBoundingClientRect();
              return [t.textContent, box.x + box.width / 2];
            }),
        ),
      )
      .filter((ticks) => Object.keys(ticks).length > 0),
  );
  expect(tickXs).toHaveLength(2);
  const [above, below] = tickXs as [Record<string, number>, Record<string, number>];
  expect(Object.keys(below).length).toBeGreaterThanOrEqual(3);
  expect(Object.keys(above)).toEqual(Object.keys(below));
  for (const [label, x] of Object.entries(above)) expect(Math.abs(x - below[label]!), label).toBeLessThan(1);
}

/** The y axis title of the panel's chart clears every y tick label (a rotated title ran into long ones). */
export async function expectYAxisTitleClear(page: Page, panel: string): Promise<void> {
  const overlaps = await page.getByTestId(panel).evaluate((root) => {
    const svg = root.querySelector('svg:has([data-mark="y-axis label"])');
    const title = svg?.querySelector('[data-mark="y-axis label"] text')?.getBoundingClientRect();
    if (!svg || !title) return ['no y axis title'];
    return [...svg.querySelectorAll('[data-mark="y-axis tick label"] text')]
      .filter((t) => {
        const box = t.getBoundingClientRect();
        return box.right > title.left && box.left < title.right && box.bottom > title.top && box.top < title.bottom;
      })
      .map((t) => t.textContent ?? '');
  });
  expect(overlaps).toEqual([]);
}
