import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

interface PagerProps {
  offset: number;
  pageSize: number;
  total: number;
  onOffset: (offset: number) => void;
  /** What the page shows, in words ("Users 1–50 of 17,137"), between the buttons. */
  label: string;
  labelTestId: string;
  nextTestId?: string;
  /** Said after the buttons (a page that could not be read). */
  children?: ReactNode;
}

/** Previous / Next over a long list, `pageSize` rows at a time, with the page in words. */
export function Pager({ offset, pageSize, total, onOffset, label, labelTestId, nextTestId, children }: PagerProps) {
  const { t } = useI18n();
  return (
    <p className="pager">
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        {t('pager.previous')}
      </button>{' '}
      <span data-testid={labelTestId} aria-live="polite">
        {label}
      </span>{' '}
      <button
        type="button"
        disabled={offset + pageSize >= total}
        onClick={() => onOffset(offset + pageSize)}
        data-testid={nextTestId}
      >
        {t('pager.next')}
      </button>
      {children}
    </p>
  );
}
