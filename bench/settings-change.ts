import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs } from '../test/e2e/harness';

type Add = (name: string, ms: number, target?: number) => void;

/** A bench row as bench.test.ts reports it (browser only: there is no native counterpart). */
export interface SettingsMeasure {
  name: string;
  rows: number;
  browser: number[];
  native: number[];
  target?: number;
}

/** One setting a user changes on an analysis page: the radio button clicked in a panel's controls. */
interface SettingChange {
  page: string;
  setting: string;
  /** The panel whose control is clicked and whose chart must be redrawn. */
  panel: string;
  /** The value of the radio button clicked (the default is the other value named in `setting`). */
  value: string;
}

/** Issue 13: every analysis page with a setting that a click changes (the defaults are the app's). */
export const settingChanges: readonly SettingChange[] = [
  { page: 'overview', setting: 'grain day→week', panel: 'panel-new-users', value: 'week' },
  { page: 'retention', setting: 'grain week→month', panel: 'panel-retention', value: 'month' },
  { page: 'lifecycle', setting: 'grain week→month', panel: 'panel-lifecycle', value: 'month' },
  { page: 'stickiness', setting: 'grain week→month', panel: 'panel-stickiness', value: 'month' },
  { page: 'rfm', setting: 'split mean→median', panel: 'panel-rfm', value: 'median' },
  { page: 'churn', setting: 'grain month→week', panel: 'panel-churn-rate', value: 'week' },
];

/** The change also timed after the page has been read for `readingMs` (see settingsChangeRuns). */
const readingChange = settingChanges.find((c) => c.page === 'churn')!;
const readingMs = 3_000;

export const settingsTarget = 300;
export const rangeTarget = 500;

interface Timing {
  clickAt: number;
  /** The first moment after the click with every panel ready and nothing dimmed. */
  readyAt: number;
  /** The clicked panel alone ready, undimmed, with its new chart (other panels may still compute). */
  panelAt: number;
  /** Every panel settled and the panel's drawing differs from all it showed before the new result. */
  drawnAt: number;
  /** The next animation frame after that: the frame that paints the new chart. */
  frameAt: number;
  /** The query time the panel reports ("Show SQL (N ms)"): the worker's side. */
  queryMs: number | null;
}

/**
 * Arms the page before the user's input: the input's own timestamp (the first click or change
 * event after arming) starts the clock; it stops at the first animation frame after the panel
 * shows a chart that differs from the one before the input, with no panel on the page pending
 * and no result left dimmed (`stale-result`). The previous result stays on screen, and is even
 * drawn again, while the new one computes (and the page's charts are drawn in an effect after
 * the commit that marks the panel ready), so "a chart exists" would stop the clock too early:
 * the panel's drawing (its charts and text, without Plot's generated ids) must differ from every
 * one it showed before the new result arrived.
 */
