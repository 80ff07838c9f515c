import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { catalogues, formatMessage, type Locale, type MessageKey } from './messages';
import { initialLocale, rememberLocale, searchWithLocale } from './locale';
import { formatProblem } from './problems';
import { percentText } from './percent-text';
import type { Problem } from '../../schema/problem';

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A problem (from ingest, engine or store) in the chosen language. */
  formatProblem: (problem: Problem) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  /** A share in words, on an axis or a KPI: at most one decimal (4%, 12.5%). */
  formatPercent: (value: number) => string;
  /** A share in a table column: always one decimal, so that a column of them lines up (4.0% over 12.5%). */
  formatPercentColumn: (value: number) => string;
  /** A calendar date held as epoch ms of its UTC midnight. */
  formatDay: (epochMs: number) => string;
  intlTag: string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale(location.search, navigator.languages));
  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    const search = searchWithLocale(location.search, next);
    if (search !== null) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const intlTag = locale === 'zh' ? 'zh-CN' : 'en-US';
    const catalogue = catalogues[locale];
    const dayFormat = new Intl.DateTimeFormat(intlTag, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    const percent = new Intl.NumberFormat(intlTag, { style: 'percent', maximumFractionDigits: 1 });
    const percentColumn = new Intl.NumberFormat(intlTag, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    // Building a NumberFormat costs far more than using one, and tables format thousands of cells.
    const plain = new Intl.NumberFormat(intlTag);
    return {
      locale,
      setLocale,
      intlTag,
      t: (key, vars) => formatMessage(catalogue[key], vars),
      formatProblem: (problem) => formatProblem(locale, problem),
      formatNumber: (v, options) => (options ? new Intl.NumberFormat(intlTag, options) : plain).format(v),
      formatPercent: (v) => percentText(percent, v),
      formatPercentColumn: (v) => percentText(percentColumn, v),
      formatDay: (ms) => dayFormat.format(ms),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
