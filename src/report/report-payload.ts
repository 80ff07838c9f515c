import { fail, ok, type Result } from '../schema/problem';
import { bool, integer, list, nullable, object, oneOf, text, type Check } from '../schema/validate';
import { reportFormat, reportVersion, type ReportItemSnapshot, type ReportSnapshot } from './report-types';

/**
 * The exported file carries its report as data, in a JSON block that no browser executes, so
 * that the app can open the file again. The block leaves out the panels' markup (the file's
 * visible body is that) and ends with a SHA-256 digest of the rest: a file damaged or edited
 * after export is told apart from the one made (the digest is not a signature: whoever edits
 * the file on purpose can recompute it).
 */
export const dataBlockId = 'strata-report-data';

interface DataBlock {
  report: ReportSnapshot;
  digest: string;
}

/** The snapshot as it is kept in the data block: panel bodies dropped. */
export function withoutBodies(snapshot: ReportSnapshot): ReportSnapshot {
  return { ...snapshot, items: snapshot.items.map((i) => (i.type === 'panel' ? { ...i, body: '' } : i)) };
}

async function sha256Hex(textValue: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(textValue));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The data block's JSON, safe inside a `<script type="application/json">` element. */
export async function dataBlockJson(snapshot: ReportSnapshot): Promise<string> {
  const report = withoutBodies(snapshot);
  const block: DataBlock = { report, digest: await sha256Hex(JSON.stringify(report)) };
  // `<` as \u003c: no `</script>` or `<!--` in the text can end or change the element.
  return JSON.stringify(block)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const short = text(2000);
const long = text(5_000_000);
const cell = text(100_000);

const table = object({
  columns: list(short, 1000),
  rows: list(list(cell, 1000), 1_000_000),
  perUser: bool,
});

const panel = object({
  type: oneOf(['panel']),
  title: short,
  route: short,
  panel: short,
  segment: nullable(short),
  definition: long,
  body: text(0),
  table: nullable(table),
  omittedRows: integer(0, Number.MAX_SAFE_INTEGER),
  sql: long,
  error: nullable(long),
});

const note = object({ type: oneOf(['note']), text: long });

const item: Check<ReportItemSnapshot> = (input, field) => {
  const type = (input as { type?: unknown } | null)?.type;
  if (type === 'note') return note(input, field);
  return panel(input, field) as Result<ReportItemSnapshot>;
};

const count = integer(0, Number.MAX_SAFE_INTEGER);
const day = nullable(text(10));

const snapshotCheck = object({
  format: oneOf([reportFormat]),
  version: integer(1, reportVersion),
  title: short,
  madeAt: short,
  appVersion: short,
  language: oneOf(['zh', 'en']),
  fingerprint: object({
    files: list(object({ name: short, role: short, rows: count }), 10_000),
    events: count,
    users: count,
    firstDay: day,
    lastDay: day,
    timeZone: short,
    contentHash: short,
  }),
  items: list(item, 1000),
});

const blockPattern = new RegExp(`<script type="application/json" id="${dataBlockId}">([^<]*)</script>`);

/**
 * The report inside an exported file's text, checked: `report.notStrata` when the file has no
 * report block, `report.newerVersion`, `report.damaged` (unreadable, or not what was exported).
 */
export async function readReportFile(html: string): Promise<Result<ReportSnapshot>> {
  const found = blockPattern.exec(html);
  if (!found) return fail('report.notStrata');
  let parsed: unknown;
  try {
    parsed = JSON.parse(found[1]!);
  } catch {
    return fail('report.damaged', { detail: 'JSON' });
  }
  const raw = parsed as Partial<DataBlock> | null;
  const version = (raw?.report as { version?: unknown } | undefined)?.version;
  if (typeof version === 'number' && version > reportVersion) {
    return fail('report.newerVersion', { version, supported: reportVersion });
  }
  const checked = snapshotCheck(raw?.report, 'report');
  if (!checked.ok) return fail('report.damaged', { detail: String(checked.problem.vars?.field ?? '') });
  if (typeof raw?.digest !== 'string' || raw.digest !== (await sha256Hex(JSON.stringify(raw.report)))) {
    return fail('report.tampered');
  }
  return ok(checked.value as ReportSnapshot);
}
