import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../helpers/seeded-random';
import { openApp, screenshot, waitForChart, type AppSession } from './harness';

interface Row {
  user: string;
  time: string;
  event: string;
}

/** `n` events of users `from`..`to` over the 7 days from `start`. */
function eventRows(seed: number, n: number, from: number, to: number, start: string): Row[] {
  const random = seededRandom(seed);
  const names = ['view', 'add_to_cart', 'purchase'];
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, () => ({
    user: `u${from + Math.floor(random() * (to - from + 1))}`,
    time: new Date(t0 + Math.floor(random() * 7 * 86_400) * 1000).toISOString().slice(0, 19).replace('T', ' '),
    event: names[Math.floor(random() * names.length)]!,
  }));
}

const csv = (rows: Row[]) => ['user_id,event_time,event_name', ...rows.map((r) => `${r.user},${r.time},${r.event}`)].join('\n');
const distinct = (...lists: Row[][]) => new Set(lists.flat().map((r) => r.user)).size;
/** The first and last day of rows, as the app writes a day in Chinese (yyyy/m/d). */
const dayOf = (time: string) => time.slice(0, 10).split('-').map(Number).join('/');
const day = (rows: Row[]) => dayOf(rows.map((r) => r.time).sort()[0]!);
const lastDay = (rows: Row[]) =>
  dayOf(
    rows
      .map((r) => r.time)
      .sort()
      .at(-1)!,
  );
const shots = path.resolve(__dirname, '../../test-results/workspace-add-files');

/** The Overview's dataset summary: events and users as numbers. */
async function summaryCounts(page: Page, appUrl: string): Promise<{ events: number; users: number; text: string }> {
  await page.goto(`${appUrl}#/overview`);
  await waitForChart(page, 'panel-active', 120_000);
  const summary = page.getByTestId('dataset-summary');
  const fact = async (i: number) => Number((await summary.locator('dl.facts dd').nth(i).innerText()).replace(/[^\d]/g, ''));
  return { events: await fact(0), users: await fact(1), text: await summary.innerText() };
}

async function dropOnData(page: Page, appUrl: string, file: string): Promise<void> {
  await page.goto(`${appUrl}#/data`);
  await page.getByTestId('data-page').waitFor();
  await page.getByTestId('file-input').setInputFiles([file]);
  await page.getByTestId('import-preview').waitFor();
}

