import { afterAll, describe, expect, it } from 'vitest';
import { openApp, waitForChart, type AppSession } from './harness';

describe('?workspace= opens a manifest hosted next to the app', () => {
  const sessions: AppSession[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.close();
  });

  it('loads the manifest and its relative files', async () => {
    const app = await openApp('?workspace=demo/manifest.json&lang=en');
    sessions.push(app);
    await waitForChart(app.page, 'panel-active');
    expect(await app.page.getByTestId('dataset-summary').innerText()).toContain('Demo: shopping app');
    expect(app.outsideRequests).toEqual([]);
  });

  it('refuses a manifest on another host, with a message, without requesting it', async () => {
    const app = await openApp('?workspace=https://example.com/manifest.json&lang=en');
    sessions.push(app);
    const error = app.page.getByTestId('load-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/must be on this site/);
    // Nothing is loading: the Overview's panels say there is no data, not that they compute.
    await expect.poll(() => app.page.getByTestId('panel-no-data').count()).toBe(3);
    expect(await app.page.getByText('Computing…').count()).toBe(0);
    expect(app.outsideRequests).toEqual([]);
  });

  it('says what is wrong with a manifest that does not validate', async () => {
    const app = await openApp('?workspace=demo/events.csv.gz&lang=en');
    sessions.push(app);
    const error = app.page.getByTestId('load-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/events\.csv\.gz/);
  });
});
