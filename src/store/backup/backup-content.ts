import { fail, ok, type Result } from '../../schema/problem';
import type { SavedReport, SavedSegment, SavedWorkspace, Setting } from '../db';
import { validateSavedWorkspace } from '../records';
import { validateSavedReport } from '../reports';
import { validateSavedSegment } from '../segments';

/** What a backup holds: one workspace with its segments, reports, settings and (if chosen) kept files. */
export interface BackupContent {
  workspace: SavedWorkspace;
  segments: SavedSegment[];
  reports: SavedReport[];
  settings: Setting[];
  files: { path: string; bytes: Uint8Array }[];
}

const utf8 = new TextEncoder();

/** The content as bytes: a 4-byte length, the JSON part, then the files' bytes one after another. */
export function toContentBytes(content: BackupContent): Uint8Array {
  let offset = 0;
  const files = content.files.map((f) => {
    const entry = { path: f.path, offset, length: f.bytes.length };
    offset += f.bytes.length;
    return entry;
  });
  const { workspace, segments, reports, settings } = content;
  const json = utf8.encode(JSON.stringify({ workspace, segments, reports, settings, files }));
  const out = new Uint8Array(4 + json.length + offset);
  new DataView(out.buffer).setUint32(0, json.length);
  out.set(json, 4);
  let at = 4 + json.length;
  for (const f of content.files) {
    out.set(f.bytes, at);
    at += f.bytes.length;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every record of a list validated, or the first failure. */
function all<T>(list: unknown, validate: (r: unknown) => Result<T>): Result<T[]> {
  if (!Array.isArray(list)) return fail('backup.invalid', { part: 'list' });
  const out: T[] = [];
  for (const r of list) {
    const checked = validate(r);
    if (!checked.ok) return checked;
    out.push(checked.value);
  }
  return ok(out);
}

/**
 * The content read back and validated as strictly as records from storage: a backup that
 * passed its checksum can still come from a faulty writer. `backup.invalid` names the part.
 */
export function tryParseContent(bytes: Uint8Array): Result<BackupContent> {
  const invalid = (part: string) => fail<BackupContent>('backup.invalid', { part });
  if (bytes.length < 4) return invalid('length');
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (4 + jsonLength > bytes.length) return invalid('length');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + jsonLength)));
  } catch {
    return invalid('json');
  }
  if (!isRecord(parsed)) return invalid('json');
  const workspace = validateSavedWorkspace(parsed.workspace);
  if (!workspace.ok) return invalid('workspace');
  const id = workspace.value.id;
  const segments = all(parsed.segments, validateSavedSegment);
  if (!segments.ok || segments.value.some((s) => s.workspaceId !== id)) return invalid('segments');
  const reports = all(parsed.reports, validateSavedReport);
  if (!reports.ok || reports.value.some((r) => r.workspaceId !== id)) return invalid('reports');
  const settings = all(parsed.settings, (s) =>
    isRecord(s) && typeof s.key === 'string' && s.key !== '' ? ok({ key: s.key, value: s.value }) : fail('backup.invalid'),
  );
  if (!settings.ok) return invalid('settings');
  const data = bytes.subarray(4 + jsonLength);
  const files = all(parsed.files, (f) => {
    if (!isRecord(f) || typeof f.path !== 'string' || f.path === '') return fail('backup.invalid');
    const { offset, length } = f;
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length)) return fail('backup.invalid');
    const [from, size] = [offset as number, length as number];
    if (from < 0 || size < 0 || from + size > data.length) return fail('backup.invalid');
    return ok({ path: f.path, bytes: data.slice(from, from + size) });
  });
  if (!files.ok) return invalid('files');
  return ok({
    workspace: workspace.value,
    segments: segments.value,
    reports: reports.value,
    settings: settings.value,
    files: files.value,
  });
}
