import { useState, type ReactNode } from 'react';
import type { Problem } from '../../schema/problem';
import { useI18n } from '../i18n/i18n';
import type { Locale } from '../i18n/messages';
import { useVault } from './vault-context';

/** 输入口令: the passphrase prompt of an encrypted workspace, in the page (never window.prompt). */
function UnlockPrompt() {
  const { t, formatProblem, locale, setLocale } = useI18n();
  const { unlock, forget } = useVault();
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [failures, setFailures] = useState(0);
  const [busy, setBusy] = useState(false);
  const [forgetting, setForgetting] = useState(false);

  async function submit() {
    setBusy(true);
    const opened = await unlock(passphrase);
    setBusy(false);
    if (opened.ok) return;
    setProblem(opened.problem);
    if (opened.problem.code === 'crypto.wrongPassphrase') {
      setFailures((n) => n + 1);
      setPassphrase('');
    }
  }

  return (
    <main className="page vault-prompt" data-testid="vault-prompt">
      {/* The app's header (with its language choice) is not drawn before the workspace opens. */}
      <p className="vault-prompt-lang">
        <label>
          {t('lang.label')}{' '}
          <select value={locale} data-testid="vault-lang" onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </p>
      <section className="panel" aria-labelledby="vault-title">
        <h2 id="vault-title">{t('vault.promptTitle')}</h2>
        <p>{t('vault.promptExplain')}</p>
        <form
          className="settings-row"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label>
            {t('vault.passphrase')}{' '}
            <input
              type="password"
              autoComplete="current-password"
              autoFocus
              value={passphrase}
              data-testid="vault-passphrase"
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </label>{' '}
          <button type="submit" disabled={busy} data-testid="vault-unlock">
            {busy ? t('vault.unlocking') : t('vault.unlock')}
          </button>
        </form>
        {problem ? (
          <p className="panel-error" role="alert" data-testid="vault-problem">
            {/* No space before the count: the Chinese text's full-width bracket brings its own. */}
            {formatProblem(problem)}
            {failures > 1 && problem.code === 'crypto.wrongPassphrase' ? t('vault.failures', { n: failures }) : ''}
          </p>
        ) : null}
        <p>
          {forgetting ? (
            <>
              {t('vault.forgetConfirm')}{' '}
              <button type="button" data-testid="vault-forget-confirm" onClick={() => void forget()}>
                {t('stored.wipeNow')}
              </button>{' '}
              <button type="button" onClick={() => setForgetting(false)}>
                {t('import.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="link-button" data-testid="vault-forget" onClick={() => setForgetting(true)}>
              {t('vault.forgot')}
            </button>
          )}
        </p>
      </section>
    </main>
  );
}

/**
 * Nothing of an encrypted workspace starts until it is unlocked: the app below (which opens
 * the kept workspace) mounts only then.
 */
export function VaultGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { status, lock } = useVault();
  if (status === 'checking') return null;
  if (status === 'locked') return <UnlockPrompt />;
  return (
    <>
      {children}
      {status === 'unlocked' ? (
        <button type="button" className="vault-lock-button" data-testid="vault-lock" onClick={lock}>
          {t('vault.lock')}
        </button>
      ) : null}
    </>
  );
}
