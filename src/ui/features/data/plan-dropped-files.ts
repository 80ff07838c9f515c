import Papa from 'papaparse';
import {
  manifestFormat,
  manifestVersion,
  validateManifest,
  type ColumnMapping,
  type FileSpec,
  type WorkspaceManifest,
} from '../../../ingest/manifest';
import { fail, ok, type Result } from '../../../ingest/result';
import { checkTextHead, isGzip } from '../../../ingest/text-check';

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

const namePatterns: [keyof ColumnMapping, RegExp][] = [
  ['userId', /^(user_?id|uid|customer_?id|member_?id|用户id|用户编号|会员编号|客户编号|客户id)$/i],
  ['signupTime', /^(signup_?(time|at|date)|register(ed)?_?(time|at|date)|created_at|注册时间|注册日期)$/i],
  ['time', /^(time|ts|timestamp|event_?time|event_?date|invoice_?date|date|时间|事件时间|下单时间|日期)$/i],
  ['event', /^(event|event_?name|action|事件|事件名称|行为)$/i],
  ['amount', /^(amount|revenue|sales|price|dollar_value|金额|实付金额|订单金额|消费金额)$/i],
];

/** Maps header names to canonical roles by their English or Chinese names. */
export function guessMapping(header: readonly string[]): Partial<ColumnMapping> {
  const mapping: Partial<ColumnMapping> = {};
  for (const [role, pattern] of namePatterns) {
    const found = header.find((h) => pattern.test(h.trim()) && !Object.values(mapping).includes(h));
    if (found !== undefined) mapping[role] = found;
  }
  return mapping;
}

/**
 * Turns dropped files into a workspace manifest: checks each is text with a header, and
 * guesses which column is which from its name.
 */
export async function planDroppedFiles(
  files: readonly File[],
  timeZone: string,
): Promise<Result<{ manifest: WorkspaceManifest; files: Map<string, Blob> }>> {
  if (files.length === 0) return fail('no file was dropped');
  const manifestFile = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  if (manifestFile)
    return withManifest(
      manifestFile,
      files.filter((f) => f !== manifestFile),
    );
  const specs: FileSpec[] = [];
  const blobs = new Map<string, Blob>();
  for (const file of files) {
    const head = await readHead(file).catch(() => null);
    if (head === null) return fail(`${file.name}: the file could not be read (a damaged gzip?).`);
    const check = checkTextHead(file.name, head, head.length === 0 ? 0 : file.size);
    if (!check.ok) return check;
    const text = new TextDecoder().decode(head);
    const parsed = Papa.parse<string[]>(text, { preview: 2, skipEmptyLines: true });
    const header = parsed.data[0] ?? [];
    if (parsed.data.length < 2) return fail(`${file.name}: the file has a header but no rows.`);
    const mapping = guessMapping(header);
    if (!mapping.userId) return fail(`${file.name}: no user id column was recognised among: ${header.join(', ')}`);
    const role = mapping.time ? (mapping.event ? 'events' : mapping.amount ? 'orders' : 'events') : 'users';
    specs.push({ role, path: file.name, format: 'csv', columns: { ...mapping, userId: mapping.userId } });
    blobs.set(file.name, file);
  }
  if (!specs.some((s) => s.role !== 'users'))
    return fail('none of the files has a time column, so there are no events to analyse.');
  const name = files.map((f) => f.name).join(', ');
  return ok({
    manifest: { format: manifestFormat, version: manifestVersion, name, timeZone, weekStart: 'monday', files: specs },
    files: blobs,
  });
}

const baseName = (p: string) => p.split('/').pop() ?? p;

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
