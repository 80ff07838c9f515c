import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/ui/workspace/workspace-context', () => ({ useWorkspace: () => ({ cancelLoad: () => {} }) }));

const { LoadingStatus } = await import('../../../src/ui/workspace/loading-status');
const { I18nProvider } = await import('../../../src/ui/i18n/i18n');

const demo = { what: '演示：购物 App / Demo: shopping app', names: { zh: '演示：购物 App', en: 'Demo: shopping app' } };
const ids = { status: 's', progress: 'p', cancel: 'c' };

function shown(lang: string, names?: { zh?: string; en?: string }) {
  history.replaceState(null, '', `/?lang=${lang}`);
  const { getByTestId, unmount } = render(
    <I18nProvider>
      <LoadingStatus className="banner" ids={ids} what={demo.what} names={names} since={Date.now()} />
    </I18nProvider>,
  );
  const text = getByTestId('s').textContent ?? '';
  unmount();
  return text;
}

describe('LoadingStatus', () => {
  afterEach(() => history.replaceState(null, '', '/'));

  it('names what is loading in the chosen language only (issue 13: the demo’s name)', () => {
    expect(shown('en', demo.names)).toContain('Demo: shopping app');
    expect(shown('en', demo.names)).not.toContain('演示');
    expect(shown('zh', demo.names)).toContain('演示：购物 App');
    expect(shown('zh', demo.names)).not.toContain('Demo');
  });

  it('shows the manifest’s one name when it gives no names per language', () => {
    expect(shown('en')).toContain(demo.what);
  });
});
