import type { Outcome } from '../../../engine/engine-error';
import type { TabularOptions, TabularPreview } from '../../../engine/tabular';
import { guessRoles } from '../../../ingest/guess-roles';
import { jsonShape } from '../../../ingest/json-records';
import {
  manifestFormat,
  manifestVersion,
  validateManifest,
  type FileEncoding,
  type FileSpec,
  type WorkspaceManifest,
  type TabularFormat,
  holdsEvents,
} from '../../../ingest/manifest';
import { fail, ok, type Result } from '../../../ingest/result';
import { decodeHead, detectEncoding, sniffText, type SniffedText } from '../../../ingest/sniff';
import { checkTextHead, isGzip } from '../../../ingest/text-check';
import type { WeekStart } from '../../../schema/period';

const headBytes = 64 * 1024;

async function readHead(file: File): Promise<Uint8Array> {
  const raw = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  if (!isGzip(raw)) return new Uint8Array(await file.slice(0, headBytes).arrayBuffer());
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < headBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A dropped data file as sniffed, with the choices the import preview lets the user change. */
export interface DraftFile {
  file: File;
  /** The first bytes (decompressed when gzip), for re-sniffing after a change of encoding. */
  head: Uint8Array;
  /** The head is the whole file. */
  complete: boolean;
  sniffed: SniffedText;
  spec: FileSpec;
  /** For xlsx: the workbook's sheets. */
  sheetNames?: string[];
}

/** The engine worker's conversion of a file's first rows to CSV (see EngineClient). */
export type PreviewTabular = (file: Blob, options: TabularOptions) => Promise<Outcome<TabularPreview>>;

const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const oleMagic = [0xd0, 0xcf, 0x11, 0xe0];
const parquetMagic = [0x50, 0x41, 0x52, 0x31];
const startsWith = (head: Uint8Array, magic: readonly number[]) => magic.every((b, i) => head[i] === b);

/** Which converted format a file is, from its name and first bytes; null for delimited text. */
export function tabularFormatOf(name: string, head: Uint8Array, encoding: FileEncoding): TabularFormat | null {
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  if (startsWith(head, zipMagic) || lower.endsWith('.xlsx')) return 'xlsx';
  if (startsWith(head, parquetMagic) || lower.endsWith('.parquet')) return 'parquet';
  const text = decodeHead(head.subarray(0, 256), encoding, false);
  const shape = jsonShape(text);
  if (/\.(ndjson|jsonl)$/.test(lower)) return 'ndjson';
  if (lower.endsWith('.json')) return shape ?? 'json';
  // Other names: only unmistakable JSON starts (a CSV header never starts with `{"` or `[{`).
  if (/^\uFEFF?\s*(\{\s*"|\[\s*\{)/.test(text)) return shape;
  return null;
}

/** The sniffed header and rows of a head read in one encoding. */
export function sniffHead(head: Uint8Array, encoding: FileEncoding, complete: boolean, separator?: string): SniffedText {
  return sniffText(decodeHead(head, encoding, complete), separator);
}

/** The spec the sniffed header and rows suggest (roles and columns guessed). */
function guessedSpec(file: File, sniffed: SniffedText): FileSpec {
  const guess = guessRoles(sniffed.header, sniffed.rows);
  return {
    role: guess.role,
    path: file.name,
    format: sniffed.format,
    columns: { ...guess.columns, userId: guess.columns.userId ?? '' },
  };
}

/** Drafts a JSON, NDJSON or xlsx file from the first rows the worker converted to CSV. */
export async function draftTabularFile(
  file: File,
  format: TabularFormat,
  encoding: FileEncoding,
  preview: PreviewTabular,
  sheet?: string,
): Promise<Result<DraftFile>> {
  const gzip = isGzip(new Uint8Array(await file.slice(0, 2).arrayBuffer()));
  if (file.size === 0) return fail(`${file.name}: the file is empty (0 bytes). Export it again with its rows.`);
  const options: TabularOptions = { fileName: file.name, format, encoding, gzip, ...(sheet !== undefined ? { sheet } : {}) };
  const converted = await preview(file, options);
  if (!converted.ok) return fail(converted.error.message);
  const sniffed = sniffHead(converted.value.head, 'utf-8', true, ',');
  if (sniffed.header.length === 0) return fail(`${file.name}: no columns were found.`);
  if (sniffed.rows.length === 0) return fail(`${file.name}: the file has column names but no rows.`);
  const spec: FileSpec = {
    ...guessedSpec(file, sniffed),
    format,
    ...(sheet !== undefined ? { sheet } : {}),
    ...(format !== 'xlsx' && encoding !== 'utf-8' ? { encoding } : {}),
  };
  return ok({
    file,
    head: converted.value.head,
    complete: true,
    sniffed,
    spec,
    ...(converted.value.sheetNames ? { sheetNames: converted.value.sheetNames } : {}),
  });
}

/** Sniffs one dropped file: is it text, in which encoding and format, which column is what. */
export async function draftFile(file: File, preview: PreviewTabular): Promise<Result<DraftFile>> {
  const head = await readHead(file).catch(() => null);
  if (head === null) return fail(`${file.name}: the file could not be read (a damaged gzip?).`);
  if (startsWith(head, oleMagic)) {
    return fail(`${file.name}: an old Excel .xls workbook, which is not read. Save it as .xlsx or CSV in Excel and drop that.`);
  }
  const encoding = detectEncoding(head);
  const tabular = tabularFormatOf(file.name, head, encoding);
  if (tabular) return draftTabularFile(file, tabular, encoding, preview);
  const wide = encoding === 'utf-16le' || encoding === 'utf-16be';
  const check = checkTextHead(file.name, head, head.length === 0 ? 0 : file.size, wide);
  if (!check.ok) return check;
  const complete = head.length < headBytes;
  const sniffed = sniffHead(head, encoding, complete);
  if (sniffed.header.length === 0) return fail(`${file.name}: the file has no header line.`);
  if (sniffed.rows.length === 0) return fail(`${file.name}: the file has a header but no rows.`);
  const spec: FileSpec = {
    ...guessedSpec(file, sniffed),
    ...(sniffed.delimiter && sniffed.delimiter !== ',' ? { delimiter: sniffed.delimiter } : {}),
    ...(encoding !== 'utf-8' ? { encoding } : {}),
  };
  return ok({ file, head, complete, sniffed, spec });
}

/** The workspace the drafts describe, or what still has to be chosen before it can load. */
export function draftManifest(
  drafts: readonly DraftFile[],
  timeZone: string,
  weekStart: WeekStart,
  pseudonymise?: { salt: string },
): Result<WorkspaceManifest> {
  const manifest = {
    format: manifestFormat,
    version: manifestVersion,
    name: drafts.map((d) => d.file.name).join(', '),
    timeZone,
    weekStart,
    files: drafts.map((d) => d.spec),
    ...(pseudonymise ? { pseudonymise } : {}),
  };
  for (const d of drafts) {
    if (!d.spec.columns.userId) return fail(`${d.file.name}: choose the user id column.`);
    if (holdsEvents(d.spec.role) && !d.spec.columns.time) return fail(`${d.file.name}: choose the time column.`);
    if (d.spec.role === 'identity' && !d.spec.columns.anonymousId) {
      return fail(`${d.file.name}: choose the anonymous id column.`);
    }
  }
  if (!drafts.some((d) => holdsEvents(d.spec.role))) {
    return fail('none of the files holds events or orders, so there is nothing to analyse.');
  }
  return validateManifest(manifest);
}

export type DropPlan =
  { kind: 'manifest'; manifest: WorkspaceManifest; files: Map<string, Blob> } | { kind: 'drafts'; drafts: DraftFile[] };

/**
 * Turns dropped files into either a workspace to load at once (a manifest dropped with its
 * data files) or drafts for the import preview, where the user checks the guesses.
 */
export async function planDroppedFiles(files: readonly File[], preview: PreviewTabular): Promise<Result<DropPlan>> {
  if (files.length === 0) return fail('no file was dropped');
  let manifestFile: File | undefined;
  for (const f of files) if (!manifestFile && (await isWorkspaceManifest(f))) manifestFile = f;
  if (manifestFile) {
    const opened = await withManifest(
      manifestFile,
      files.filter((f) => f !== manifestFile),
    );
    return opened.ok ? ok({ kind: 'manifest', ...opened.value }) : opened;
  }
  const drafts: DraftFile[] = [];
  for (const file of files) {
    const draft = await draftFile(file, preview);
    if (!draft.ok) return draft;
    drafts.push(draft.value);
  }
  return ok({ kind: 'drafts', drafts });
}

const baseName = (p: string) => p.split('/').pop() ?? p;

/** A small .json file that declares itself a Strata workspace (data JSON is imported instead). */
async function isWorkspaceManifest(file: File): Promise<boolean> {
  if (!file.name.toLowerCase().endsWith('.json') || file.size > 1024 * 1024) return false;
  const text = await file.text().catch(() => '');
  return new RegExp(`"format"\\s*:\\s*"${manifestFormat}"`).test(text);
}

/** A dropped workspace manifest (exported earlier) with its data files dropped beside it. */
async function withManifest(
  manifestFile: File,
  dataFiles: readonly File[],
): Promise<Result<{ manifest: WorkspaceManifest; files: Map<string, Blob> }>> {
  if (manifestFile.size > 1024 * 1024) return fail(`${manifestFile.name}: too large for a workspace manifest`);
  let json: unknown;
  try {
    json = JSON.parse(await manifestFile.text());
  } catch {
    return fail(`${manifestFile.name}: not valid JSON`);
  }
  const manifest = validateManifest(json);
  if (!manifest.ok) return fail(`${manifestFile.name}: ${manifest.reason}`);
  const byName = new Map(dataFiles.map((f) => [f.name, f]));
  const files = new Map<string, Blob>();
  const missing: string[] = [];
  for (const spec of manifest.value.files) {
    const file = byName.get(baseName(spec.path));
    if (file) files.set(spec.path, file);
    else missing.push(baseName(spec.path));
  }
  if (missing.length > 0) return fail(`${manifestFile.name}: drop its data files with it; missing: ${missing.join(', ')}`);
  return ok({ manifest: manifest.value, files });
}
