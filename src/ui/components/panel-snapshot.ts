import type { PanelSnapshot, ReportTable } from '../../report/report-types';
import type { Row } from '../../engine/to-rows';
import { formatCell } from './csv';

/** Elements that are for working in the app, not for reading a result. */
const dropped = 'script, iframe, object, embed, foreignObject, input, select, textarea, form, [data-export="omit"], .cell-users';
/** Attributes that could load something or run something; `style` is kept (charts colour with it). */
const unsafeAttribute = /^(on|formaction|srcdoc|src|srcset|action|ping)/i;
/** A raster image inline: what Plot draws a colour legend's ramp with, and all the report's CSP lets load. */
const inlineRaster = /^data:image\/(png|jpeg|gif|webp);base64,/i;

/**
 * The markup of what a panel shows, for a file opened anywhere: controls dropped, buttons
 * turned into plain text (a retention cell's number stays), links kept as text, nothing that
 * loads or runs. The exported file's Content-Security-Policy forbids scripts as well.
 */
export function sanitisedMarkup(body: Element): string {
  const copy = body.cloneNode(true) as Element;
  for (const node of copy.querySelectorAll(dropped)) node.remove();
  for (const node of copy.querySelectorAll('button, a, label')) {
    const span = copy.ownerDocument.createElement('span');
    if (node.getAttribute('class')) span.setAttribute('class', node.getAttribute('class')!);
    span.append(...node.childNodes);
    node.replaceWith(span);
  }
  for (const node of [copy, ...copy.querySelectorAll('*')]) {
    for (const { name, value } of [...node.attributes]) {
      const link =
        /(^|:)href$/i.test(name) && !value.startsWith('#') && !(node.localName === 'image' && inlineRaster.test(value));
      const loads = name === 'style' && /url\s*\(/i.test(value);
      if (unsafeAttribute.test(name) || link || loads) node.removeAttribute(name);
    }
  }
  return copy.innerHTML;
}

/** A result's rows as "Download CSV" writes them. */
export function reportTable(rows: readonly Row[]): ReportTable {
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return {
    columns,
    rows: rows.map((r) => columns.map((c) => formatCell(c, r[c] ?? null))),
    perUser: columns.includes('user_id'),
  };
}

export interface SnapshotInput {
  title: string;
  route: string;
  panel: string;
  segment: string | null;
  definition: string;
  body: Element | null;
  rows: readonly Row[];
  sql: string;
  error: string | null;
  includeUserRows: boolean;
}

/**
 * A panel for an exported report. Per-user rows (a table with `user_id`) are left out unless
 * asked for, and so is the panel's own drawing of them: ids are personal data.
 */
export function panelSnapshot(input: SnapshotInput): PanelSnapshot {
  const table = input.rows.length > 0 ? reportTable(input.rows) : null;
  const withheld = table !== null && table.perUser && !input.includeUserRows;
  let body = input.body ? sanitisedMarkup(input.body) : '';
  if (withheld && input.body) {
    const copy = input.body.cloneNode(true) as Element;
    for (const node of copy.querySelectorAll('table, .id-list')) node.remove();
    body = sanitisedMarkup(copy);
  }
  return {
    type: 'panel',
    title: input.title,
    route: input.route,
    panel: input.panel,
    segment: input.segment,
    definition: input.definition,
    body,
    table: withheld ? null : table,
    omittedRows: withheld ? table.rows.length : 0,
    sql: input.sql,
    error: input.error,
  };
}