async function arm(page: Page, panel: string): Promise<void> {
  await page.evaluate((testId) => {
    const root = document.querySelector(`[data-testid="${testId}"]`);
    if (!root) throw new Error(`no ${testId} on the page`);
    // What the panel draws from its result (charts, and text such as RFM's split values).
    const signature = () =>
      (root.querySelector('.panel-body')?.innerHTML ?? '')
        .replace(/\b(id|href|clip-path|class)="[^"]*"/g, '')
        .replace(/url\(#[^)]*\)/g, '');
    // Every chart the panel showed before its new result: the one before the input, and the
    // previous result drawn again (dimmed) while the new one computes.
    const old = new Set([signature()]);
    const settled = () =>
      root.getAttribute('data-state') === 'ready' &&
      document.querySelector('[data-state="pending"], [data-testid="stale-result"]') === null;
    const state = {
      clickAt: NaN,
      sawPending: false,
      readyAt: NaN,
      panelAt: NaN,
      drawnAt: NaN,
      frameAt: NaN,
      queryMs: null as number | null,
    };
    const onInput = (e: Event) => {
      if (Number.isNaN(state.clickAt)) state.clickAt = e.timeStamp;
    };
    document.addEventListener('click', onInput, true);
    document.addEventListener('change', onInput, true);
    (window as unknown as { settingDone: Promise<unknown> }).settingDone = new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error(`${testId}: no new chart within 120 s of the input`)), 120_000);
      const observer = new MutationObserver(() => {
        if (Number.isNaN(state.clickAt)) return;
        const chart = signature();
        if (root.getAttribute('data-state') !== 'ready' || root.querySelector('[data-testid="stale-result"]')) {
          old.add(chart);
          state.sawPending = true;
          return;
        }
        const fresh = !old.has(chart);
        if (fresh && Number.isNaN(state.panelAt)) state.panelAt = performance.now();
        if (!settled()) {
          state.sawPending = true;
          return;
        }
        if (state.sawPending && Number.isNaN(state.readyAt)) state.readyAt = performance.now();
        if (!fresh) return;
        state.drawnAt = performance.now();
        observer.disconnect();
        document.removeEventListener('click', onInput, true);
        document.removeEventListener('change', onInput, true);
        const ms = root.querySelector('details.sql summary .muted')?.textContent?.replace(/[^\d]/g, '');
        state.queryMs = ms ? Number(ms) : null;
        requestAnimationFrame(() => {
          state.frameAt = performance.now();
          resolve(state);
        });
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  }, panel);
}

async function finished(page: Page): Promise<Timing> {
  return page.evaluate(() => (window as unknown as { settingDone: Promise<Timing> }).settingDone);
}

/**
 * Waits until the page's panels have all answered and drawn, and the worker is idle for a
 * moment. An answer published with the build (`data-kept`) is drawn before the demo's tables
 * are in the engine: a change made then waits for them, which is the first screen's time, not
 * a settings change's.
 */
async function settle(page: Page, panel: string, idleMs = 500): Promise<void> {
  await page.waitForSelector(`[data-testid="${panel}"][data-state="ready"]:not([data-kept]) svg [data-mark] > *`, {
    timeout: 300_000,
    state: 'attached',
  });
  await page.waitForFunction(
    () => document.querySelector('[data-state="pending"], [data-testid="stale-result"], [data-kept]') === null,
    null,
    { timeout: 300_000 },
  );
  await page.waitForTimeout(idleMs);
}

const describe = (t: Timing) =>
  `panel alone ${(t.panelAt - t.clickAt).toFixed(0)} ms; input→ready ${(t.readyAt - t.clickAt).toFixed(0)} ms (query ${t.queryMs ?? '?'} ms in the worker), ` +
  `ready→chart ${(t.drawnAt - t.readyAt).toFixed(0)} ms, chart→frame ${(t.frameAt - t.drawnAt).toFixed(0)} ms`;

/** Clicks the radio button of `change` in its panel, as a user would, and times the redraw. */
async function timeChange(page: Page, change: SettingChange): Promise<Timing> {
  await arm(page, change.panel);
  await page
    .locator(`[data-testid="${change.panel}"] .panel-controls input[type="radio"][value="${change.value}"]`)
    .first()
    .click();
  const timing = await finished(page);
  console.log(
    `settings change: ${change.page} ${change.setting}: ${(timing.frameAt - timing.clickAt).toFixed(0)} ms; ${describe(timing)}`,
  );
  return timing;
}

/** The number of events in the built-in demo (its gzipped events file, less the header). */
function demoEvents(): number {
  const text = gunzipSync(readFileSync(path.resolve(__dirname, '../public/demo/events.csv.gz'))).toString('utf8');
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/**
 * Issue 13's "settings change" rows: the built app opens its demo at `#/overview` in a fresh
 * headless Chromium each run; on each analysis page in turn, once every panel has drawn, one
 * setting is clicked and timed from the click to the frame that paints the panel's new chart
 * (see `arm`). Each run changes each setting once, from the page's default, 500 ms after the
 * page settled; then churn's grain again on a fresh page, `readingMs` after it settled.
 */
export async function settingsChangeRuns(appUrl: string, runs: number, add: Add): Promise<void> {
  for (let run = 0; run < runs; run++) {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${appUrl}?lang=en#/overview`);
      await settle(page, 'panel-active');
      for (const change of settingChanges) {
        if (change.page !== 'overview') {
          await page.evaluate((id) => {
            location.hash = `#/${id}`;
          }, change.page);
        }
        await settle(page, change.panel);
        const timing = await timeChange(page, change);
        add(`settings change: ${change.page} ${change.setting}`, timing.frameAt - timing.clickAt, settingsTarget);
      }
      await page.close();
      // The same churn change as a person makes it: the page read for a few seconds first, in
      // which the worker computes the other grains ahead (src/ui/workspace/idle-prefetch.ts).
      // Its own fresh page, for the page above has the weekly answers already.
      const reading = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await reading.goto(`${appUrl}?lang=en#/churn`);
      await settle(reading, readingChange.panel, readingMs);
      const timing = await timeChange(reading, readingChange);
      add(
        `settings change: ${readingChange.page} ${readingChange.setting}, ${readingMs / 1000} s after the page drew`,
        timing.frameAt - timing.clickAt,
        settingsTarget,
      );
      await reading.close();
    } finally {
      await browser.close();
    }
  }
}

/** The rows of settingsChangeRuns, on the demo's events. */
export async function settingsChangeMeasures(appUrl: string, runs: number): Promise<SettingsMeasure[]> {
  const rows = demoEvents();
  const measures: SettingsMeasure[] = [];
  await settingsChangeRuns(appUrl, runs, (name, ms, target) => {
    let m = measures.find((x) => x.name === name);
    if (!m) {
      m = { name, rows, browser: [], native: [], ...(target !== undefined ? { target } : {}) };
      measures.push(m);
    }
    m.browser.push(ms);
  });
  return measures;
}

/** A date-range change timed on one analysis page: the preset picked, and the panel whose chart must be redrawn. */
interface RangeChange {
  page: string;
  title: string;
  panel: string;
  preset: 'last7' | 'last30' | 'last90';
}

/**
 * Each page in turn, with the range the one before left in the URL: every change picks a range
 * not asked for before on that page, so no answer is reused.
 */
const rangeChanges: readonly RangeChange[] = [
  { page: 'overview', title: 'Overview', panel: 'panel-active', preset: 'last30' },
  { page: 'retention', title: 'Retention', panel: 'panel-retention', preset: 'last90' },
  { page: 'lifecycle', title: 'Lifecycle', panel: 'panel-lifecycle', preset: 'last7' },
];

/**
 * Issue 13's "date-range change" rows, in browserRun's browser: a fresh page opens the bench's
 * generated events through the data page (with a manifest beside the file, as a user drops
 * them); then on the Overview, Retention and Lifecycle pages in turn, once the page has drawn,
 * a preset is picked in the range select; timed from the change event to the frame that paints
 * the page's main panel's new chart, every other panel of the page answered too (see `arm`).
 */
export async function dateRangeChange(
  page: Page,
  appUrl: string,
  file: string,
  manifest: Record<string, unknown>,
  add: Add,
  target?: number,
): Promise<void> {
  const manifestFile = file.replace(/\.csv$/, '.strata.json');
  const files = (manifest.files as Record<string, unknown>[]).map((f) => ({ ...f, path: path.basename(file) }));
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, files }));
  // `bench` keeps the demo from opening by itself; the data page loads the file as for a user.
  await page.goto(`${appUrl}?bench&lang=en#/data`);
  await page.getByTestId('file-input').setInputFiles([manifestFile, file]);
  await page
    .getByTestId('import-report')
    .filter({ hasText: path.basename(file) })
    .waitFor({ timeout: 900_000 });
  await page.getByTestId('stored-data').getByText(path.basename(file), { exact: true }).waitFor({ timeout: 900_000 });
  for (const change of rangeChanges) {
    await page.evaluate((id) => {
      // The range chosen on the page before stays, as it does when a user moves between pages.
      location.hash = `#/${id}${location.hash.includes('?') ? location.hash.slice(location.hash.indexOf('?')) : ''}`;
    }, change.page);
    await page.getByTestId(change.panel).waitFor();
    await settle(page, change.panel);
    await arm(page, change.panel);
    await page.getByTestId('range-preset').selectOption(change.preset);
    const timing = await finished(page);
    const name = `date-range change (${change.title})`;
    console.log(`${name}: ${(timing.frameAt - timing.clickAt).toFixed(0)} ms; ${describe(timing)}`);
    add(name, timing.frameAt - timing.clickAt, target);
  }
  await page.close();
}
