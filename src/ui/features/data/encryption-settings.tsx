import { useState } from 'react';
import type { Problem } from '../../../schema/problem';
import { useI18n } from '../../i18n/i18n';
import { useVault } from '../../workspace/vault-context';

const lockChoices = [1, 5, 15, 30, 60, 240];

/** 本设备加密: a passphrase that encrypts what is kept, the lock and its idle time. */
export function EncryptionSettings() {
  const { t, formatProblem } = useI18n();
  const { status, encrypt, lock, lockMinutes, setLockMinutes } = useVault();
  const [passphrase, setPassphrase] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const encrypted = status === 'unlocked';

  async function submit() {
    setDone(false);
    if (passphrase === '') return setProblem({ code: 'backup.emptyPassphrase' });
    if (passphrase !== repeated) return setProblem({ code: 'backup.passphraseMismatch' });
    setProblem(null);
    setBusy(true);
    const sealed = await encrypt(passphrase);
    setBusy(false);
    if (!sealed.ok) return setProblem(sealed.problem);
    setPassphrase('');
    setRepeated('');
    setDone(true);
  }

  return (
    <section className="panel" aria-labelledby="vault-settings-title" data-testid="vault-settings">
      <h2 id="vault-settings-title">{t('vault.title')}</h2>
      <p className="muted">{t('vault.explain')}</p>
      <p data-testid="vault-state">{encrypted ? t('vault.isEncrypted') : t('vault.notEncrypted')}</p>
      <form
        className="settings-row"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {encrypted ? t('vault.newPassphrase') : t('vault.passphrase')}{' '}
          <input
            type="password"
            autoComplete="new-password"
            value={passphrase}
            data-testid="vault-new-passphrase"
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </label>{' '}
        <label>
          {t('backup.repeat')}{' '}
          <input
            type="password"
            autoComplete="new-password"
            value={repeated}
            data-testid="vault-repeat"
            onChange={(e) => setRepeated(e.target.value)}
          />
        </label>{' '}
        <button type="submit" disabled={busy} data-testid="vault-encrypt">
          {busy ? t('vault.encrypting') : encrypted ? t('vault.change') : t('vault.encrypt')}
        </button>
      </form>
      {encrypted ? (
        <p className="settings-row">
          <label>
            {t('vault.lockAfter')}{' '}
            <select
              value={lockMinutes}
              data-testid="vault-lock-minutes"
              onChange={(e) => void setLockMinutes(Number(e.target.value))}
            >
              {[...new Set([...lockChoices, lockMinutes])]
                .sort((a, b) => a - b)
                .map((m) => (
                  <option key={m} value={m}>
                    {t('vault.minutes', { n: m })}
                  </option>
                ))}
            </select>
          </label>{' '}
          <button type="button" data-testid="vault-lock-now" onClick={lock}>
            {t('vault.lock')}
          </button>
        </p>
      ) : null}
      {problem ? (
        <p className="panel-error" role="alert" data-testid="vault-settings-problem">
          {formatProblem(problem)}
        </p>
      ) : null}
      {done ? (
        <p role="status" data-testid="vault-encrypted">
          {t('vault.done')}
        </p>
      ) : null}
    </section>
  );
}
