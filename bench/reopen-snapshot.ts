import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumArgs } from '../test/e2e/harness';
import { firstChart, liveChart, waitKept, type ReopenMeasure } from './reopen-encrypted';

/**
 * Issue 12's speed checks, from the user's side, in headless Chromium against the built app:
 * - first screen: a new profile opens the app and the demo Overview's first chart (DAU/WAU/MAU)
 *   holds a mark, timed from navigation start;
 * - reopen: a profile keeps an events file dropped through the Data page (with the snapshot of
 *   its tables and the answers its panels were given, which the app keeps beside it); a new tab
 *   on the Overview is timed from navigation to the first chart (drawn from the kept answers)
 *   and to the engine's own, once restoring the kept tables, and once with the snapshot deleted,
 *   so that the kept file is imported as before. Runs interleave the two. The profile is one on
 *   disk, as the browser of someone who comes back to a workspace kept on their device has:
 *   there Chromium keeps V8's compiled code beside the cached scripts, which an in-memory
 *   (incognito-like) profile never does; the same reopen in such a profile is measured too.
 */

const snapshotPath = 'strata/tables.snapshot';
const answersPath = 'strata/answers.json';

/** Records, in page time, when a chart matching `first`, then one matching `live`, is first drawn. */
function watchCharts({ first, live }: { first: string; live: string }) {
  const w = window as unknown as { chartsBench: { firstAt?: number; liveAt?: number } };
  const seen: { firstAt?: number; liveAt?: number } = {};
  w.chartsBench = seen;
  const observer = new MutationObserver(() => {
    if (seen.firstAt === undefined && document.querySelector(first)) seen.firstAt = performance.now();
    if (seen.liveAt === undefined && document.querySelector(live)) seen.liveAt = performance.now();
    if (seen.liveAt !== undefined) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

/** Navigation to the first chart drawn, and to the first drawn from the engine's own answer. */
async function openOverview(context: BrowserContext, url: string): Promise<{ first: number; live: number }> {
  const page = await context.newPage();
  try {
    await page.addInitScript(watchCharts, { first: firstChart, live: liveChart });
    await page.goto(url);
    type Seen = { chartsBench: { firstAt: number; liveAt?: number } };
    await page.waitForFunction(() => (window as unknown as Seen).chartsBench.liveAt, null, { timeout: 600_000, polling: 200 });
    const { firstAt, liveAt } = await page.evaluate(() => (window as unknown as Seen).chartsBench);
    return { first: firstAt, live: liveAt! };
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

/**
 * Opens the Overview of the kept workspace and waits until its snapshot and the answers its
 * panels were given are kept (an import keeps new tables: the answers kept before are dropped).
 */
async function waitSnapshotKept(context: BrowserContext, appUrl: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`${appUrl}?lang=en#/overview`);
    await waitKept(page, snapshotPath, false);
    await waitKept(page, answersPath, false);
  } finally {
    await page.close();
  }
}

/**
 * First screen of the demo, a fresh profile per run (nothing cached): the first chart (drawn
 * from the answers published with the build) and the engine's own, restoring the tables
 * published with the build; interleaved with the same first screen with the snapshot answered
 * 404, so that the demo's files are imported in the tab as before.
 */
export async function firstScreenMeasure(appUrl: string, runs = 3): Promise<ReopenMeasure[]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  const restored: { first: number; live: number }[] = [];
  const imported: { first: number; live: number }[] = [];
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
  return [
    {
      name: "first screen: navigation to the demo Overview first chart (new profile), drawn from the answers published with the build; native column = the engine's own chart, restoring the published tables",
      rows: 1_101_122,
      browser: restored.map((r) => r.first),
      native: restored.map((r) => r.live),
      target: 3000,
    },
    {
      name: "first screen: navigation to the engine's first demo Overview chart (new profile), restoring the published tables; native column = the same importing the CSVs",
      rows: 1_101_122,
      browser: restored.map((r) => r.live),
      native: imported.map((r) => r.live),
    },
  ];
}

/** Loads `eventsFile` through the Data page of `context`'s profile and waits until it is kept with its snapshot and answers. */
async function keepWorkspace(context: BrowserContext, appUrl: string, eventsFile: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${appUrl}?lang=en#/data`);
  await page.getByTestId('file-input').setInputFiles([eventsFile]);
  await page.getByTestId('import-load').click();
  const fileName = path.basename(eventsFile);
  await page.getByTestId('import-report').filter({ hasText: fileName }).waitFor({ timeout: 600_000 });
  await waitKept(page, fileName, false);
  await waitKept(page, snapshotPath, false);
  await page.close();
  await waitSnapshotKept(context, appUrl);
}

/**
 * Reopen of a kept workspace of `eventsFile`: the first chart, drawn from the answers kept, against
 * the engine's own once it restored the tables; and that against importing the kept file. In a
 * profile on disk; then the first chart again in an in-memory profile, which keeps no compiled code.
 */
export async function reopenSnapshotMeasure(
  appUrl: string,
  eventsFile: string,
  rows: number,
  runs = 3,
): Promise<ReopenMeasure[]> {
  const restored: { first: number; live: number }[] = [];
  const imported: { first: number; live: number }[] = [];
  const inMemory: { first: number; live: number }[] = [];
  const overview = `${appUrl}?lang=en#/overview`;
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
      viewport: { width: 1280, height: 720 },
    });
    try {
      await keepWorkspace(context, appUrl, eventsFile);
      for (let run = 0; run < runs; run++) {
        restored.push(await openOverview(context, overview));
        await dropSnapshot(context, appUrl);
        imported.push(await openOverview(context, overview));
        // That import keeps a new snapshot, in the background: the next restore needs it.
        await waitSnapshotKept(context, appUrl);
      }
    } finally {
      await context.close();
    }
  } finally {
    await rm(profileDir, { recursive: true, force: true });
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await keepWorkspace(context, appUrl, eventsFile);
    for (let run = 0; run < runs; run++) inMemory.push(await openOverview(context, overview));
  } finally {
    await browser.close();
  }
  const millions = rows / 1_000_000;
  return [
    {
      name: `reopen ${millions}M-event workspace: navigation to the first Overview chart, drawn from the answers kept; native column = the engine's own chart, restoring the kept tables`,
      rows,
      browser: restored.map((r) => r.first),
      native: restored.map((r) => r.live),
      target: 1000,
    },
    {
      name: `reopen ${millions}M-event workspace restoring its kept tables (navigation to the engine's first Overview chart); native column = the same reopen importing its kept file`,
      rows,
      browser: restored.map((r) => r.live),
      native: imported.map((r) => r.live),
    },
    {
      name: `reopen ${millions}M-event workspace in an in-memory (incognito-like) profile, which keeps no compiled code: navigation to the first Overview chart, drawn from the answers kept; native column = the engine's own chart`,
      rows,
      browser: inMemory.map((r) => r.first),
      native: inMemory.map((r) => r.live),
    },
  ];
}
