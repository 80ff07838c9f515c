import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, waitForChart, type AppSession } from './harness';

// Issue 14: back up the demo with a segment and a report, wipe, restore, and find them; bad
// backups are refused with a message and change nothing.

const scratch = mkdtempSync(path.join(os.tmpdir(), 'strata-backup-'));
const passphrase = 'correct horse 电池';
const segmentName = 'Backup "复购" <b>users</b>';

/** How many records each object store of the app's database holds, read in the page. */
function storeCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const req = indexedDB.open('strata');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const counts: Record<string, number> = {};
          for (const name of names) {
            const r = tx.objectStore(name).count();
            r.onsuccess = () => (counts[name] = r.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(counts);
          };
        };
      }),
  );
}

describe('backup and restore in Chromium (demo data)', () => {
  let app: AppSession;
  let backupFile = '';
  beforeAll(async () => {
    app = await openApp('?lang=en#/segments');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `backup-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('backs up the demo with a saved segment and a pinned report, encrypted', async () => {
    const { page } = app;
    await page.getByTestId('segment-new').click();
    await page.locator('[data-testid="member-count"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('segment-name').fill(segmentName);
    await page.getByTestId('segment-save').click();
    await page.waitForURL(/#\/segments\/seg-/);
    await page.goto(`${app.appUrl}?lang=en#/retention`);
    await waitForChart(page, 'panel-retention');
    await page.getByTestId('panel-retention').getByTestId('pin-to-report').selectOption({ label: '+ New report' });
    await page.getByTestId('panel-retention').getByRole('status').filter({ hasText: 'Pinned to' }).waitFor();

    await page.goto(`${app.appUrl}?lang=en#/data`);
    const section = page.getByTestId('backup-restore');
    await page.getByTestId('backup-passphrase').fill(passphrase);
    await page.getByTestId('backup-passphrase-repeat').fill(`${passphrase}x`);
    await page.getByTestId('backup-create').click();
    await section.getByTestId('backup-problem').filter({ hasText: 'The two passphrases differ.' }).waitFor();
    await page.getByTestId('backup-passphrase-repeat').fill(passphrase);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-create').click()]);
    expect(download.suggestedFilename()).toMatch(/\.strata-backup$/);
    backupFile = path.join(scratch, download.suggestedFilename());
    await download.saveAs(backupFile);
    expect(await section.getByTestId('backup-done').innerText()).toMatch(
      /1 segment\(s\), 1 report\(s\), 0 file\(s\), .*, encrypted\./,
    );
    const bytes = readFileSync(backupFile);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('STRATABK');
    // Encrypted: neither the segment's name nor the report's route is in the file.
    expect(bytes.toString('utf8')).not.toContain('复购');
    expect(bytes.toString('latin1')).not.toContain('panel-retention');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'backup-created-en');
  });

  it('wipes, then refuses a truncated, a damaged and a foreign file, and a wrong passphrase, changing nothing', async () => {
    const { page } = app;
    await page.getByTestId('stored-wipe').click();
    await page.getByTestId('stored-wipe-confirm').click();
    await page.getByTestId('stored-wiped').waitFor();
    // A reload starts from nothing kept: the demo opens again, without the segment or report.
    await page.goto(`${app.appUrl}?lang=zh#/data`);
    await page.getByTestId('stored-data').locator('tbody tr').first().waitFor({ timeout: 60_000 });
    const empty = await storeCounts(page);
    expect([empty.segments, empty.reports]).toEqual([0, 0]);

    const bytes = readFileSync(backupFile);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0x01;
    const bad: [string, Buffer, RegExp][] = [
      ['truncated.strata-backup', bytes.subarray(0, bytes.length - 100), /备份文件不完整/],
      ['flipped.strata-backup', flipped, /备份文件已损坏/],
      ['other.strata-backup', Buffer.from('{"format":"strata.workspace","version":1}'), /不是 Strata 的备份文件/],
    ];
    const problem = page.getByTestId('backup-problem');
    for (const [name, content, message] of bad) {
      const file = path.join(scratch, name);
      writeFileSync(file, content);
      await page.getByTestId('backup-file-input').setInputFiles(file);
      await problem.filter({ hasText: message }).waitFor();
    }
    await page.getByTestId('backup-file-input').setInputFiles(backupFile);
    await page.getByTestId('backup-unlock').waitFor();
    await page.getByTestId('backup-restore-passphrase').fill('wrong');
    await page.getByTestId('backup-restore-unlock').click();
    await problem.filter({ hasText: '口令不正确' }).waitFor();
    await page.getByTestId('backup-restore').scrollIntoViewIfNeeded();
    await screenshot(page, 'backup-wrong-passphrase-zh');
    expect(await storeCounts(page)).toEqual(empty);
  });

  it('restores with the passphrase and finds the segment and the report again', async () => {
    const { page } = app;
    await page.getByTestId('backup-restore-passphrase').fill(passphrase);
    await page.getByTestId('backup-restore-unlock').click();
    await page.getByTestId('backup-done').filter({ hasText: '1 个分群，1 份报告' }).waitFor({ timeout: 60_000 });
    // The workspace named in the chosen language only (the demo's manifest names it in both).
    expect(await page.getByTestId('backup-done').innerText()).toBe('已恢复“演示：购物 App”：1 个分群，1 份报告。');
    await page.getByTestId('stored-data').locator('tbody tr').filter({ hasText: '演示：购物 App' }).first().waitFor();
    expect(await page.getByTestId('stored-data').innerText()).not.toContain('Demo: shopping app');
    await screenshot(page, 'backup-restored-zh');
    const counts = await storeCounts(page);
    expect([counts.segments, counts.reports, counts.workspaces]).toEqual([1, 1, 1]);
    await page.goto(`${app.appUrl}?lang=zh#/segments`);
    await page.getByTestId('segment-row').filter({ hasText: segmentName }).waitFor({ timeout: 60_000 });
    await page.goto(`${app.appUrl}?lang=en#/reports`);
    await page.getByTestId('report-list').getByText('Report 1').waitFor({ timeout: 60_000 });
    await page.goto(`${app.appUrl}?lang=en#/data`);
    await page.getByTestId('backup-restore').scrollIntoViewIfNeeded();
    await screenshot(page, 'backup-section-en');
  });
});
