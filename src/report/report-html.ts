import { escapeHtml } from './escape-html';
import { noteHtml } from './note-markup';
import { dataBlockId } from './report-payload';
import type { DataFingerprint, PanelSnapshot, ReportSnapshot, ReportTable } from './report-types';

/** The words of an exported report, in the language it was made in. */
export interface ReportLabels {
  madeAt: string;
  appVersion: string;
  language: string;
  data: string;
  file: string;
  role: string;
  rows: string;
  events: string;
  users: string;
  dateRange: string;
  timeZone: string;
  contentHash: string;
  definition: string;
  table: string;
  sql: string;
  segment: string;
  route: string;
  /** `{n}` is replaced by the number of rows. */
  omittedRows: string;
  error: string;
  noScript: string;
}

/**
 * No script at all, nothing from anywhere: styles are inline and charts inline SVG. The data
 * block is JSON, which a browser never runs.
 */
export const reportCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const reportCss = `
body { max-width: 1100px; margin: 0 auto; padding: 24px; }
.report-head h1 { margin: 0 0 4px; }
.report-meta { color: var(--muted); margin: 0 0 12px; }
.report-panel, .report-data, .report-note { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 18px; margin: 16px 0; }
.report-panel h2 { margin: 0 0 6px; font-size: 1.15rem; }
.report-panel h3, .report-data h2 { font-size: 1rem; margin: 14px 0 6px; }
.report-panel pre { white-space: pre-wrap; word-break: break-word; font-size: 0.8em; background: var(--bg); padding: 8px; border-radius: 6px; }
.report-panel .panel-body { overflow-x: auto; }
.table-scroll { max-height: none; }
.report-route { font-family: ui-monospace, monospace; font-size: 0.8em; color: var(--muted); }
@media print {
  body { padding: 0; max-width: none; }
  .report-panel { break-before: page; border: none; padding: 0; }
  .report-data, .report-note { border: none; padding: 0; }
  tr, figure, svg, .kpi, h2, h3 { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  .table-scroll, .report-panel .panel-body { overflow: visible; }
  details > summary { list-style: none; }
}
`;

function tableHtml(table: ReportTable): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = table.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-scroll"><table class="grid"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function panelHtml(p: PanelSnapshot, labels: ReportLabels): string {
  const parts = [`<section class="report-panel" data-panel="${escapeHtml(p.panel)}">`, `<h2>${escapeHtml(p.title)}</h2>`];
  if (p.segment !== null) parts.push(`<p class="report-segment">${escapeHtml(labels.segment)}: ${escapeHtml(p.segment)}</p>`);
  parts.push(`<p class="report-route">${escapeHtml(labels.route)}: ${escapeHtml(p.route)}</p>`);
  if (p.error !== null) parts.push(`<p class="panel-error">${escapeHtml(labels.error)}: ${escapeHtml(p.error)}</p>`);
  // The body is markup the app drew and sanitised (./sanitise in the UI); everything else here
  // is escaped text.
  if (p.body) parts.push(`<div class="panel-body">${p.body}</div>`);
  parts.push(`<h3>${escapeHtml(labels.definition)}</h3>`, `<p class="definition">${escapeHtml(p.definition)}</p>`);
  if (p.table) parts.push(`<h3>${escapeHtml(labels.table)}</h3>`, tableHtml(p.table));
  if (p.omittedRows > 0)
    parts.push(`<p class="muted">${escapeHtml(labels.omittedRows.replace('{n}', String(p.omittedRows)))}</p>`);
  if (p.sql)
    parts.push(`<details class="sql" open><summary>${escapeHtml(labels.sql)}</summary><pre>${escapeHtml(p.sql)}</pre></details>`);
  parts.push('</section>');
  return parts.join('\n');
}

function fingerprintHtml(f: DataFingerprint, labels: ReportLabels, formatNumber: (n: number) => string): string {
  const files = f.files
    .map(
      (x) => `<tr><td>${escapeHtml(x.name)}</td><td>${escapeHtml(x.role)}</td><td>${escapeHtml(formatNumber(x.rows))}</td></tr>`,
    )
    .join('');
  const fact = (label: string, value: string) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
  return [
    `<section class="report-data"><h2>${escapeHtml(labels.data)}</h2>`,
    `<table class="grid"><thead><tr><th scope="col">${escapeHtml(labels.file)}</th><th scope="col">${escapeHtml(labels.role)}</th><th scope="col">${escapeHtml(labels.rows)}</th></tr></thead><tbody>${files}</tbody></table>`,
    '<dl class="facts">',
    fact(labels.events, formatNumber(f.events)),
    fact(labels.users, formatNumber(f.users)),
    fact(labels.dateRange, `${f.firstDay ?? '–'} – ${f.lastDay ?? '–'}`),
    fact(labels.timeZone, f.timeZone),
    fact(labels.contentHash, f.contentHash),
    '</dl></section>',
  ].join('\n');
}

/**
 * One self-contained HTML file: readable with JavaScript off, printable (a panel per page, no
 * row cut in two), every value from the data escaped. `css` is the app's stylesheet, so that
 * the panels look as they did on screen; `dataJson` is from dataBlockJson.
 */
export function reportHtml(
  snapshot: ReportSnapshot,
  dataJson: string,
  options: { labels: ReportLabels; css: string; formatNumber: (n: number) => string; languageName: string },
): string {
  const { labels } = options;
  const lang = snapshot.language === 'zh' ? 'zh-CN' : 'en';
  const items = snapshot.items
    .map((i) => (i.type === 'panel' ? panelHtml(i, labels) : `<section class="report-note">${noteHtml(i.text)}</section>`))
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportCsp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Strata ${escapeHtml(snapshot.appVersion)}">
<title>${escapeHtml(snapshot.title)}</title>
<style>${options.css.replace(/<\/style/gi, '<\\/style')}${reportCss}</style>
<script type="application/json" id="${dataBlockId}">${dataJson}</script>
</head>
<body>
<header class="report-head">
<h1>${escapeHtml(snapshot.title)}</h1>
<p class="report-meta">${escapeHtml(labels.madeAt)}: <time datetime="${escapeHtml(snapshot.madeAt)}">${escapeHtml(snapshot.madeAt.replace('T', ' ').slice(0, 19))} UTC</time> · ${escapeHtml(labels.appVersion)}: Strata ${escapeHtml(snapshot.appVersion)} · ${escapeHtml(labels.language)}: ${escapeHtml(options.languageName)}</p>
</header>
${fingerprintHtml(snapshot.fingerprint, labels, options.formatNumber)}
${items}
</body>
</html>
`;
}
