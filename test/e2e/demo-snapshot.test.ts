// Issue 12, the first screen: the demo's tables are published with the build as a snapshot beside
// its files (dist/demo/tables.snapshot.gz), and opening the app restores them instead of importing
// 1.1M events in the tab. Without the snapshot (a server that lacks it) the files are imported
// without a word; a damaged one is said, and the files are imported.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distDir, openApp, screenshot, waitForChart, type AppSession } from './harness';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/**
 * Opens the demo Overview in a new profile, with the snapshot answered by `snapshot` and the
 * manifest by `manifest` if given.
 */
async function openDemo(
  snapshot?: { status: number; body?: Buffer },
  manifest?: Record<string, unknown>,
): Promise<{ session: AppSession; requested: string[] }> {
  // `bench` opens nothing by itself: the route is in place before the demo is opened.
  const session = await openApp('?bench');
  app = session;
  if (manifest) {
    await session.context.route('**/demo/manifest.json', (route) =>
      route.fulfill({ status: 200, body: JSON.stringify(manifest), contentType: 'application/json' }),
    );
  }
  if (snapshot) {
    await session.context.route('**/demo/tables.snapshot.gz', (route) =>
      route.fulfill({ status: snapshot.status, body: snapshot.body ?? '', contentType: 'application/gzip' }),
    );
  }
  const requested: string[] = [];
  session.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await session.page.goto(`${session.appUrl}?lang=en#/overview`);
  await waitForChart(session.page, 'panel-active', 120_000);
  // The chart drawn first is from the answers published with the build: the engine's own follows
  // once it has the tables, whichever way it got them.
  await session.page.locator('[data-testid="panel-active"][data-state="ready"]:not([data-kept])').waitFor({ timeout: 120_000 });
  return { session, requested };
}

describe('the demo opens from the tables published with the build', () => {
  it('restores them: no events file is fetched, and the import report says so', async () => {
    const { session, requested } = await openDemo();
    expect(requested.filter((p) => p.endsWith('/demo/tables.snapshot.gz'))).toHaveLength(1);
    expect(requested.filter((p) => p.endsWith('.csv.gz'))).toEqual([]);
    expect(requested.filter((p) => p.endsWith('/demo/tables.answers.json'))).toHaveLength(1);
    const { page } = session;
    // The demo's published figures (public/demo/manifest.json's files, 1,101,122 events, 50,000 users).
    await expect.poll(() => page.getByTestId('dataset-summary').innerText()).toMatch(/1,101,122/);
    await screenshot(page, 'demo-snapshot-overview-en');
    await page.evaluate(() => {
      location.hash = '#/data';
    });
    const note = page.getByTestId('import-restored');
    await note.waitFor();
    expect(await note.innerText()).toContain('Opened by restoring the tables published with this workspace');
    // Issue 13: the demo's name in the chosen language only.
    expect(await page.getByTestId('current-workspace').innerText()).toBe('Current workspace: Demo: shopping app');
    await screenshot(page, 'demo-snapshot-report-en');
    expect(await page.getByTestId('storage-problem').count()).toBe(0);
    expect(session.consoleErrors).toEqual([]);
    expect(session.outsideRequests).toEqual([]);
  });

  it('imports the files without a word when the server has no snapshot', async () => {
    const { session, requested } = await openDemo({ status: 404 });
    expect(requested.filter((p) => p.endsWith('.csv.gz')).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/events\.csv\.gz$/), expect.stringMatching(/users\.csv\.gz$/)]),
    );
    await expect.poll(() => session.page.getByTestId('dataset-summary').innerText()).toMatch(/1,101,122/);
    expect(await session.page.getByTestId('storage-problem').count()).toBe(0);
  });

  it('asks for no published answers when the manifest names none, and logs no error', async () => {
    const manifest = JSON.parse(readFileSync(path.join(distDir, 'demo', 'manifest.json'), 'utf8')) as Record<string, unknown>;
    delete manifest.answers;
    const { session, requested } = await openDemo(undefined, manifest);
    expect(requested.filter((p) => p.endsWith('/demo/tables.snapshot.gz'))).toHaveLength(1);
    expect(requested.filter((p) => p.includes('answers'))).toEqual([]);
    await expect.poll(() => session.page.getByTestId('dataset-summary').innerText()).toMatch(/1,101,122/);
    expect(session.consoleErrors).toEqual([]);
  });

  it('says a damaged snapshot could not be used, and imports the files', async () => {
    // The published snapshot with one byte changed halfway: gunzip's CRC-32 finds it.
    const damaged = readFileSync(path.join(distDir, 'demo', 'tables.snapshot.gz'));
    const middle = Math.floor(damaged.length / 2);
    damaged[middle] = damaged[middle]! ^ 0xff;
    const { session } = await openDemo({ status: 200, body: damaged });
    const { page } = session;
    await expect.poll(() => page.getByTestId('dataset-summary').innerText()).toMatch(/1,101,122/);
    const banner = page.getByTestId('storage-problem');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('tables.snapshot.gz: the tables published with this workspace could not be used');
    await screenshot(page, 'demo-snapshot-damaged-en');
  });
});
