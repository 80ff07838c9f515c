import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs } from '../test/e2e/harness';
import { firstChart, waitKept, watchScript, type ReopenMeasure } from './reopen-encrypted';

/**
 * Issue 12's speed checks, from the user's side, in headless Chromium against the built app:
 * - first screen: a new profile opens the app and the demo Overview's first chart (DAU/WAU/MAU)
 *   holds a mark, timed from navigation start;
 * - reopen: a profile keeps an events file dropped through the Data page (with the snapshot of
 *   its tables the app keeps beside it); a new tab on the Overview is timed from navigation to
 *   the first chart, once restoring the kept tables, and once with the snapshot deleted, so that
 *   the kept file is imported as before. Runs interleave the two.
 */

const snapshotPath = 'strata/tables.snapshot';

async function chartAt(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { reopenBench: { chartAt?: number } }).reopenBench.chartAt, null, {
    timeout: 600_000,
    polling: 200,
  });
  return page.evaluate(() => (window as unknown as { reopenBench: { chartAt: number } }).reopenBench.chartAt);
}

async function openOverview(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.addInitScript(watchScript, firstChart);
    await page.goto(url);
    return await chartAt(page);
  } finally {
    await page.close();
  }
}

/** Deletes the kept snapshot of the profile's workspace, so that a reopen imports the kept files. */
async function dropSnapshot(context: BrowserContext, appUrl: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`${appUrl}?lang=en#/data`);
    await page.evaluate(async (snapshot) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('strata');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction('files', 'readwrite');
      const store = tx.objectStore('files');
      const all = await new Promise<{ key: string; path: string }[]>((resolve) => {
        const req = store.getAll();
        req.onsuccess = () => resolve(req.result);
      });
      for (const f of all) if (f.path === snapshot) store.delete(f.key);
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    }, snapshotPath);
  } finally {
    await page.close();
  }
}

async function waitSnapshotKept(context: BrowserContext, appUrl: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`${appUrl}?lang=en#/data`);
    await waitKept(page, snapshotPath, false);
  } finally {
    await page.close();
  }
}

/**
 * First screen of the demo, a fresh profile per run (nothing cached): restoring the tables
 * published with the build, interleaved with the same first screen with the snapshot answered
 * 404, so that the demo's files are imported in the tab as before.
 */
export async function firstScreenMeasure(appUrl: string, runs = 3): Promise<ReopenMeasure> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  const restored: number[] = [];
  const imported: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      for (const published of [true, false]) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
        if (!published) await context.route('**/demo/tables.snapshot.gz', (route) => route.fulfill({ status: 404 }));
        (published ? restored : imported).push(await openOverview(context, `${appUrl}?lang=en#/overview`));
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return {
    name: 'first screen: navigation to the demo Overview first chart (new profile), restoring the published tables; native column = the same importing the CSVs',
    rows: 1_101_122,
    browser: restored,
    native: imported,
    target: 3000,
  };
}

/** Reopen of a kept workspace of `eventsFile`, restoring its tables against importing its file. */
export async function reopenSnapshotMeasure(appUrl: string, eventsFile: string, rows: number, runs = 3): Promise<ReopenMeasure> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  const restored: number[] = [];
  const imported: number[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${appUrl}?lang=en#/data`);
    await page.getByTestId('file-input').setInputFiles([eventsFile]);
    await page.getByTestId('import-load').click();
    const fileName = path.basename(eventsFile);
    await page.getByTestId('import-report').filter({ hasText: fileName }).waitFor({ timeout: 600_000 });
    await waitKept(page, fileName, false);
    await waitKept(page, snapshotPath, false);
    await page.close();
    const overview = `${appUrl}?lang=en#/overview`;
    for (let run = 0; run < runs; run++) {
      restored.push(await openOverview(context, overview));
      await dropSnapshot(context, appUrl);
      imported.push(await openOverview(context, overview));
      // That import keeps a new snapshot, in the background: the next restore needs it.
      await waitSnapshotKept(context, appUrl);
    }
  } finally {
    await browser.close();
  }
  return {
    name: `reopen ${rows / 1_000_000}M-event workspace restoring its kept tables (navigation to first Overview chart); native column = the same reopen importing its kept file`,
    rows,
    browser: restored,
    native: imported,
    target: 1000,
  };
}
