// Issue 13: filters on an event column and a user attribute, set through the UI on the Overview,
// are in the URL, narrow the numbers as the rows say, survive a reload, and are stated on the
// definition card.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, waitForChart, type AppSession } from './harness';

const countries = ['GB', 'FR', 'DE'];
const events = ['open', 'view', 'buy'];

interface Row {
  user: string;
  event: string;
  country: string;
  /** Day of May 2024, 1..20. */
  day: number;
}

/** 90 users over 20 days; each user's plan is pro, free or missing from the users file. */
function dataset(): { files: string[]; rows: Row[]; plan: (user: string) => string } {
  const rows: Row[] = [];
  const lines = ['user,time,name,country'];
  for (let u = 0; u < 90; u++) {
    for (let d = 0; d < 20; d++) {
      if ((u * 7 + d * 3) % 5 < 2) continue;
      const row = {
        user: `u${u}`,
        day: d + 1,
        event: events[(u + d) % 3]!,
        country: countries[(u + 2 * d + Math.floor(d / 3)) % 3]!,
      };
      rows.push(row);
      lines.push(`${row.user},2024-05-${String(d + 1).padStart(2, '0')} 10:00:00,${row.event},${row.country}`);
    }
  }
  const plan = (user: string) => ['pro', 'free', ''][Number(user.slice(1)) % 3]!;
  const users = [
    'user,plan',
    ...Array.from({ length: 90 }, (_, u) => `u${u}`)
      .filter((u) => plan(u) !== '')
      .map((u) => `${u},${plan(u)}`),
  ];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-analysis-filters-'));
  writeFileSync(path.join(dir, 'shop_events.csv'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(dir, 'shop_users.csv'), `${users.join('\n')}\n`);
  const manifest = path.join(dir, 'shop.strata.json');
  writeFileSync(
    manifest,
    JSON.stringify({
      format: 'strata.workspace',
      version: 1,
      name: 'Shop',
      timeZone: 'UTC',
      files: [
        { role: 'events', path: 'shop_events.csv', format: 'csv', columns: { userId: 'user', time: 'time', event: 'name' } },
        { role: 'users', path: 'shop_users.csv', format: 'csv', columns: { userId: 'user' } },
      ],
    }),
  );
  return { files: [manifest, path.join(dir, 'shop_events.csv'), path.join(dir, 'shop_users.csv')], rows, plan };
}

function csvRows(text: string): string[][] {
  return text
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r\n/)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!));
}

const sortedJson = (m: Map<string, unknown>) => JSON.stringify([...m].sort(([a], [b]) => a.localeCompare(b)));

/** event -> [events, distinct users] over the rows given. */
function topEvents(rows: readonly Row[]): Map<string, [number, number]> {
  const out = new Map<string, [number, Set<string>]>();
  for (const r of rows) {
    const e = out.get(r.event) ?? [0, new Set<string>()];
    e[0] += 1;
    e[1].add(r.user);
    out.set(r.event, e);
  }
  return new Map([...out].map(([k, [n, users]]) => [k, [n, users.size]]));
}

