import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Row } from '../../../../src/schema/row';

vi.mock('../../../../src/ui/workspace/segments-context', () => ({ useSegments: () => ({ saveFrozen: vi.fn() }) }));

const { AtRiskList } = await import('../../../../src/analyses/churn/at-risk-panel');
const { I18nProvider } = await import('../../../../src/ui/i18n/i18n');

// 120 flagged users, days since their last activity all different.
const rows: Row[] = Array.from({ length: 120 }, (_, i) => ({
  user_id: `u${String(i).padStart(3, '0')}`,
  last_active: Date.UTC(2024, 0, 1),
  days_since: (i * 37) % 120,
  gaps: 3,
  median_gap: 2,
  overdue_ratio: 1.5,
  earlier_events: 10,
  recent_events: 2,
  p_alive: null,
  reasons: 'overdue',
}));
const rules = { alpha: 3, pAlive: null, window: 14, events: 'events' };

const shownIds = () =>
  within(screen.getByTestId('churn-risk-table'))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('the at-risk list', () => {
  it('shows 50 users a page, pages through all of them, and a new sort starts at the first page', () => {
    render(
      <I18nProvider>
        <AtRiskList rows={rows} note={null} asOf="2024-01-31" rules={rules} />
      </I18nProvider>,
    );
    expect(shownIds()).toEqual(rows.slice(0, 50).map((r) => r.user_id));
    expect(screen.getByTestId('churn-risk-page').textContent).toBe('Users 1–50 of 120 (the CSV has all of them)');
    const next = screen.getByTestId('churn-risk-next');
    fireEvent.click(next);
    fireEvent.click(next);
    expect(shownIds()).toEqual(rows.slice(100).map((r) => r.user_id));
    expect(screen.getByTestId('churn-risk-page').textContent).toContain('101–120 of 120');
    expect((next as HTMLButtonElement).disabled).toBe(true);

    // Longest away first: days_since runs 119, 118, ... over the users (37 and 120 are coprime).
    fireEvent.click(screen.getByRole('button', { name: /Days inactive/ }));
    const byDays = [...rows].sort((a, b) => Number(b.days_since) - Number(a.days_since));
    expect(shownIds()).toEqual(byDays.slice(0, 50).map((r) => r.user_id));
    expect(Number(byDays[0]!.days_since)).toBe(119);
  });
});

describe('the reason given for a low P(alive)', () => {
  it('shows P(alive) with the digits of its column, so 0.498 is not written as the 0.5 it is flagged below', () => {
    cleanup();
    const row = { ...rows[0]!, p_alive: 0.4981, reasons: 'p_alive' };
    render(
      <I18nProvider>
        <AtRiskList rows={[row]} note={null} asOf="2024-01-31" rules={{ ...rules, pAlive: 0.5 }} />
      </I18nProvider>,
    );
    const cells = within(screen.getByTestId('churn-risk-table')).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toContain('0.498');
    expect(cells.at(-1)!.textContent).toBe('BG/NBD puts the chance they are still a customer at only 0.498 (flagged below 0.5)');
  });
});
