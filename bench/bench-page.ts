import { chromium, type Page } from 'playwright-core';
import type { AnalysisRequest } from '../src/analyses/request';
import { chromiumArgs } from '../test/e2e/harness';

// A bench page: the built app in Chromium with one file loaded through its engine, and
// requests timed from the page. Long main-thread tasks are recorded from the start.

/** A file input of the bench's own, holding `file`, for the engine to be handed it (the app's own input starts a load). */
export async function benchFileInput(page: Page, id: string, file: string): Promise<void> {
  await page.evaluate((inputId) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = inputId;
    document.body.append(input);
  }, id);
  await page.locator(`#${id}`).setInputFiles(file);
}

/** Opens the built app, loads one file into it, and hands the page over; the browser closes after. */
export async function withLoaded(
  appUrl: string,
  file: string,
  manifest: { files: { path: string }[] },
  body: (page: Page) => Promise<void>,
): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
        type: 'longtask',
        buffered: true,
      });
    });
    await page.goto(`${appUrl}?bench#/data`);
    const started = await page.evaluate(async () => {
      const engine = (window as unknown as { strataEngine: { ready: () => Promise<{ ok: boolean }> } }).strataEngine;
      return (await engine.ready()).ok;
    });
    if (!started) throw new Error('engine did not start');
    await benchFileInput(page, 'bench-churn-file', file);
    const loaded = await page.evaluate(async (m) => {
      const engine = (
        window as unknown as {
          strataEngine: { loadWorkspace: (m: unknown, f: unknown[]) => Promise<{ ok: boolean; error?: unknown }> };
        }
      ).strataEngine;
      const input = document.getElementById('bench-churn-file') as HTMLInputElement;
      const outcome = await engine.loadWorkspace(m, [{ path: m.files[0]!.path, file: input.files![0] }]);
      return { ok: outcome.ok, error: JSON.stringify(outcome.error) };
    }, manifest);
    if (!loaded.ok) throw new Error(`${file} did not load: ${loaded.error}`);
    // The workspace is in use before its per-event tables are built (issue 12); the rows that
    // come through here time queries on a built workspace, as the main rows do (top events reads
    // event_totals, the last table made).
    const built = await timedRun(page, { kind: 'top-events', spec: { limit: 500 } });
    if (built.problem !== null) throw new Error(`${file}: the tables were not built: ${built.problem}`);
    await body(page);
  } finally {
    await browser.close();
  }
}

/** One request through the engine, timed from the page: the run in the worker and the rows back. */
export async function timedRun(
  page: Page,
  request: AnalysisRequest,
): Promise<{ ms: number; rows: number; customers: number | null; problem: string | null }> {
  return page.evaluate(async (request) => {
    const engine = (
      window as unknown as {
        strataEngine: {
          run: (
            p: string,
            s: unknown,
          ) => Promise<{ ok: boolean; error?: unknown; value?: { rows: unknown[]; tables?: Record<string, unknown[]> } }>;
        };
      }
    ).strataEngine;
    const t = performance.now();
    const result = await engine.run('bench-run', request);
    const ms = performance.now() - t;
    const problem = result.ok ? (result.value?.tables?.problem ?? null) : result.error;
    // A BG/NBD fit sends one page of customers, and their number in its `fit` facts.
    const fit = result.value?.tables?.fit?.[0] as { customers?: number } | undefined;
    return {
      ms,
      rows: result.value?.rows.length ?? 0,
      customers: fit?.customers ?? null,
      problem: problem === null ? null : JSON.stringify(problem),
    };
  }, request);
}

export const longestTask = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    const longest = Math.max(0, ...w.longTasks);
    w.longTasks.length = 0;
    return longest;
  });