describe('filters on the Overview, in Chromium', () => {
  let app: AppSession;
  const { files, rows, plan } = dataset();

  beforeAll(async () => {
    app = await openApp('?lang=en#/data');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await screenshot(app.page, `analysis-filters-failure-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  const shownTopEvents = async () => {
    const { page } = app;
    await waitForChart(page, 'panel-top-events');
    const details = page.locator('[data-testid="panel-top-events"] details.data-table');
    await details.locator('summary').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      details.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    await details.locator('summary').click();
    const [header, ...body] = csvRows(readFileSync(await download.path(), 'utf8'));
    expect(header!.slice(0, 3)).toEqual(['event', 'events', 'users']);
    return new Map(body.map((r) => [r[0]!, [Number(r[1]), Number(r[2])] as [number, number]]));
  };

  const addFilter = async (column: string, value: string) => {
    const { page } = app;
    const bar = page.getByTestId('filter-bar');
    await bar.getByRole('button', { name: '+ Add filter' }).click();
    await bar.getByLabel('Filter column').selectOption({ label: column });
    await bar.getByLabel('Test').selectOption('equals');
    await bar.getByLabel('Value', { exact: true }).fill(value);
    await bar.getByRole('button', { name: 'Add', exact: true }).click();
  };

  it('an event-column filter and a user-attribute filter narrow the Overview as the rows say', async () => {
    const { page } = app;
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('import-report').filter({ hasText: 'shop_events.csv' }).waitFor({ timeout: 120_000 });
    // The next test reloads: only a workspace already written to the device comes back.
    await page.getByTestId('stored-data').getByText('shop_events.csv', { exact: true }).waitFor({ timeout: 60_000 });
    await page.goto(`${app.appUrl}?lang=en#/overview`);
    expect(await shownTopEvents()).toEqual(topEvents(rows));

    await addFilter('country', 'FR');
    await expect.poll(() => decodeURIComponent(page.url())).toContain('filter=event:country:equals:FR');
    const france = rows.filter((r) => r.country === 'FR');
    await expect.poll(async () => sortedJson(await shownTopEvents())).toBe(sortedJson(topEvents(france)));

    await addFilter('plan', 'pro');
    await expect.poll(() => decodeURIComponent(page.url())).toContain('filter=event:country:equals:FR;user:plan:equals:pro');
    const franceAndPro = france.filter((r) => plan(r.user) === 'pro');
    expect(franceAndPro.length).toBeGreaterThan(0);
    await expect.poll(async () => sortedJson(await shownTopEvents())).toBe(sortedJson(topEvents(franceAndPro)));
    expect(await page.getByTestId('filter-chip').allInnerTexts()).toEqual([
      expect.stringContaining('Event · country = FR'),
      expect.stringContaining('User · plan = pro'),
    ]);
    await page.locator('[data-testid="panel-top-events"] details.definition summary').click();
    expect(await page.getByTestId('panel-top-events').getByTestId('filter-card').innerText()).toContain(
      'Event · country = FR; User · plan = pro',
    );
    await waitForChart(page, 'panel-active');
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'analysis-filters-overview-en');
  });

  it('keeps the filters across a reload and in Chinese, and removing one widens the numbers again', async () => {
    const { page } = app;
    await page.goto(page.url().replace('lang=en', 'lang=zh'));
    await page.reload();
    await page.getByTestId('filter-chip').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('filter-chip').allInnerTexts()).toEqual([
      expect.stringContaining('事件·country = FR'),
      expect.stringContaining('用户·plan = pro'),
    ]);
    await waitForChart(page, 'panel-top-events');
    await screenshot(page, 'analysis-filters-overview-zh');
    await page.getByRole('button', { name: '移除筛选：用户·plan = pro' }).click();
    await expect.poll(() => decodeURIComponent(page.url())).not.toContain('plan');
    const france = rows.filter((r) => r.country === 'FR');
    const details = page.locator('[data-testid="panel-top-events"] details.data-table');
    await expect
      .poll(async () => {
        await waitForChart(page, 'panel-top-events');
        await details.locator('summary').click();
        const text = await details.locator('table').innerText();
        await details.locator('summary').click();
        return text;
      })
      .toContain(topEvents(france).get('open')![0]!.toLocaleString('en-US'));
  });

  it('a filter in the address that cannot be read says so and computes nothing with it', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}?lang=en#/overview?filter=event:country:like:FR`);
    await page.reload();
    await page.getByTestId('filter-bar').getByRole('alert').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('filter-bar').innerText()).toContain('cannot be read');
    await page.getByTestId('panel-top-events').getByRole('alert').waitFor();
    await page.getByRole('button', { name: 'Clear all filters' }).click();
    await waitForChart(page, 'panel-top-events');
    expect(app.outsideRequests).toEqual([]);
  });

  it('lifecycle and stickiness count only the chosen event, from the URL, and say so', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}?lang=en#/stickiness?event=buy&span=2024-05-13`);
    await page.reload();
    await waitForChart(page, 'panel-stickiness');
    expect(await page.getByTestId('panel-stickiness').getByLabel('Event').inputValue()).toBe('buy');
    const details = page.locator('[data-testid="panel-stickiness"] details.data-table');
    await details.locator('summary').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      details.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const [header, ...body] = csvRows(readFileSync(await download.path(), 'utf8'));
    expect(header!.slice(0, 2)).toEqual(['k', 'users']);
    // Independent: users with a buy in the week of 13-19 May, by their number of days with one.
    const days = new Map<string, Set<number>>();
    for (const r of rows.filter((x) => x.event === 'buy' && x.day >= 13 && x.day <= 19)) {
      days.set(r.user, (days.get(r.user) ?? new Set()).add(r.day));
    }
    const expected = Array.from({ length: 7 }, (_, i) => [...days.values()].filter((d) => d.size === i + 1).length);
    expect(body.map((r) => Number(r[1]))).toEqual(expected);
    expect(expected.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await page.locator('[data-testid="panel-stickiness"] details.definition summary').click();
    expect(await page.getByTestId('panel-stickiness').locator('details.definition').innerText()).toContain(
      'Only the event "buy" counts',
    );

    await page.goto(`${app.appUrl}?lang=zh#/lifecycle?event=buy`);
    await page.reload();
    await waitForChart(page, 'panel-lifecycle');
    expect(await page.getByTestId('panel-lifecycle').getByLabel('按事件').inputValue()).toBe('buy');
    await page.locator('[data-testid="panel-lifecycle"] details.definition summary').click();
    expect(await page.getByTestId('panel-lifecycle').locator('details.definition').innerText()).toContain('只计入事件“buy”');
    await screenshot(page, 'lifecycle-event-choice-zh');
  });

  it('retention breaks cohorts down by an event column, first or last touch, from the URL', async () => {
    const { page } = app;
    await page.goto(`${app.appUrl}?lang=en#/retention?breakdown=country&touch=last&grain=week&n=2`);
    await page.reload();
    await waitForChart(page, 'panel-retention');
    expect(await page.getByLabel('Attribution').inputValue()).toBe('last-touch');
    await page.locator('[data-testid="panel-retention"] details.definition summary').click();
    expect(await page.getByTestId('panel-retention').locator('details.definition').innerText()).toContain(
      'Broken down by the event column country, last touch',
    );
    // Independent: each user's country on their last event (the latest day), counted per group.
    const lastCountry = new Map<string, Row>();
    for (const r of rows) if ((lastCountry.get(r.user)?.day ?? 0) <= r.day) lastCountry.set(r.user, r);
    const details = page.locator('[data-testid="panel-retention"] details.data-table');
    await details.locator('summary').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      details.getByRole('button', { name: 'Download CSV' }).first().click(),
    ]);
    const [header, ...body] = csvRows(readFileSync(await download.path(), 'utf8'));
    const at = (name: string) => header!.indexOf(name);
    const sizes = new Map<string, number>();
    for (const r of body.filter((x) => x[at('period_n')] === '0')) {
      sizes.set(r[at('breakdown')]!, (sizes.get(r[at('breakdown')]!) ?? 0) + Number(r[at('cohort_size')]));
    }
    const want = new Map<string, number>();
    for (const r of lastCountry.values()) want.set(r.country, (want.get(r.country) ?? 0) + 1);
    expect(sizes).toEqual(want);
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'retention-breakdown-last-touch-en');
  });
});
