import { describe, expect, it } from 'vitest';
import { backupPassphraseProblem } from '../../../../src/store/backup/backup-passphrase';

describe('the passphrase of a backup (issue 14)', () => {
  it('requires one for an encrypted workspace: a plain copy would undo the encryption at rest', () => {
    expect(backupPassphraseProblem({ workspaceEncrypted: true, passphrase: '', repeated: '' })).toEqual({
      code: 'backup.passphraseRequired',
    });
    expect(backupPassphraseProblem({ workspaceEncrypted: true, passphrase: '口令 1', repeated: '口令 1' })).toBeNull();
  });

  it('leaves it optional for a workspace kept in the clear', () => {
    expect(backupPassphraseProblem({ workspaceEncrypted: false, passphrase: '', repeated: '' })).toBeNull();
    // What was typed in the repeat box alone does not count: the passphrase box is empty.
    expect(backupPassphraseProblem({ workspaceEncrypted: false, passphrase: '', repeated: 'x' })).toBeNull();
  });

  it('refuses two passphrases that differ, even by a trailing space', () => {
    for (const workspaceEncrypted of [true, false]) {
      expect(backupPassphraseProblem({ workspaceEncrypted, passphrase: 'abc', repeated: 'abc ' })).toEqual({
        code: 'backup.passphraseMismatch',
      });
    }
  });
});
