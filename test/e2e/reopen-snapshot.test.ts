// Issue 12: a workspace of dropped files is kept with a snapshot of its imported tables, and a
// reload restores them instead of importing the files again. A damaged snapshot is said, and the
// workspace is imported from its kept files as before, with the same numbers.
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  keptThenLive,
  openApp,
  screenshot,
  sharedData,
  slowWasm,
  waitForChart,
  watchKeptThenLive,
  type AppSession,
} from './harness';

const gamelaunch = path.join(sharedData, 'gamelaunch/gamelaunch.csv');

async function overviewSummary(app: AppSession): Promise<string> {
  await app.page.goto(`${app.appUrl}#/overview`);
  await waitForChart(app.page, 'panel-active', 120_000);
  // Its facts: events, users, event names, range and zone (not the load time, which differs).
  return app.page.getByTestId('dataset-summary').locator('dl').innerText();
}

/** Waits until the Data page lists the snapshot among what is kept. */
async function snapshotKept(app: AppSession, label: RegExp): Promise<void> {
  await app.page.goto(`${app.appUrl}#/data`);
  const stored = app.page.getByTestId('stored-data');
  await stored.getByTestId('stored-item').filter({ hasText: label }).waitFor({ timeout: 60_000 });
  await app.page.getByTestId('stored-saving').waitFor({ state: 'detached', timeout: 60_000 });
}

/**
 * Records whether the app's shell (its navigation) was drawn when the engine's worker was made:
 * a page opening on kept answers starts the engine once it has read them (see main.tsx).
 */
function watchEngineStart() {
  const w = window as unknown as { engineStartedAfterShell?: boolean };
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (String(url).includes('engine.worker')) w.engineStartedAfterShell ??= document.querySelector('#root nav') !== null;
    }
  };
}

