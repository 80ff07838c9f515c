import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../test/e2e/harness';

/**
 * The users whose profiles are measured, one per run: the page keeps the answer it last showed
 * for a request, so a run must not open a profile an earlier run has opened.
 */
export const heavyUsers = ['heavy-0001', 'heavy-0002', 'heavy-0003'];
const heavyEvents = 100_000;
const otherUsers = 2_000;
const otherEvents = 100_000;

const names = ['app_open', 'view_item', 'view_item', 'search', 'add_to_cart', 'share', 'purchase'];

/** A seeded generator, so every run measures the same bytes. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An event log where three users have 100,000 events each over half a year (a bot, a shared
 * device, a heavy reseller) among 2,000 ordinary users with 100,000 between them; purchases
 * carry an amount. Written once, with its manifest beside it.
 */
export function generateProfileEvents(dir: string): { csv: string; manifest: string } {
  const csv = path.join(dir, 'profile-3x100k.csv');
  const manifest = path.join(dir, 'profile-3x100k.strata.json');
  if (!existsSync(csv) || !existsSync(manifest)) {
    mkdirSync(dir, { recursive: true });
    const random = mulberry32(100_000);
    const start = Date.UTC(2026, 4, 1);
    const lines = ['user_id,event_time,event,amount'];
    const line = (user: string, ms: number) => {
      const event = names[Math.floor(random() * names.length)]!;
      const amount = event === 'purchase' ? (5 + Math.floor(random() * 20_000) / 100).toFixed(2) : '';
      lines.push(`${user},${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')},${event},${amount}`);
    };
    for (const user of heavyUsers) {
      for (let i = 0; i < heavyEvents; i++) line(user, start + Math.floor((i / heavyEvents) * 184 * 86_400_000));
    }
    for (let i = 0; i < otherEvents; i++) {
      line(`u${String(Math.floor(random() * otherUsers)).padStart(5, '0')}`, start + Math.floor(random() * 184 * 86_400_000));
    }
    writeFileSync(csv, lines.join('\n') + '\n');
    writeFileSync(
      manifest,
      JSON.stringify({
        format: 'strata.workspace',
        version: 1,
        name: 'bench profile',
        timeZone: 'Asia/Shanghai',
        files: [
          {
            role: 'events',
            path: 'profile-3x100k.csv',
            format: 'csv',
            columns: { userId: 'user_id', time: 'event_time', event: 'event', amount: 'amount' },
          },
        ],
      }),
    );
  }
  return { csv, manifest };
}

/**
 * The profile of a user with 100,000 events (issue 9: drawn in at most 500 ms): the workspace
 * is loaded through the data page, then each run goes from `#/user` to `#/user?id=…` (another
 * heavy user each run) and stops at the first frame after the profile panel is ready with
 * timeline lines in it (its queries in the worker, the days and the first page of events
 * across, 100,000 lines laid out, the visible window drawn).
 */
export async function profileBrowserRuns(
  appUrl: string,
  dataDir: string,
  runs: number,
  add: (name: string, ms: number, target?: number) => void,
): Promise<void> {
  const files = generateProfileEvents(dataDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${appUrl}?lang=en#/data`);
    await page.getByTestId('file-input').setInputFiles([files.manifest, files.csv]);
    await page.getByTestId('import-report').filter({ hasText: 'profile-3x100k.csv' }).waitFor({ timeout: 300_000 });
    for (const user of heavyUsers.slice(0, runs)) {
      await page.evaluate(() => {
        location.hash = '#/user';
      });
      await page.getByTestId('profile-page').waitFor();
      // Let what the import and the previous page started (keeping the files on the device,
      // their queries) finish, so the run measures the profile alone: right after an import
      // the first profile took 825 ms, 5 s later 241 ms (issue 9 notes).
      await page.waitForTimeout(5000);
      const outcome = await page.evaluate(
        (id) =>
          new Promise<{ ms: number; lines: number }>((resolve, reject) => {
            const t = performance.now();
            const timeout = setTimeout(() => reject(new Error('profile not drawn in 60 s')), 60_000);
            const check = () => {
              const lines = document.querySelectorAll(
                '[data-testid="panel-profile"][data-state="ready"] [data-testid="timeline"] .timeline-event',
              ).length;
              if (lines > 0) {
                clearTimeout(timeout);
                // The next frame is the first one that shows it.
                requestAnimationFrame(() => resolve({ ms: performance.now() - t, lines }));
              } else {
                requestAnimationFrame(check);
              }
            };
            location.hash = `#/user?id=${encodeURIComponent(id)}`;
            check();
          }),
        user,
      );
      const facts = await page.getByTestId('profile-facts').innerText();
      if (!/Events\s+100,000\b/.test(facts)) throw new Error(`the profile does not show 100,000 events: ${facts}`);
      add('user profile, 100,000 events: navigation to timeline drawn', outcome.ms, 500);
    }
    await page.close();
  } finally {
    await browser.close();
  }
}