describe('adding files to the loaded workspace and removing one (issue 12, workspaces over time)', () => {
  let app: AppSession;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'strata-add-'));
  // Two weekly exports named alike, as an export tool writes them; the weeks share some users.
  const week1 = eventRows(11, 300, 1, 50, '2026-11-16');
  const week2 = eventRows(12, 450, 30, 90, '2026-11-23');
  const first = path.join(tmp, 'w1', 'events.csv');
  const second = path.join(tmp, 'w2', 'events.csv');
  const again = path.join(tmp, 'week2-again.csv');
  const usersFile = path.join(tmp, 'users.csv');
  // Some with events in week 2, some who signed up and did nothing.
  const signups = [...Array.from({ length: 20 }, (_, i) => `u${40 + i}`), ...Array.from({ length: 15 }, (_, i) => `u${500 + i}`)];

  beforeAll(async () => {
    mkdirSync(path.dirname(first), { recursive: true });
    mkdirSync(path.dirname(second), { recursive: true });
    writeFileSync(first, csv(week1));
    writeFileSync(second, csv(week2));
    writeFileSync(again, csv(week2));
    writeFileSync(usersFile, ['user_id,signup_time', ...signups.map((u) => `${u},2026-10-01 09:00:00`)].join('\n'));
    mkdirSync(shots, { recursive: true });
    app = await openApp('?lang=zh');
    await waitForChart(app.page, 'panel-active', 120_000);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `add-files-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('adds this week’s export to last week’s, keeps both on reload, and removes one again', async () => {
    const { page, appUrl } = app;
    // Over the demo (a hosted workspace) there is nothing to add to: the drop replaces it.
    await dropOnData(page, appUrl, first);
    expect(await page.getByTestId('import-mode').count()).toBe(0);
    await page.getByTestId('import-load').click();
    await page.getByTestId('import-report').filter({ hasText: 'events.csv' }).waitFor({ timeout: 120_000 });
    const before = await summaryCounts(page, appUrl);
    expect([before.events, before.users]).toEqual([week1.length, distinct(week1)]);
    // A segment of the workspace: it belongs to the workspace's key, which adding keeps.
    await page.goto(`${appUrl}#/segments`);
    await page.getByTestId('segment-new').click();
    await page.locator('[data-testid="member-count"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('segment-name').fill('每周用户');
    await page.getByTestId('segment-save').click();
    await page.waitForURL(/#\/segments\/seg-/);

    await dropOnData(page, appUrl, second);
    const mode = page.getByTestId('import-mode');
    expect(await page.getByTestId('import-mode-add').isChecked()).toBe(true);
    expect(await page.getByTestId('import-mode-renamed').innerText()).toContain('events (2).csv');
    expect(await page.getByTestId('import-mode-explain').innerText()).toContain('events.csv, events (2).csv');
    await mode.screenshot({ path: path.join(shots, 'preview-choice-zh.png') });
    await page.locator('label.lang select').selectOption('en');
    expect(await page.getByTestId('import-mode-renamed').innerText()).toBe(
      'events.csv is already in the workspace: the new file is added as events (2).csv.',
    );
    await mode.screenshot({ path: path.join(shots, 'preview-choice-en.png') });
    await page.getByTestId('import-preview').screenshot({ path: path.join(shots, 'preview-add-en.png') });
    await page.getByTestId('import-mode-replace').check();
    expect(await page.getByTestId('import-mode-explain').innerText()).toContain('in place of “events.csv”');
    await page.getByTestId('import-mode-add').check();
    await page.getByTestId('import-load').click();
    const change = page.getByTestId('import-change');
    await change.waitFor({ timeout: 120_000 });
    const union = { events: week1.length + week2.length, users: distinct(week1, week2) };
    const n = (x: number) => x.toLocaleString('en-US');
    expect(await page.getByTestId('import-change-added').innerText()).toBe('Added: events.csv (as events (2).csv).');
    expect(await page.getByTestId('import-change-counts').innerText()).toBe(
      `Events ${n(before.events)} → ${n(union.events)}; users ${n(before.users)} → ${n(union.users)}.`,
    );
    // The workspace's only other events file may go; the report offers it per file.
    expect(await page.getByTestId('report-remove').count()).toBe(2);
    await page.getByTestId('import-report').screenshot({ path: path.join(shots, 'report-added-en.png') });
    await page.locator('label.lang select').selectOption('zh');
    expect(await page.getByTestId('import-change-added').innerText()).toBe('已添加：events.csv（以 events (2).csv 加入）。');
    await page.getByTestId('import-report').screenshot({ path: path.join(shots, 'report-added-zh.png') });

    // The same events again under another name start within the days loaded: Replace is the default.
    await dropOnData(page, appUrl, again);
    expect(await page.getByTestId('import-mode-replace').isChecked()).toBe(true);
    // The day is the earliest of the rows the preview read, which lie in week 2.
    expect(await page.getByTestId('import-mode-advice').innerText()).toMatch(
      new RegExp(
        `^week2-again\\.csv 的前几行从 2026/11/(2[3-9]) 开始，落在已加载的日期（${day(week1)} – ${lastDay(week2)}）之内，可能又包含同样的事件，因此默认替换；若它的事件都是新的，请选择添加。$`,
      ),
    );
    await page.getByTestId('import-mode').screenshot({ path: path.join(shots, 'preview-overlap-zh.png') });
    await page.getByTestId('import-preview').getByRole('button', { name: '取消' }).click();

    const after = await summaryCounts(page, appUrl);
    expect([after.events, after.users]).toEqual([union.events, union.users]);
    expect(after.text).toContain('events.csv');

    // Kept together: a reload opens both files under the same name.
    await page.reload();
    const reopened = await summaryCounts(page, appUrl);
    expect([reopened.events, reopened.users]).toEqual([union.events, union.users]);
    await page.goto(`${appUrl}#/data`);
    await page.getByTestId('import-report').waitFor();
    const rows = page.getByTestId('import-report').locator('tbody tr th');
    expect(await rows.allInnerTexts()).toEqual(['events.csv', 'events (2).csv']);
    expect(await page.getByTestId('data-page').innerText()).toContain('当前工作区：events.csv');
    await page.goto(`${appUrl}#/segments`);
    // The list comes from IndexedDB after the page draws: wait for it before reading it.
    await page.getByTestId('segment-row').first().waitFor();
    expect(await page.getByTestId('segment-row').locator('a').allInnerTexts()).toEqual(['每周用户']);
    await page.goto(`${appUrl}#/data`);
    await page.getByTestId('import-report').waitFor();

    // Removing last week's export: the counts are this week's alone, and stay so on reload.
    // Remove asks once more beside the button; Keep changes nothing.
    const firstRow = page.getByTestId('import-report').locator('tbody tr').first();
    await firstRow.getByTestId('report-remove').click();
    await firstRow.getByTestId('report-remove-keep').click();
    expect(await page.getByTestId('report-remove').count()).toBe(2);
    expect(await page.getByTestId('import-change-removed').count()).toBe(0);
    await firstRow.getByTestId('report-remove').click();
    expect(await firstRow.innerText()).toContain('移除后工作区将不含此文件并重新加载。');
    await page.getByTestId('import-report').screenshot({ path: path.join(shots, 'report-remove-confirm-zh.png') });
    await firstRow.getByTestId('report-remove-confirm').click();
    await page.getByTestId('import-change-removed').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('import-change-removed').innerText()).toBe('已移除：events.csv。');
    const alone = { events: week2.length, users: distinct(week2) };
    expect(await page.getByTestId('import-change-counts').innerText()).toBe(
      `事件 ${n(union.events)} → ${n(alone.events)}，用户 ${n(union.users)} → ${n(alone.users)}。`,
    );
    // One events file left: it cannot be removed, and the report would say why were it listed.
    expect(await page.getByTestId('report-remove').count()).toBe(0);
    await page.getByTestId('import-report').screenshot({ path: path.join(shots, 'report-removed-zh.png') });
    const removed = await summaryCounts(page, appUrl);
    expect([removed.events, removed.users]).toEqual([alone.events, alone.users]);
    await page.reload();
    const kept = await summaryCounts(page, appUrl);
    expect([kept.events, kept.users]).toEqual([alone.events, alone.users]);

    // A users file added to the events loaded: users without events count, events do not change.
    await dropOnData(page, appUrl, usersFile);
    expect(await page.getByTestId('import-role').inputValue()).toBe('users');
    expect(await page.getByTestId('import-mode-add').isChecked()).toBe(true);
    await page.getByTestId('import-load').click();
    await page.getByTestId('import-change-added').waitFor({ timeout: 120_000 });
    const withUsers = new Set([...week2.map((r) => r.user), ...signups]).size;
    expect(await page.getByTestId('import-change-counts').innerText()).toBe(
      `事件 ${n(alone.events)} → ${n(alone.events)}，用户 ${n(alone.users)} → ${n(withUsers)}。`,
    );
    // The events file is the only one: the report says why it cannot be removed; the users file can be.
    expect(await page.getByTestId('report-remove-last').innerText()).toBe(
      '不能移除：这是唯一的事件或订单文件，工作区至少需要一个。',
    );
    expect(await page.getByTestId('report-remove').count()).toBe(1);
    await page.getByTestId('import-report').screenshot({ path: path.join(shots, 'report-users-zh.png') });
    expect(app.consoleErrors).toEqual([]);
  }, 600_000);
});