describe('issue 12: reopening a kept workspace restores its tables', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await openApp();
    await waitForChart(app.page, 'panel-active');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `reopen-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('restores the tables on reload, with the numbers of the import', async () => {
    // The demo opened from its server: the page does not open on answers kept on this device.
    expect(await app.page.evaluate(() => localStorage.getItem('strata.opensOnKeptAnswers'))).toBeNull();
    await app.page.goto(`${app.appUrl}#/data`);
    await app.page.getByTestId('file-input').setInputFiles([gamelaunch]);
    await app.page.getByTestId('import-load').click();
    await app.page.getByTestId('import-report').filter({ hasText: 'gamelaunch.csv' }).waitFor({ timeout: 120_000 });
    // Not restored: imported.
    expect(await app.page.getByTestId('import-restored').count()).toBe(0);
    await snapshotKept(app, /已导入的数据表/);
    const imported = await overviewSummary(app);
    expect(imported).toContain('29,324');

    await app.page.reload();
    const restored = await overviewSummary(app);
    expect(restored).toBe(imported);
    await app.page.goto(`${app.appUrl}#/data`);
    const note = app.page.getByTestId('import-restored');
    await note.waitFor();
    expect(await note.innerText()).toMatch(/直接恢复了本设备保存的数据表（用时 [\d.]+ 秒），没有重新导入文件/);
    await screenshot(app.page, 'reopen-restored-zh');
    await app.page.goto(`${app.appUrl}?lang=en#/data`);
    await app.page.getByTestId('import-restored').waitFor();
    expect(await app.page.getByTestId('import-restored').innerText()).toMatch(
      /Opened by restoring the tables kept on this device/,
    );
    await screenshot(app.page, 'reopen-restored-en');
    expect(app.consoleErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });

  it('draws the Overview from the answers kept last time at once, then the engine gives the same', async () => {
    // The Overview's answers are written a moment after they are drawn: listed once they are
    // (the Data page reached without a reload, which would stop the writing).
    await app.page.goto(`${app.appUrl}?lang=zh#/overview`);
    await waitForChart(app.page, 'panel-active', 120_000);
    await app.page.getByRole('navigation').getByRole('link', { name: '数据' }).click();
    await app.page
      .getByTestId('stored-item')
      .filter({ hasText: /图表结果/ })
      .waitFor({ timeout: 60_000 });
    await app.page.addInitScript(watchKeptThenLive);
    await app.page.addInitScript(watchEngineStart);
    // The answers just kept tell the next opening it draws them.
    expect(await app.page.evaluate(() => localStorage.getItem('strata.opensOnKeptAnswers'))).toBe('1');

    await app.page.goto(`${app.appUrl}?lang=zh#/overview`);
    // The engine's WebAssembly held back a few seconds, as on a slow machine: what is drawn
    // meanwhile is seen, and looked at.
    await app.page.route('**/*.wasm', slowWasm);
    // The same search as before: a new hash alone would not reload the page.
    await app.page.reload();
    await app.page.locator('[data-testid="panel-active"][data-kept] svg [data-mark]').first().waitFor({ timeout: 60_000 });
    await screenshot(app.page, 'reopen-kept-answers-zh');
    const { keptSeen, liveSeen } = await keptThenLive(app.page);
    await app.page.unroute('**/*.wasm', slowWasm);
    // Drawn while the workspace was still opening, and said so.
    expect(keptSeen).toBeDefined();
    expect(keptSeen!.loading).toBe(true);
    expect(keptSeen!.note).toBe(true);
    // The engine's own answer, once it has the tables: the same marks and numbers.
    expect(liveSeen.chart).toBe(keptSeen!.chart);
    expect(liveSeen.chart).toMatch(/line: [1-9]/);
    expect(liveSeen.kpis).toBe(keptSeen!.kpis);
    // The summary of the kept workspace, read from the kept answers before the engine had it.
    expect(keptSeen!.summary).toContain('29,324');
    expect(await app.page.getByTestId('kept-answers-note').count()).toBe(0);
    // The engine started once the kept answers were read, not with the page: on two cores its
    // compile held up drawing them.
    expect(await app.page.evaluate(() => (window as { engineStartedAfterShell?: boolean }).engineStartedAfterShell)).toBe(true);
    expect(app.consoleErrors).toEqual([]);
  });

  it('says so when the kept tables are damaged, and imports the kept files instead', async () => {
    await app.page.goto(`${app.appUrl}?lang=zh#/overview`);
    const before = await overviewSummary(app);
    // Half of the snapshot overwritten, as a failing disk or another program might leave it.
    await app.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('strata');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const read = db.transaction('files').objectStore('files').getAll();
      const all = await new Promise<{ path: string; blob: Blob }[]>((resolve) => (read.onsuccess = () => resolve(read.result)));
      const record = all.find((r) => r.path === 'strata/tables.snapshot')!;
      const bytes = new Uint8Array(await record.blob.arrayBuffer());
      bytes.fill(0x41, Math.floor(bytes.length / 2));
      const write = db.transaction('files', 'readwrite');
      write.objectStore('files').put({ ...record, blob: new Blob([bytes]) });
      await new Promise((resolve) => (write.oncomplete = resolve));
      db.close();
    });

    await app.page.reload();
    const banner = app.page.getByTestId('storage-problem');
    await banner.waitFor({ timeout: 120_000 });
    expect(await banner.innerText()).toContain('本设备保存的数据表已损坏，无法使用；已从保存的文件重新导入');
    expect(await overviewSummary(app)).toBe(before);
    await screenshot(app.page, 'reopen-damaged-zh');
    // Imported, then kept anew: the next reload restores again.
    await snapshotKept(app, /已导入的数据表/);
    expect(await app.page.getByTestId('import-restored').count()).toBe(0);
    await app.page.reload();
    await app.page.getByTestId('import-restored').waitFor({ timeout: 120_000 });
    expect(await overviewSummary(app)).toBe(before);
  });
});
