import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Result } from '../../schema/problem';
import type { StrataDb } from '../../store/db';
import { encryptStore, readVault, unlockVault, type VaultHeader } from '../../store/vault';
import { wipeAll } from '../../store/workspaces';
import { attempt } from '../../store/storage-problem';

/** The idle time after which an unlocked workspace locks itself, unless a setting says otherwise. */
export const defaultLockMinutes = 15;
const lockMinutesKey = 'lockAfterMinutes';

export type VaultStatus = 'checking' | 'none' | 'locked' | 'unlocked';

export interface VaultState {
  status: VaultStatus;
  /** The key of an unlocked workspace, in memory only; null when nothing is encrypted or it is locked. */
  key: CryptoKey | null;
  unlock: (passphrase: string) => Promise<Result<void>>;
  /** Encrypts everything kept under a (new) passphrase. */
  encrypt: (passphrase: string) => Promise<Result<void>>;
  /** Drops the key and everything loaded: the page reloads to the passphrase prompt. */
  lock: () => void;
  /** The only way out of a forgotten passphrase: wipes everything kept, then starts afresh. */
  forget: () => Promise<Result<void>>;
  lockMinutes: number;
  setLockMinutes: (minutes: number) => Promise<void>;
}

const VaultContext = createContext<VaultState | null>(null);

/** Reloads the page: the simplest way to drop the loaded tables and every decrypted copy from memory. */
const reload = () => location.reload();

/**
 * Holds the key of an encrypted workspace (issue 14). The key is non-extractable and lives
 * only here; the passphrase is not kept at all.
 */
export function VaultProvider({ db, children, onLock = reload }: { db: StrataDb; children: ReactNode; onLock?: () => void }) {
  const [header, setHeader] = useState<VaultHeader | null>(null);
  const [status, setStatus] = useState<VaultStatus>('checking');
  const [key, setKey] = useState<CryptoKey | null>(null);
  const [lockMinutes, setMinutes] = useState(defaultLockMinutes);

  useEffect(() => {
    let live = true;
    void (async () => {
      const read = await readVault(db);
      const minutes = await attempt(() => db.settings.get(lockMinutesKey));
      if (!live) return;
      const stored = minutes.ok ? minutes.value?.value : undefined;
      if (typeof stored === 'number' && stored > 0) setMinutes(stored);
      // Storage that cannot be read holds nothing to unlock; the storage banner says why later.
      const found = read.ok ? read.value : null;
      setHeader(found);
      setStatus(found ? 'locked' : 'none');
    })();
    return () => {
      live = false;
    };
  }, [db]);

  const unlock = useCallback(
    async (passphrase: string): Promise<Result<void>> => {
      if (!header) return { ok: true, value: undefined };
      if (passphrase === '') return { ok: false, problem: { code: 'backup.emptyPassphrase' } };
      const opened = await unlockVault(header, passphrase);
      if (!opened.ok) return opened;
      setKey(opened.value);
      setStatus('unlocked');
      return { ok: true, value: undefined };
    },
    [header],
  );

  const encrypt = useCallback(
    async (passphrase: string): Promise<Result<void>> => {
      const sealed = await encryptStore(db, passphrase, key);
      if (!sealed.ok) return sealed;
      const read = await readVault(db);
      if (read.ok) setHeader(read.value);
      setKey(sealed.value);
      setStatus('unlocked');
      return { ok: true, value: undefined };
    },
    [db, key],
  );

  const lock = useCallback(() => {
    setKey(null);
    setStatus('locked');
    onLock();
  }, [onLock]);

  const forget = useCallback(async (): Promise<Result<void>> => {
    const wiped = await wipeAll(db);
    if (!wiped.ok) return wiped;
    setHeader(null);
    setKey(null);
    setStatus('none');
    return wiped;
  }, [db]);

  const setLockMinutes = useCallback(
    async (minutes: number) => {
      setMinutes(minutes);
      await attempt(() => db.settings.put({ key: lockMinutesKey, value: minutes }));
    },
    [db],
  );

  // Locks after `lockMinutes` without a key press, click, scroll or touch.
  useEffect(() => {
    if (status !== 'unlocked') return;
    let timer = setTimeout(lock, lockMinutes * 60_000);
    const active = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, lockMinutes * 60_000);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, active, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, active);
    };
  }, [status, lockMinutes, lock]);

  const value = useMemo<VaultState>(
    () => ({ status, key, unlock, encrypt, lock, forget, lockMinutes, setLockMinutes }),
    [status, key, unlock, encrypt, lock, forget, lockMinutes, setLockMinutes],
  );
  return <VaultContext.Provider value={value}>{children}</VaultContext.Provider>;
}

const ok = async () => ({ ok: true as const, value: undefined });

/** Outside a VaultProvider nothing is encrypted (the state of a store no one has locked). */
const noVault: VaultState = {
  status: 'none',
  key: null,
  unlock: ok,
  encrypt: async () => ({ ok: false, problem: { code: 'vault.locked' } }),
  lock: () => {},
  forget: ok,
  lockMinutes: defaultLockMinutes,
  setLockMinutes: async () => {},
};

export function useVault(): VaultState {
  return useContext(VaultContext) ?? noVault;
}
