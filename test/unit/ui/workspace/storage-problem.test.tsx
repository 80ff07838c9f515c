import { act, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { EngineClient } from '../../../../src/engine/engine-client';
import type { WorkspaceManifest } from '../../../../src/ingest/manifest';
import { openDb } from '../../../../src/store/db';
import { I18nProvider } from '../../../../src/ui/i18n/i18n';
import { useWorkspace, WorkspaceProvider } from '../../../../src/ui/workspace/workspace-context';

const manifest: WorkspaceManifest = {
  format: 'strata.workspace',
  version: 1,
  name: 'w',
  timeZone: 'UTC',
  weekStart: 'monday',
  files: [{ role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'u', time: 't' } }],
};

/** An engine that loads anything at once. */
const client = {
  loadWorkspace: async () => ({ ok: true, value: { name: 'w', timeZone: 'UTC', weekStart: 'monday', files: [] } }),
} as unknown as EngineClient;

function OpenOnMount({ onOpened }: { onOpened: (loaded: boolean) => void }) {
  const { openFiles } = useWorkspace();
  useEffect(() => {
    void openFiles(manifest, new Map([['e.csv', new Blob(['u,t\na,2024-01-01\n'])]])).then(onOpened);
  }, [openFiles, onOpened]);
  return null;
}

describe('storage problems', () => {
  it('shows a full quota as a banner, while the loaded workspace stays usable', async () => {
    const db = openDb(`test-${Math.random()}`);
    vi.spyOn(db.files, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const opened = vi.fn();
    await act(async () => {
      render(
        <I18nProvider>
          <WorkspaceProvider client={client} db={db} appBuild="test">
            <OpenOnMount onOpened={opened} />
          </WorkspaceProvider>
        </I18nProvider>,
      );
    });
    const banner = await screen.findByTestId('storage-problem');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toMatch(/storage on this device is full/);
    expect(opened).toHaveBeenCalledWith(true);
  });
});
