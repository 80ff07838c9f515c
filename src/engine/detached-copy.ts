import { problem } from '../schema/problem';
import { errorText, inputFailure } from './engine-error';

/**
 * A copy of a file read back from IndexedDB, made by streaming it: importing slices a file, and
 * Chromium can kill the tab on a slice of such a Blob (see store/stored-blobs.ts). A copy that
 * cannot be read back is said for that file.
 */
export async function detachedCopy(input: { path: string; file: Blob }): Promise<Blob> {
  try {
    return await new Response(input.file.stream()).blob();
  } catch (e) {
    throw inputFailure(problem('file.keptUnreadable', { file: input.path }), errorText(e));
  }
}
