import { fail, ok, type Result } from '../../schema/problem';
import { open, seal, type Envelope } from './envelope';

const marker = new TextEncoder().encode('strata key check v1');
const context = new TextEncoder().encode('key-check');

/**
 * A known text sealed with the key, kept beside the salt. Opening it tells a wrong
 * passphrase (it fails) from damaged data (it opens, the data does not).
 */
export function makeKeyCheck(key: CryptoKey): Promise<Envelope> {
  return seal(key, marker, context);
}

/** `crypto.wrongPassphrase` unless the key opens the check to the known text. */
export async function verifyKeyCheck(key: CryptoKey, check: Envelope): Promise<Result<void>> {
  const opened = await open(key, check, context);
  if (!opened.ok) return opened.problem.code === 'crypto.authFailed' ? fail('crypto.wrongPassphrase') : opened;
  const same = opened.value.length === marker.length && opened.value.every((b, i) => b === marker[i]);
  return same ? ok(undefined) : fail('crypto.wrongPassphrase');
}
