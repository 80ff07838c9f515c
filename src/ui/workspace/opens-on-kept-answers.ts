/**
 * Whether the page opened last time on answers kept on this device in the clear (a kept
 * workspace whose panels' answers were kept with it, not encrypted: an encrypted store's prompt
 * waits for the passphrase, and the engine should start meanwhile), and so will again. Kept in
 * localStorage because main.tsx must know before the app's code has loaded: the engine's start
 * then waits for that first drawing, for on two cores compiling DuckDB took the CPU the page
 * needed for it (issue 12). Wrong either way, it only moves the engine's start: nothing is drawn
 * from it.
 */
const storageKey = 'strata.opensOnKeptAnswers';

export function opensOnKeptAnswers(): boolean {
  try {
    return localStorage.getItem(storageKey) === '1';
  } catch {
    return false;
  }
}

export function rememberOpensOnKeptAnswers(opens: boolean): void {
  try {
    if (opens) localStorage.setItem(storageKey, '1');
    else localStorage.removeItem(storageKey);
  } catch {
    // Storage disabled: the engine starts at once, as on a first visit.
  }
}
