import type { I18n } from './i18n';

/** A duration as people read it: milliseconds under a second, seconds (one decimal) above. */
export function formatDuration(ms: number, { t, formatNumber }: Pick<I18n, 't' | 'formatNumber'>): string {
  if (Math.round(ms) < 1000) return t('panel.ms', { ms: formatNumber(Math.round(ms)) });
  return t('panel.seconds', { s: formatNumber(ms / 1000, { maximumFractionDigits: 1 }) });
}
