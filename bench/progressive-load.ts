import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs } from '../test/e2e/harness';
import { benchFileInput } from './bench-page';
import { liveChart, watchScript, type ReopenMeasure } from './reopen-encrypted';

/**
 * Issue 12's progressive load, from the user's side, in headless Chromium against the built
 * app: an events file (with its manifest) dropped on the Data page of a started app, the user
 * going straight to the Overview, timed from the file input's change to the first chart holding
 * a mark (DAU/WAU/MAU). Its yardstick, in a fresh tab of the same browser, interleaved: DuckDB-WASM
 * alone reading the same file into a table (read_csv, its own sniffing), timed in the engine.
 */

interface EngineHandle {
  ready: () => Promise<{ ok: boolean }>;
  bareReadCsv: (file: Blob) => Promise<{ ok: boolean; value?: number; error?: unknown }>;
}

/** Records the first change of the Data page's file input, in page time. */
function watchDrop() {
  const w = window as unknown as { reopenBench: { droppedAt?: number } };
  document.addEventListener(
    'change',
    (e) => {
      if ((e.target as Element).closest('[data-testid="file-input"]')) w.reopenBench.droppedAt ??= performance.now();
    },
    true,
  );
}

/**
 * How long the user is on the Data page before the file is dropped, in the second row: time the
 * engine spends warming up (src/engine/warm-up.ts). The first row drops it the moment the engine
 * is ready, which no person does.
 */
export const onDataPageMs = 6000;

async function dropToFirstChart(browser: Browser, appUrl: string, files: string[], waitMs = 0): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(watchScript, liveChart);
    await page.addInitScript(watchDrop);
    // `bench` keeps the demo from opening by itself: nothing else runs in the engine.
    await page.goto(`${appUrl}?bench&lang=en#/data`);
    const started = await page.evaluate(
      async () => (await (window as never as { strataEngine: EngineHandle }).strataEngine.ready()).ok,
    );
    if (!started) throw new Error('engine did not start');
    await page.waitForTimeout(waitMs);
    await page.getByTestId('file-input').setInputFiles(files);
    await page.evaluate(() => {
      location.hash = '#/overview';
    });
    await page.waitForFunction(() => (window as unknown as { reopenBench: { chartAt?: number } }).reopenBench.chartAt, null, {
      timeout: 900_000,
      polling: 200,
    });
    return await page.evaluate(() => {
      const { droppedAt, chartAt } = (window as unknown as { reopenBench: { droppedAt: number; chartAt: number } }).reopenBench;
      return chartAt - droppedAt;
    });
  } finally {
    await context.close();
  }
}

async function bareReadCsv(browser: Browser, appUrl: string, file: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Not the Data page, which has the engine warm up for an import (src/engine/warm-up.ts): the
    // yardstick is DuckDB-WASM alone, in a tab where the app does nothing else.
    await page.goto(`${appUrl}?bench&lang=en#/overview`);
    await benchFileInput(page, 'bench-bare-file', file);
    const outcome = await page.evaluate(async () => {
      const engine = (window as never as { strataEngine: EngineHandle }).strataEngine;
      await engine.ready();
      const input = document.getElementById('bench-bare-file') as HTMLInputElement;
      const read = await engine.bareReadCsv(input.files![0]!);
      return { ok: read.ok, ms: read.value ?? NaN, error: JSON.stringify(read.error ?? null) };
    });
    if (!outcome.ok) throw new Error(`bare read_csv failed: ${outcome.error}`);
    return outcome.ms;
  } finally {
    await context.close();
  }
}

/** The drop of `file` to the Overview's first chart, against DuckDB-WASM's bare read_csv of it. */
export async function progressiveLoadMeasure(
  appUrl: string,
  file: string,
  manifest: Record<string, unknown>,
  rows: number,
  runs = 3,
): Promise<(ReopenMeasure & { targetRatio: number })[]> {
  const manifestFile = file.replace(/\.csv$/, '.strata.json');
  const files = (manifest.files as Record<string, unknown>[]).map((f) => ({ ...f, path: path.basename(file) }));
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, files }));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  const firstCharts: number[] = [];
  const afterAWhile: number[] = [];
  const bare: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      firstCharts.push(await dropToFirstChart(browser, appUrl, [manifestFile, file]));
      bare.push(await bareReadCsv(browser, appUrl, file));
      afterAWhile.push(await dropToFirstChart(browser, appUrl, [manifestFile, file], onDataPageMs));
      console.log(
        `progressive load run ${run + 1}: first chart ${firstCharts.at(-1)!.toFixed(0)} ms; bare read_csv ${bare.at(-1)!.toFixed(0)} ms; first chart, dropped after ${onDataPageMs} ms ${afterAWhile.at(-1)!.toFixed(0)} ms`,
      );
    }
  } finally {
    await browser.close();
  }
  return [
    {
      name: 'progressive load: events file dropped on the Data page to the first Overview chart (through the UI); native column = DuckDB-WASM alone reading the file (read_csv) in the same browser',
      rows,
      browser: firstCharts,
      native: bare,
      targetRatio: 1.3,
    },
    {
      name: `progressive load, the file dropped ${onDataPageMs / 1000} s after the Data page opened (the engine warmed up meanwhile); native column = the same bare read_csv`,
      rows,
      browser: afterAWhile,
      native: bare,
      targetRatio: 1.3,
    },
  ];
}
