import { fail, ok, type Result } from '../schema/problem';
import { draftFile, type DraftFile } from './draft-file';
import { manifestFormat, validateManifest, type WorkspaceManifest } from './manifest';
import { inSource } from './problem-source';
import type { PreviewTabular } from './tabular-preview';

export type DropPlan =
  { kind: 'manifest'; manifest: WorkspaceManifest; files: Map<string, Blob> } | { kind: 'drafts'; drafts: DraftFile[] };

const manifestMaxBytes = 1024 * 1024;

/**
 * Turns dropped files into either a workspace to load at once (a manifest dropped with its
 * data files) or drafts for the import preview, where the user checks the guesses.
 */
export async function planDroppedFiles(files: readonly File[], preview: PreviewTabular): Promise<Result<DropPlan>> {
  if (files.length === 0) return fail('drop.noFiles');
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
  if (!file.name.toLowerCase().endsWith('.json') || file.size > manifestMaxBytes) return false;
  const text = await file.text().catch(() => '');
  return new RegExp(`"format"\\s*:\\s*"${manifestFormat}"`).test(text);
}

/** A dropped workspace manifest (exported earlier) with its data files dropped beside it. */
async function withManifest(
  manifestFile: File,
  dataFiles: readonly File[],
): Promise<Result<{ manifest: WorkspaceManifest; files: Map<string, Blob> }>> {
  const file = manifestFile.name;
  if (manifestFile.size > manifestMaxBytes) return fail('manifest.tooLarge', { file });
  let json: unknown;
  try {
    json = JSON.parse(await manifestFile.text());
  } catch {
    return fail('json.invalid', { file });
  }
  const manifest = validateManifest(json);
  if (!manifest.ok) return { ok: false, problem: inSource(manifest.problem, file) };
  const byName = new Map(dataFiles.map((f) => [f.name, f]));
  const files = new Map<string, Blob>();
  const missing: string[] = [];
  for (const spec of manifest.value.files) {
    const data = byName.get(baseName(spec.path));
    if (data) files.set(spec.path, data);
    else missing.push(baseName(spec.path));
  }
  if (missing.length > 0) return fail('manifest.filesMissing', { file, missing: missing.join(', ') });
  return ok({ manifest: manifest.value, files });
}
