// Issue 13, bug 6: while a load runs, Load is disabled (a second click cannot restart it), its
// progress (bytes, Cancel) shows beside the button that started it, and Cancel takes effect
// within a second of the click, both while the file is converted and while DuckDB reads it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type AppSession } from './harness';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'strata-load-'));

/** ~110 MB of events, written with little repetition so that gzip keeps it large (~30 MB). */
const bigGzip = (() => {
  let s = 17;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31);
  const lines = ['user_id,time,event,session'];
  for (let i = 0; i < 2_400_000; i++) {
    const day = String((next() % 28) + 1).padStart(2, '0');
    const sec = next() % 86_400;
    const time = `${String(Math.floor(sec / 3600)).padStart(2, '0')}:${String(Math.floor(sec / 60) % 60).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}`;
    lines.push(`u${next() % 200_000},2024-02-${day} ${time},e${next() % 40},${next().toString(36)}`);
  }
  const file = path.join(tmp, 'big-events.csv.gz');
  writeFileSync(file, gzipSync(lines.join('\n') + '\n', { level: 1 }));
  return file;
})();

const texts = {
  zh: { convert: /正在转换 big-events\.csv\.gz/, read: /正在读取 big-events\.csv\.gz/ },
  en: { convert: /Converting big-events\.csv\.gz/, read: /Reading big-events\.csv\.gz/ },
} as const;

/** Records every text the inline progress shows, in order, from now on. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { importProgress: string[] }).importProgress = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="import-progress"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * Once the inline progress matches `phase`, clicks its Cancel in the page; resolves with the
 * progress text at the click, whether Load was disabled then, and the ms from the click until
 * the load's progress is gone.
 */
function cancelInPhase(page: Page, phase: RegExp): Promise<{ at: string; loadDisabled: boolean; ms: number }> {
  return page.evaluate(
    (source) =>
      new Promise<{ at: string; loadDisabled: boolean; ms: number }>((resolve) => {
        const progress = () => document.querySelector('[data-testid="import-progress"]')?.textContent ?? '';
        const waitPhase = () => {
          if (!new RegExp(source).test(progress())) {
            setTimeout(waitPhase, 5);
            return;
          }
          const at = progress();
          const loadDisabled = (document.querySelector('[data-testid="import-load"]') as HTMLButtonElement).disabled;
          const started = performance.now();
          (document.querySelector('[data-testid="import-load-cancel"]') as HTMLButtonElement).click();
          const gone = () => {
            if (!document.querySelector('[data-testid="import-loading"]'))
              resolve({ at, loadDisabled, ms: performance.now() - started });
            else setTimeout(gone, 5);
          };
          gone();
        };
        waitPhase();
      }),
    phase.source,
  );
}

/** Phase (0 convert, 1 read, 2 derive) and bytes done of a progress text, to check it never goes back. */
function position(text: string, lang: 'zh' | 'en'): [number, number] {
  const phase = texts[lang].convert.test(text) ? 0 : texts[lang].read.test(text) ? 1 : 2;
  const units: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
  const m = /([\d.,]+) (B|KB|MB|GB) \//.exec(text);
  return [phase, m ? Number(m[1]!.replace(/,/g, '')) * units[m[2]!]! : 0];
}

