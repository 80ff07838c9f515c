import { strFromU8, unzipSync } from 'fflate';
import { fail, ok, type Result } from '../schema/problem';
import { fillMergedCells, mergedRanges } from './merged-cells';
import { utcFieldsText } from './time-text';

/**
 * A reader for the cells of an .xlsx workbook (Office Open XML), enough for data exports:
 * shared and inline strings, numbers, booleans, and numbers styled as dates, which become
 * naive wall times (`YYYY-MM-DD HH:MM:SS`) read later in the dataset's time zone.
 * Formulas are read by their cached value; merged cells show their value over the whole
 * range, as Excel shows them. Written for this app because the SheetJS build
 * on npm carries unfixed vulnerabilities; fflate does the unzipping.
 */

export type Cell = string | number | boolean | null;

export interface Workbook {
  sheetNames: string[];
  /**
   * Rows of the named sheet (the first when absent), each as long as its last filled cell,
   * with merged ranges filled by their top-left value.
   */
  rows(sheet?: string): Result<Cell[][]>;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  return text
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
      if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
      return entities[e] ?? '';
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const attributePatterns = new Map<string, RegExp>();

function attribute(tag: string, name: string): string | undefined {
  let pattern = attributePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name}="([^"]*)"`);
    attributePatterns.set(name, pattern);
  }
  const m = pattern.exec(tag);
  return m ? decodeXmlText(m[1]!) : undefined;
}

/** The text of every <t> inside an element (rich text runs are concatenated). */
function innerText(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)) out += m[1];
  return decodeXmlText(out);
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => innerText(m[1]!));
}

const builtInDateFormats = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** Whether a number format code shows a date or time (quoted text and [colors] aside). */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^[#0.,%E+\- ]*$/.test(bare);
}

/** For each cell style index: whether numbers in it are dates. */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attribute(m[0], 'numFmtId'));
    custom.set(id, attribute(m[0], 'formatCode') ?? '');
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attribute(m[0], 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormatCode(code) : builtInDateFormats.has(id);
  });
}

/** An Excel serial date as naive wall time text (day 0 is 1899-12-30, or 1904-01-01 in the 1904 system). */
export function excelSerialToText(serial: number, date1904: boolean): string {
  const days = serial - (date1904 ? 24107 : 25569);
  const ms = Math.round((days * 86_400_000) / 1000) * 1000;
  const { date, time, text } = utcFieldsText(new Date(ms));
  return time === '00:00:00' && Number.isInteger(serial) ? date : text;
}

/** Column index of a cell reference such as "AB12" (0-based). */
export function columnIndex(ref: string): number {
  let index = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

function sheetRows(xml: string, strings: readonly string[], dates: readonly boolean[], date1904: boolean): Cell[][] {
  const rows: Cell[][] = [];
  for (const rowMatch of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNumber = Number(attribute(rowMatch[1]!, 'r') ?? rows.length + 1);
    while (rows.length < rowNumber - 1) rows.push([]);
    const row: Cell[] = [];
    for (const c of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = c[1]!;
      const body = c[2] ?? '';
      const ref = attribute(tag, 'r');
      const at = ref ? columnIndex(ref) : row.length;
      const type = attribute(tag, 't') ?? 'n';
      const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: Cell = null;
      if (type === 'inlineStr') value = innerText(body);
      else if (raw === undefined) value = null;
      else if (type === 's') value = strings[Number(raw)] ?? null;
      else if (type === 'str' || type === 'e') value = decodeXmlText(raw);
      else if (type === 'b') value = raw === '1';
      else {
        const n = Number(raw);
        value = dates[Number(attribute(tag, 's') ?? 0)] ? excelSerialToText(n, date1904) : n;
      }
      while (row.length < at) row.push(null);
      row[at] = value;
    }
    rows.push(row);
  }
  return rows;
}

function entryText(files: Record<string, Uint8Array>, name: string): string | undefined {
  const bytes = files[name];
  return bytes ? strFromU8(bytes) : undefined;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return `xl/${target}`.replace(/\/\.\//g, '/');
}

/** Opens an .xlsx file's bytes: the sheet list now, a sheet's rows on demand. */
export function openWorkbook(bytes: Uint8Array, fileName: string): Result<Workbook> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return fail('xlsx.damaged', { file: fileName });
  }
  const workbook = entryText(files, 'xl/workbook.xml');
  if (!workbook) return fail('xlsx.notWorkbook', { file: fileName });
  const rels = entryText(files, 'xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(m[0], 'Id');
    const target = attribute(m[0], 'Target');
    if (id && target) targets.set(id, resolveTarget(target));
  }
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: attribute(m[0], 'name') ?? '',
    path: targets.get(attribute(m[0], 'r:id') ?? '') ?? '',
  }));
  if (sheets.length === 0) return fail('xlsx.noSheets', { file: fileName });
  const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(workbook);
  const strings = sharedStrings(entryText(files, 'xl/sharedStrings.xml'));
  const dates = dateStyles(entryText(files, 'xl/styles.xml'));
  return ok({
    sheetNames: sheets.map((s) => s.name),
    rows(sheet) {
      const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet);
      if (!chosen) {
        return fail('xlsx.noSuchSheet', { file: fileName, sheet: sheet ?? '', sheets: sheets.map((s) => s.name).join(', ') });
      }
      const xml = entryText(files, chosen.path);
      if (xml === undefined) return fail('xlsx.sheetMissing', { file: fileName, sheet: chosen.name });
      const rows = sheetRows(xml, strings, dates, date1904);
      fillMergedCells(rows, mergedRanges(xml));
      return ok(rows);
    },
  });
}
