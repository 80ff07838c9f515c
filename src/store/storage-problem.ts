import { problem, type Problem, type Result } from '../schema/problem';

/** The names an IndexedDB failure goes by: its own and, for Dexie's wrappers, its inner error's. */
function errorNames(e: unknown): string[] {
  const names: string[] = [];
  for (let at: unknown = e, depth = 0; at && typeof at === 'object' && depth < 3; depth++) {
    const { name, inner } = at as { name?: unknown; inner?: unknown };
    if (typeof name === 'string') names.push(name);
    at = inner;
  }
  return names;
}

const unavailableNames = new Set([
  'OpenFailedError',
  'DatabaseClosedError',
  'MissingAPIError',
  'InvalidStateError',
  'VersionChangeError',
  'UpgradeError',
  'TimeoutError',
  'SecurityError',
]);

/**
 * What an IndexedDB (Dexie) failure means for the user: the quota is used up, the stored
 * database is newer than this page, or storage cannot be opened at all (blocked by another
 * tab, disabled in private mode).
 */
export function storageProblem(e: unknown): Problem {
  const names = errorNames(e);
  if (names.includes('QuotaExceededError')) return problem('storage.full');
  if (names.includes('VersionError')) return problem('storage.version');
  if (names.some((n) => unavailableNames.has(n))) return problem('storage.unavailable');
  return problem('storage.failed', { error: names[0] ?? 'Error' });
}

/** Runs a storage operation, turning its failure into a storage problem. */
export async function attempt<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, problem: storageProblem(e) };
  }
}
