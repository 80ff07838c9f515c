// Issue 9: a user with more events than one page of the timeline: scrolling fetches the events
// in view, in time order, none skipped or repeated.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type AppSession } from './harness';

const count = 1_300;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Event i at 08:00:00 + 37 i seconds of 2024-03-01 (crossing midnight into later days), named e0000... */
const events = Array.from({ length: count }, (_, i) => {
  const at = new Date(Date.UTC(2024, 2, 1, 8) + i * 37_000 * 3);
  const stamp = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
  return { stamp, name: `e${pad(i, 4)}` };
});

function files(): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-long-'));
  // Written newest first: the order on screen is the app's, not the file's.
  const lines = [
    'user_id,time,event',
    ...[...events].reverse().map((e) => `long,${e.stamp},${e.name}`),
    'other,2024-03-01 09:00:00,open',
  ];
  writeFileSync(path.join(dir, 'long.csv'), lines.join('\n') + '\n');
  const manifest = {
    format: 'strata.workspace',
    version: 1,
    name: 'long timeline',
    timeZone: 'UTC',
    files: [{ role: 'events', path: 'long.csv', format: 'csv', columns: { userId: 'user_id', time: 'time', event: 'event' } }],
  };
  writeFileSync(path.join(dir, 'long.strata.json'), JSON.stringify(manifest));
  return [path.join(dir, 'long.strata.json'), path.join(dir, 'long.csv')];
}

describe('a long timeline in Chromium', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp('?lang=en');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await screenshot(app.page, `profile-long-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('fetches the events in view as it scrolls, in time order', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}#/data`);
    await page.getByTestId('file-input').setInputFiles(files());
    await page.getByTestId('import-report').filter({ hasText: 'long.csv' }).waitFor({ timeout: 60_000 });
    await page.goto(`${app.appUrl}#/user?id=long`);
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor({ timeout: 60_000 });
    const names = () =>
      page.locator('[data-testid="timeline"] .timeline-event').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect((await names())[0]).toBe(`${events[0]!.stamp.slice(11)} e0000`);

    // The middle (past the first page) and the end: consecutive events, as generated.
    for (const fraction of [0.5, 1]) {
      await timeline.evaluate((el, f) => {
        el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
      }, fraction);
      // Drawn once the scroll has reached React and the events in view have arrived.
      const firstShown = async () => {
        if ((await page.locator('[data-testid="timeline"] .timeline-pending').count()) > 0) return -1;
        const shown = await names();
        return events.findIndex((e) => shown[0] === `${e.stamp.slice(11)} ${e.name}`);
      };
      await expect.poll(firstShown).toBeGreaterThan(fraction === 1 ? 1_200 : 500);
      const shown = await names();
      const first = events.findIndex((e) => shown[0] === `${e.stamp.slice(11)} ${e.name}`);
      expect(shown).toEqual(events.slice(first, first + shown.length).map((e) => `${e.stamp.slice(11)} ${e.name}`));
    }
    expect((await names()).at(-1)).toBe(`${events[count - 1]!.stamp.slice(11)} e1299`);
    await screenshot(page, 'profile-long-timeline');
    expect(app.consoleErrors).toEqual([]);
  });
});
