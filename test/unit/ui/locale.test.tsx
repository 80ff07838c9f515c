// Issue 13, bug 4: the language chosen survives a reload when the URL holds `?lang=`.
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider, useI18n } from '../../../src/ui/i18n/i18n';
import { initialLocale, searchWithLocale } from '../../../src/ui/i18n/locale';

function Switch() {
  const { t, setLocale } = useI18n();
  return (
    <button type="button" onClick={() => setLocale('en')}>
      {t('panel.downloadCsv')}
    </button>
  );
}

describe('the language in the URL', () => {
  it('rewrites ?lang= to the chosen language and leaves other parameters and the hash alone', () => {
    expect(searchWithLocale('?lang=zh&workspace=w.json', 'en')).toBe('?lang=en&workspace=w.json');
    expect(searchWithLocale('?lang=en', 'en')).toBeNull();
    expect(searchWithLocale('?workspace=w.json', 'en')).toBeNull();
  });

  it('switching the language updates the URL, so a reload opens in the chosen language', () => {
    history.replaceState(null, '', '/app/?lang=zh&x=1#/retention?grain=month');
    render(
      <I18nProvider>
        <Switch />
      </I18nProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('下载 CSV');
    act(() => screen.getByRole('button').click());
    expect(screen.getByRole('button').textContent).toBe('Download CSV');
    expect(location.search).toBe('?lang=en&x=1');
    expect(location.hash).toBe('#/retention?grain=month');
    expect(initialLocale(location.search, ['zh-CN'])).toBe('en');
  });
});
