import { act, render, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb } from '../../../../src/store/db';
import { encryptStore } from '../../../../src/store/vault';
import { useVault, VaultProvider, type VaultState } from '../../../../src/ui/workspace/vault-context';

// Issue 14: an unlocked encrypted workspace locks after its idle time (15 minutes unless set),
// activity restarts the count, and a lock drops the key.

const seen: { current: VaultState | null } = { current: null };
function Probe() {
  const state = useVault();
  useEffect(() => {
    seen.current = state;
  });
  return null;
}
const vault = () => seen.current;

async function unlockedVault(lockMinutes?: number) {
  const db = openDb(`vault-${Math.random()}`);
  const sealed = await encryptStore(db, 'pass', null, 1000);
  if (!sealed.ok) throw new Error(sealed.problem.code);
  if (lockMinutes !== undefined) await db.settings.put({ key: 'lockAfterMinutes', value: lockMinutes });
  const onLock = vi.fn();
  render(
    <VaultProvider db={db} onLock={onLock}>
      <Probe />
    </VaultProvider>,
  );
  await waitFor(() => expect(vault()?.status).toBe('locked'));
  expect(await vault()!.unlock('wrong')).toEqual({ ok: false, problem: { code: 'crypto.wrongPassphrase' } });
  expect(vault()?.status).toBe('locked');
  expect(await vault()!.unlock('')).toEqual({ ok: false, problem: { code: 'backup.emptyPassphrase' } });
  // Timers are faked from here on: the idle count starts when the key arrives.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  await act(async () => {
    expect(await vault()!.unlock('pass')).toEqual({ ok: true, value: undefined });
  });
  expect(vault()?.status).toBe('unlocked');
  expect(vault()?.key?.type).toBe('secret');
  return onLock;
}

const minutes = (n: number) => act(() => vi.advanceTimersByTime(n * 60_000));

describe('the access lock (issue 14)', () => {
  afterEach(() => {
    vi.useRealTimers();
    seen.current = null;
  });

  it('locks after 15 idle minutes by default, dropping the key', async () => {
    const onLock = await unlockedVault();
    expect(vault()?.lockMinutes).toBe(15);
    await minutes(14.9);
    expect(onLock).not.toHaveBeenCalled();
    expect(vault()?.status).toBe('unlocked');
    await minutes(0.2);
    expect(onLock).toHaveBeenCalledTimes(1);
    expect(vault()?.status).toBe('locked');
    expect(vault()?.key).toBeNull();
  });

  it('counts from the last key press or click, and follows the chosen idle time', async () => {
    const onLock = await unlockedVault(5);
    expect(vault()?.lockMinutes).toBe(5);
    await minutes(4);
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown')));
    await minutes(4);
    act(() => void window.dispatchEvent(new Event('pointerdown')));
    await minutes(4.9);
    expect(onLock).not.toHaveBeenCalled();
    await minutes(0.2);
    expect(onLock).toHaveBeenCalledTimes(1);
    expect(vault()?.key).toBeNull();
  });

  it('locks at once on request', async () => {
    const onLock = await unlockedVault();
    act(() => vault()!.lock());
    expect(onLock).toHaveBeenCalledTimes(1);
    expect([vault()?.status, vault()?.key]).toEqual(['locked', null]);
  });
});
