// Issue 13, bug 11: the load time read "35,985 毫秒"; over a second it is given in seconds.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const info = { loadMs: 0, kept: false, users: 1, activeUsers: 1 };
vi.mock('../../../../src/ui/workspace/workspace-context', () => ({
  useWorkspace: () => ({
    info: {
      name: 'demo',
      timeZone: 'UTC',
      weekStart: 'monday',
      files: [],
      events: 1,
      users: info.users,
      activeUsers: info.activeUsers,
      firstDay: null,
      lastDay: null,
      hasAmount: false,
      eventNames: ['open', 'buy'],
      eventNameCount: 3896,
      userAttributes: [],
      loadMs: info.loadMs,
    },
    infoKept: info.kept,
  }),
}));

const { DatasetSummary } = await import('../../../../src/analyses/overview/dataset-summary');
const { I18nProvider } = await import('../../../../src/ui/i18n/i18n');

function loadTimeText(ms: number, lang: 'zh' | 'en', kept = false): string {
  info.loadMs = ms;
  info.kept = kept;
  history.replaceState(null, '', `/?lang=${lang}`);
  render(
    <I18nProvider>
      <DatasetSummary />
    </I18nProvider>,
  );
  const text = screen.getByTestId('dataset-summary').querySelector('details summary')?.textContent ?? '';
  cleanup();
  return text.split(' · ')[1] ?? '';
}

describe('the dataset summary', () => {
  afterEach(cleanup);

  it('Issue 13, bug 11: gives a load time over a second in seconds, a shorter one in milliseconds', () => {
    expect(loadTimeText(35_985, 'zh')).toBe('加载用时 36 秒');
    expect(loadTimeText(2_345, 'zh')).toBe('加载用时 2.3 秒');
    expect(loadTimeText(850, 'zh')).toBe('加载用时 850 毫秒');
    expect(loadTimeText(35_985, 'en')).toBe('Loaded in 36 s');
    expect(loadTimeText(999.6, 'en')).toBe('Loaded in 1 s');
  });

  it('says how many users were ever active when the users file lists some without an event', () => {
    const shown = (activeUsers: number) => {
      info.activeUsers = activeUsers;
      history.replaceState(null, '', '/?lang=en');
      render(
        <I18nProvider>
          <DatasetSummary />
        </I18nProvider>,
      );
      const value = screen.queryByText('Users ever active')?.nextElementSibling?.textContent ?? null;
      cleanup();
      return value;
    };
    expect(shown(1)).toBeNull();
    info.users = 50_000;
    expect(shown(48_470)).toBe('48,470');
    info.users = 1;
    info.activeUsers = 1;
  });

  it('counts every event name, not the most frequent ones listed for pickers', () => {
    history.replaceState(null, '', '/?lang=en');
    render(
      <I18nProvider>
        <DatasetSummary />
      </I18nProvider>,
    );
    expect(screen.getByText('Event names').nextElementSibling?.textContent).toBe('3,896');
  });

  it("says the workspace is opening while it shows the summary kept from the last visit, not that visit's load time", () => {
    expect(loadTimeText(2_345, 'en', true)).toBe('Opening…');
    expect(loadTimeText(2_345, 'zh', true)).toBe('正在打开…');
    expect(loadTimeText(2_345, 'en', false)).toBe('Loaded in 2.3 s');
  });
});