describe.each(['zh', 'en'] as const)('Load while loading, in Chromium (%s)', (lang) => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(`?lang=${lang}#/data`);
    await app.page.setViewportSize({ width: 1280, height: 720 });
    // The demo opens first; wait until it has loaded.
    await app.page.getByTestId('import-report').waitFor({ timeout: 120_000 });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await screenshot(app.page, `load-button-failure-${lang}-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('disables Load at the click, and Cancel stops the conversion within a second', async () => {
    const { page } = app;
    await page.getByTestId('file-input').setInputFiles([bigGzip]);
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    const load = page.getByTestId('import-load');
    const cancelled = cancelInPhase(page, texts[lang].convert);
    await load.click();
    const { at, loadDisabled, ms } = await cancelled;
    expect(loadDisabled).toBe(true);
    expect(at).toMatch(texts[lang].convert);
    expect(ms, `cancel took ${Math.round(ms)} ms`).toBeLessThan(1000);
    await page.getByTestId('load-cancelled').waitFor();
    expect(await load.isEnabled()).toBe(true);
  });

  it('shows the progress beside Load, ignores a second click, and Cancel stops the read within a second', async () => {
    const { page } = app;
    await watchProgress(page);
    const load = page.getByTestId('import-load');
    await load.click();
    expect(await load.isDisabled()).toBe(true);
    // A second click does nothing: the button is disabled, and the load does not start over.
    await load.click({ force: true });
    const progress = page.getByTestId('import-progress');
    await page.waitForFunction(
      (re) => new RegExp(re).test(document.querySelector('[data-testid="import-progress"]')?.textContent ?? ''),
      texts[lang].read.source,
      { timeout: 120_000 },
    );
    await load.click({ force: true });
    // Beside the button, both in view of a 1280x720 window without scrolling.
    const [button, shown] = [await load.boundingBox(), await progress.boundingBox()];
    expect(button && shown).toBeTruthy();
    for (const box of [button!, shown!]) {
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(720);
    }
    expect(Math.abs(shown!.y - button!.y)).toBeLessThan(80);
    expect(await page.getByTestId('import-load-cancel').isVisible()).toBe(true);
    await page.screenshot({ path: path.join('/tmp', `load-progress-${lang}-1280x720.png`) });
    const { at, loadDisabled, ms } = await cancelInPhase(page, texts[lang].read);
    expect(loadDisabled).toBe(true);
    expect(at).toMatch(texts[lang].read);
    expect(ms, `cancel took ${Math.round(ms)} ms`).toBeLessThan(1000);
    await page.getByTestId('load-cancelled').waitFor();
    expect(await load.isEnabled()).toBe(true);
    expect(await page.getByTestId('import-preview').isVisible()).toBe(true);
    const seen = await page.evaluate(() => (window as unknown as { importProgress: string[] }).importProgress);
    const positions = seen.map((t) => position(t, lang));
    expect(positions.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < positions.length; i++) {
      const [[p0, b0], [p1, b1]] = [positions[i - 1]!, positions[i]!];
      expect(p1 > p0 || (p1 === p0 && b1 >= b0), `${seen[i - 1]} -> ${seen[i]}`).toBe(true);
    }
  });
});

describe('Load while the workspace opened at start still loads, in Chromium', () => {
  let app: AppSession;
  afterAll(async () => {
    await app?.close();
  });

  it('loads the user’s file at once, and the opening does not replace it when it ends', async () => {
    app = await openApp('?lang=en#/data');
    const { page, context } = app;
    await page.getByTestId('import-report').waitFor({ timeout: 120_000 });
    // The reload opens the demo again; its published tables arrive 6 s late, so it is still opening.
    await context.route('**/demo/tables.snapshot.gz', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 6000));
      await route.continue();
    });
    const mine = path.join(tmp, 'my-export.csv');
    writeFileSync(
      mine,
      'user_id,time,event\nu1,2024-03-01 10:00:00,open\nu2,2024-03-02 11:00:00,open\nu1,2024-03-03 12:00:00,buy\n',
    );
    await page.reload();
    await page.getByTestId('loading').waitFor();
    await page.getByTestId('file-input').setInputFiles([mine]);
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    const load = page.getByTestId('import-load');
    // Before, Load stayed disabled until the demo had opened.
    expect(await page.getByTestId('loading').isVisible()).toBe(true);
    expect(await load.isEnabled()).toBe(true);
    await load.click();
    const report = page.getByTestId('import-report');
    await report.filter({ hasText: 'my-export.csv' }).waitFor({ timeout: 60_000 });
    // Past the demo's late tables: the user's workspace stays.
    await page.waitForTimeout(7000);
    expect(await report.innerText()).toContain('my-export.csv');
    expect(await report.innerText()).not.toContain('Demo: shopping app');
    expect(await page.getByTestId('loading').count()).toBe(0);
    expect(app.outsideRequests).toEqual([]);
  });
});
