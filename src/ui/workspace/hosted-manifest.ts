import type { WorkerFileInput } from '../../engine/engine-client';
import { validateManifest, type WorkspaceManifest } from '../../ingest/manifest';
import { inSource } from '../../ingest/problem-source';
import { fail, ok, type Result } from '../../schema/problem';

export interface HostedWorkspace {
  manifest: WorkspaceManifest;
  manifestUrl: string;
  files: WorkerFileInput[];
  /** The manifest's published snapshot of its tables (same origin), if it names one. */
  snapshotUrl?: string;
  /** The answers published with that snapshot, computed on its tables (see kept-answers.ts), if it names them. */
  answersUrl?: string;
}

/**
 * Fetches a manifest hosted next to the app and resolves its file paths against it. Only
 * the page's own origin is allowed: the app never talks to another host.
 */
export async function fetchHostedWorkspace(url: string, baseUri: string): Promise<Result<HostedWorkspace>> {
  let manifestUrl: URL;
  try {
    manifestUrl = new URL(url, baseUri);
  } catch {
    return fail('hosted.badAddress', { url });
  }
  const origin = new URL(baseUri).origin;
  if (manifestUrl.origin !== origin) return fail('hosted.otherHost', { origin, other: manifestUrl.origin });
  const file = manifestUrl.pathname;
  let json: unknown;
  try {
    const response = await fetch(manifestUrl.href);
    if (!response.ok) return fail('file.fetchFailed', { file, status: response.status });
    json = await response.json();
  } catch {
    return fail('hosted.unreadable', { file });
  }
  const manifest = validateManifest(json);
  if (!manifest.ok) return { ok: false, problem: inSource(manifest.problem, file) };
  const files: WorkerFileInput[] = [];
  for (const f of manifest.value.files) {
    const fileUrl = new URL(f.path, manifestUrl);
    if (fileUrl.origin !== manifestUrl.origin) return fail('hosted.fileOtherHost', { file: f.path });
    files.push({ path: f.path, url: fileUrl.href });
  }
  const snapshot = manifest.value.snapshot;
  if (snapshot === undefined) return ok({ manifest: manifest.value, manifestUrl: manifestUrl.href, files });
  const snapshotUrl = new URL(snapshot, manifestUrl);
  if (snapshotUrl.origin !== manifestUrl.origin) return fail('hosted.fileOtherHost', { file: snapshot });
  const hosted = { manifest: manifest.value, manifestUrl: manifestUrl.href, files, snapshotUrl: snapshotUrl.href };
  const answers = manifest.value.answers;
  if (answers === undefined) return ok(hosted);
  const answersUrl = new URL(answers, manifestUrl);
  if (answersUrl.origin !== manifestUrl.origin) return fail('hosted.fileOtherHost', { file: answers });
  return ok({ ...hosted, answersUrl: answersUrl.href });
}
