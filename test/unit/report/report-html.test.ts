import { describe, expect, it } from 'vitest';
import { dataBlockJson, readReportFile } from '../../../src/report/report-payload';
import { reportCsp, reportHtml, type ReportLabels } from '../../../src/report/report-html';
import type { ReportSnapshot } from '../../../src/report/report-types';

const hostile = [
  '<script>alert(1)</script>',
  '"quoted"',
  "it's",
  '</style><b>x</b>',
  ']]>',
  '留存 用户',
  '\u202Eevil\u202C',
  '</script><script>alert(2)</script>',
];
const nasty = hostile.join(' | ');

const labels = Object.fromEntries(
  [
    'madeAt',
    'appVersion',
    'language',
    'data',
    'file',
    'role',
    'rows',
    'events',
    'users',
    'dateRange',
    'timeZone',
    'contentHash',
    'definition',
    'table',
    'sql',
    'segment',
    'route',
    'error',
    'noScript',
  ].map((k) => [k, k]),
) as unknown as ReportLabels;
labels.omittedRows = '{n} rows left out';

function snapshot(): ReportSnapshot {
  return {
    format: 'strata-report',
    version: 1,
    title: `Report ${nasty}`,
    madeAt: '2026-11-30T10:00:00.000Z',
    appVersion: '0.1.0',
    language: 'en',
    fingerprint: {
      files: [{ name: `events ${nasty}.csv`, role: 'events', rows: 3 }],
      events: 3,
      users: 2,
      firstDay: '2026-01-01',
      lastDay: '2026-01-31',
      timeZone: 'Asia/Shanghai',
      contentHash: 'abc-def',
    },
    items: [
      { type: 'note', text: `## Heading ${nasty}\n**bold** ${nasty}` },
      {
        type: 'panel',
        title: `Panel ${nasty}`,
        route: '#/retention?grain=month',
        panel: 'panel-retention',
        segment: `Segment ${nasty}`,
        definition: `Counts ${nasty}`,
        body: '<p class="x">drawn</p>',
        table: { columns: ['event', 'users'], rows: hostile.map((h, i) => [h, String(i)]), perUser: false },
        omittedRows: 0,
        sql: `SELECT '${nasty}'`,
        error: null,
      },
    ],
  };
}

async function build(s = snapshot()): Promise<string> {
  return reportHtml(s, await dataBlockJson(s), {
    labels,
    css: 'body{color:#111}',
    formatNumber: String,
    languageName: 'English',
  });
}

describe('an exported report file', () => {
  it('escapes every value from the data: parsed back, it has no script and shows each value as text', async () => {
    const html = await build();
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect([...doc.querySelectorAll('script')].map((s) => s.getAttribute('type'))).toEqual(['application/json']);
    expect(doc.querySelectorAll('b, style + b').length).toBe(0);
    expect(doc.querySelectorAll('style').length).toBe(1);
    expect(doc.title).toBe(`Report ${nasty}`);
    expect(doc.querySelector('h1')?.textContent).toBe(`Report ${nasty}`);
    const cells = [...doc.querySelectorAll('section.report-panel tbody tr')].map((tr) => tr.querySelector('td')?.textContent);
    expect(cells).toEqual(hostile);
    expect(doc.querySelector('.report-segment')?.textContent).toContain(`Segment ${nasty}`);
    expect(doc.querySelector('.definition')?.textContent).toBe(`Counts ${nasty}`);
    expect(doc.querySelector('pre')?.textContent).toBe(`SELECT '${nasty}'`);
    expect(doc.querySelector('.report-data td')?.textContent).toBe(`events ${nasty}.csv`);
    expect(doc.querySelector('.report-note h3')?.textContent).toBe(`Heading ${nasty}`);
    expect(doc.querySelector('.report-note strong')?.textContent).toBe('bold');
    // The sanitised body the app drew is kept as markup.
    expect(doc.querySelector('.panel-body p.x')?.textContent).toBe('drawn');
  });

  it('carries a restrictive CSP: no script at all, nothing from anywhere', async () => {
    const doc = new DOMParser().parseFromString(await build(), 'text/html');
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toBe(reportCsp);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|https?:/);
  });

  it('reads back as it was made, without the panels’ markup', async () => {
    const read = await readReportFile(await build());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const expected = snapshot();
    (expected.items[1] as { body: string }).body = '';
    expect(read.value).toEqual(expected);
  });

  it('refuses a file edited after export, a damaged one, a newer one and one that is not a report', async () => {
    const html = await build();
    const edited = html.replace('"events":3', '"events":4');
    expect(edited).not.toBe(html);
    expect(await readReportFile(edited)).toEqual({ ok: false, problem: { code: 'report.tampered' } });
    const damaged = await readReportFile(html.replace('"items":[', '"items":[{'));
    expect(!damaged.ok && damaged.problem.code).toBe('report.damaged');
    const wrongShape = await readReportFile(html.replace('"events":3', '"events":"3"'));
    expect(!wrongShape.ok && wrongShape.problem.code).toBe('report.damaged');
    const newer = await readReportFile(html.replace('"version":1,', '"version":2,'));
    expect(newer).toEqual({ ok: false, problem: { code: 'report.newerVersion', vars: { version: 2, supported: 1 } } });
    expect(await readReportFile('<html><p>hello</p></html>')).toEqual({ ok: false, problem: { code: 'report.notStrata' } });
  });
});
