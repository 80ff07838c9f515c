import { validateManifest, type WorkspaceManifest } from '../../ingest/manifest';
import { fail, ok, type Result } from '../../ingest/result';
import type { WorkerFileInput } from '../../engine/engine-client';

export interface HostedWorkspace {
  manifest: WorkspaceManifest;
  manifestUrl: string;
  files: WorkerFileInput[];
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
    return fail(`"${url}" is not a valid address`);
  }
  if (manifestUrl.origin !== new URL(baseUri).origin) {
    return fail(`the manifest must be on this site (${new URL(baseUri).origin}); ${manifestUrl.origin} is another host`);
  }
  let json: unknown;
  try {
    const response = await fetch(manifestUrl.href);
    if (!response.ok) return fail(`${manifestUrl.pathname}: HTTP ${response.status}`);
    json = await response.json();
  } catch (e) {
    return fail(`${manifestUrl.pathname}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const manifest = validateManifest(json);
  if (!manifest.ok) return fail(`${manifestUrl.pathname}: ${manifest.reason}`);
  const files: WorkerFileInput[] = [];
  for (const f of manifest.value.files) {
    const fileUrl = new URL(f.path, manifestUrl);
    if (fileUrl.origin !== manifestUrl.origin) return fail(`${f.path}: files must be on this site`);
    files.push({ path: f.path, url: fileUrl.href });
  }
  return ok({ manifest: manifest.value, manifestUrl: manifestUrl.href, files });
}
