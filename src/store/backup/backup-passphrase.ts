import { problem, type Problem } from '../../schema/problem';

/**
 * Why a backup cannot be made with this passphrase, or null. A backup of an encrypted
 * workspace must be encrypted too: a plain copy of it would undo the encryption at rest.
 * A mistyped passphrase would make the backup unrecoverable, so it is typed twice.
 */
export function backupPassphraseProblem(options: {
  workspaceEncrypted: boolean;
  passphrase: string;
  repeated: string;
}): Problem | null {
  const { workspaceEncrypted, passphrase, repeated } = options;
  if (passphrase === '') return workspaceEncrypted ? problem('backup.passphraseRequired') : null;
  return passphrase === repeated ? null : problem('backup.passphraseMismatch');
}
