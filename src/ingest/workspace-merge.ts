import { fail, ok, type Result } from '../schema/problem';
import { holdsEvents, validateManifest, type FileSpec, type WorkspaceManifest } from './manifest';

/** A file added under another path because its own was taken. */
export interface RenamedPath {
  from: string;
  to: string;
}

/** The name and extension of a path, a compressed file's two: `week.csv.gz` is `week` + `.csv.gz`. */
function splitExtension(path: string): { stem: string; ext: string } {
  const m = /^(.+?)((?:\.[^./]+)?\.gz|\.[^./]+)?$/i.exec(path);
  return { stem: m?.[1] ?? path, ext: m?.[2] ?? '' };
}

/** `path` when it is free, else the first free `name (2).ext`, `name (3).ext`, … */
export function uniquePath(path: string, taken: ReadonlySet<string>): string {
  if (!taken.has(path)) return path;
  const { stem, ext } = splitExtension(path);
  for (let n = 2; ; n++) {
    const next = `${stem} (${n})${ext}`;
    if (!taken.has(next)) return next;
  }
}

export interface MergedManifest {
  manifest: WorkspaceManifest;
  /** The path each added spec is kept under, in the order given. */
  addedPaths: string[];
  renamed: RenamedPath[];
}

/**
 * The workspace with `added` files beside its own: its name (the key its segments and reports
 * belong to), time zone, week start and pseudonyms stay; an added path that is taken gets
 * the first free ` (n)` suffix, so every path stays unique.
 */
export function addToManifest(current: WorkspaceManifest, added: readonly FileSpec[]): Result<MergedManifest> {
  const placed = placePaths(
    current.files.map((f) => f.path),
    added.map((f) => f.path),
  );
  const files = [...current.files, ...added.map((spec, i) => ({ ...spec, path: placed.addedPaths[i] ?? spec.path }))];
  const manifest = validateManifest({ ...current, files });
  return manifest.ok ? ok({ manifest: manifest.value, ...placed }) : manifest;
}

/** The paths `added` are kept under beside `current` (each unique), and which were renamed. */
export function placePaths(
  current: readonly string[],
  added: readonly string[],
): { addedPaths: string[]; renamed: RenamedPath[] } {
  const taken = new Set(current);
  const addedPaths: string[] = [];
  const renamed: RenamedPath[] = [];
  for (const from of added) {
    const to = uniquePath(from, taken);
    taken.add(to);
    addedPaths.push(to);
    if (to !== from) renamed.push({ from, to });
  }
  return { addedPaths, renamed };
}

/** Whether `path` may be removed: a workspace keeps at least one events or orders file. */
export function canRemoveFile(manifest: WorkspaceManifest, path: string): boolean {
  return manifest.files.some((f) => f.path !== path && holdsEvents(f.role)) && manifest.files.some((f) => f.path === path);
}

/** The workspace without the file at `path`; everything else (name, zone, segments…) stays. */
export function removeFromManifest(manifest: WorkspaceManifest, path: string): Result<WorkspaceManifest> {
  if (!manifest.files.some((f) => f.path === path)) return fail('workspace.fileNotFound', { file: path });
  if (!canRemoveFile(manifest, path)) return fail('workspace.lastEventsFile', { file: path });
  return validateManifest({ ...manifest, files: manifest.files.filter((f) => f.path !== path) });
}

/** A dropped file as far as the choice to add it goes. */
export interface AddedFile {
  spec: FileSpec;
  size: number;
  /** The earliest day (UTC midnight, ms) of the first rows' times, when they read as dates. */
  firstDay: number | null;
}

/** Why adding dropped files is not the default, or null when it is. */
export type AddAdvice =
  | { code: 'sameFile' | 'otherShape'; file: string }
  | { code: 'overlaps'; file: string; day: number; from: number; to: number }
  | null;

const datePrefix = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/;

/** The earliest `YYYY-MM-DD` (or `/`, `.`) date that `column` starts with in `rows`, as a UTC day; null if none. */
export function earliestDay(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  column: string | undefined,
): number | null {
  const at = column === undefined ? -1 : header.indexOf(column);
  if (at === -1) return null;
  let earliest: number | null = null;
  for (const row of rows) {
    const m = datePrefix.exec(row[at] ?? '');
    if (!m) continue;
    const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (!Number.isNaN(day) && (earliest === null || day < earliest)) earliest = day;
  }
  return earliest;
}

/** Another export of the same events: the same role, and the same columns for user, time and event. */
function sameShape(a: FileSpec, b: FileSpec): boolean {
  const { userId, time, event } = a.columns;
  return a.role === b.role && userId === b.columns.userId && time === b.columns.time && event === b.columns.event;
}

/**
 * Why adding the dropped files is not the default, or null when it is. A users file or an
 * identity map adds to the events loaded; an events or orders file adds when it is another
 * export like one loaded (the same columns for user, time and event), not another data set,
 * whose first rows start after the days loaded (an export starting inside them likely holds
 * those events again); and never a file already loaded (the same name and size), which would
 * count its rows twice.
 */
export function addAdvice(
  current: WorkspaceManifest,
  currentSizes: ReadonlyMap<string, number>,
  loaded: { firstDay: number | null; lastDay: number | null },
  dropped: readonly AddedFile[],
): AddAdvice {
  for (const { spec, size } of dropped) {
    if (current.files.some((f) => f.path === spec.path && currentSizes.get(f.path) === size)) {
      return { code: 'sameFile', file: spec.path };
    }
  }
  for (const { spec } of dropped) {
    if (holdsEvents(spec.role) && !current.files.some((f) => sameShape(f, spec))) return { code: 'otherShape', file: spec.path };
  }
  const { firstDay: from, lastDay: to } = loaded;
  for (const { spec, firstDay: day } of dropped) {
    if (holdsEvents(spec.role) && day !== null && from !== null && to !== null && day >= from && day <= to) {
      return { code: 'overlaps', file: spec.path, day, from, to };
    }
  }
  return null;
}
