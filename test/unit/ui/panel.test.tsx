import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/ui/workspace/workspace-context', () => ({ useWorkspace: () => ({ workspaceId: 'w', info: null }) }));
vi.mock('../../../src/ui/workspace/segments-context', () => ({ useSegments: () => ({ segments: [] }) }));
vi.mock('../../../src/ui/workspace/reports-context', () => ({
  useReports: () => ({ reports: [{ id: 'r1', title: '周报 <b>' }], save: vi.fn() }),
  newReportId: () => 'x',
}));

const { Panel } = await import('../../../src/ui/components/panel');
const { I18nProvider } = await import('../../../src/ui/i18n/i18n');

function renderPanel(status: Parameters<typeof Panel>[0]['status']) {
  return render(
    <I18nProvider>
      <Panel testId="p" title="T" definition="how it counts" status={status} retry={() => {}}>
        {(result) => <p>rows: {result.rows.length}</p>}
      </Panel>
    </I18nProvider>,
  );
}

describe('Panel', () => {
  it('shows the error as text, never as markup, and keeps the definition', () => {
    renderPanel({
      state: 'error',
      error: { kind: 'input', code: 'spec.invalid', vars: { field: '<img src=x onerror=alert(1)>', expected: 'text' } },
    });
    expect(screen.getByRole('alert').textContent).toContain('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('how it counts')).toBeTruthy();
  });

  it('says no data is loaded, instead of computing, when nothing is loaded or loading', () => {
    const { unmount } = renderPanel({ state: 'idle', noData: true });
    expect(screen.getByTestId('panel-no-data').textContent).toBe('No data loaded yet.');
    expect(screen.queryByText('Computing…')).toBeNull();
    unmount();
    const waiting = renderPanel({ state: 'idle' });
    expect(screen.getByText('Computing…')).toBeTruthy();
    expect(screen.queryByTestId('panel-no-data')).toBeNull();
    waiting.unmount();
  });

  it('draws the result and offers its SQL and data', () => {
    renderPanel({ state: 'ready', result: { rows: [{ day: 0, dau: 1 }], statements: ['SELECT 1'], sql: 'SELECT 1', ms: 3 } });
    expect(screen.getByText('rows: 1')).toBeTruthy();
    expect(screen.getByText('SELECT 1')).toBeTruthy();
    // The data table is drawn once opened (issue 13).
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
    const data = document.querySelector<HTMLDetailsElement>('details.data-table')!;
    act(() => {
      data.open = true;
      fireEvent(data, new Event('toggle'));
    });
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeTruthy();
    // Headings in words and dates as dates on screen; the CSV keeps the SQL names (bug 5 of issue 13).
    expect([...data.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Day', 'DAU']);
    expect([...data.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['1970-01-01', '1']);
    // Export HTML and Pin to report sit beside the data.
    expect(screen.getByRole('button', { name: 'Export HTML' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Pin to report…' }).textContent).toContain('周报 <b>');
  });

  it('says how long the query took in seconds above a second (bug 11 of issue 13)', () => {
    const { container } = renderPanel({
      state: 'ready',
      result: { rows: [], statements: ['SELECT 1'], sql: 'SELECT 1', ms: 3750 },
    });
    expect(container.querySelector('details.sql summary')?.textContent).toBe('Show SQL (3.8 s)');
  });

  it('keeps the last result on screen, dimmed, while new settings compute (issue 13)', () => {
    const previous = { rows: [{ day: 0, dau: 1 }], statements: ['SELECT 1'], sql: 'SELECT 1', ms: 3 };
    renderPanel({ state: 'pending', previous });
    const stale = screen.getByTestId('stale-result');
    expect(stale.textContent).toBe('rows: 1');
    expect(stale.className).toContain('stale');
    expect(stale.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('Computing…')).toBeTruthy();
  });

  it('keeps the last result as it was drawn while new settings compute, and draws the new one when it arrives', () => {
    const month = { rows: [{ period: 0 }], statements: ['SELECT 1'], sql: 'SELECT 1', ms: 3 };
    const week = { rows: [{ period: 0 }, { period: 7 }], statements: ['SELECT 2'], sql: 'SELECT 2', ms: 3 };
    const draws: string[] = [];
    const view = (status: Parameters<typeof Panel>[0]['status'], grain: string) => (
      <I18nProvider>
        <Panel testId="p" title="T" definition="d" status={status} retry={() => {}}>
          {(result) => {
            draws.push(`${result.rows.length} rows by ${grain}`);
            return <p>{`${result.rows.length} rows by ${grain}`}</p>;
          }}
        </Panel>
      </I18nProvider>
    );
    const { rerender, container } = render(view({ state: 'ready', result: month }, 'month'));
    // The user picks weeks: the monthly rows stay drawn by month, not redrawn on weekly axes.
    rerender(view({ state: 'pending', previous: month }, 'week'));
    expect(within(container).getByTestId('stale-result').textContent).toBe('1 rows by month');
    rerender(view({ state: 'ready', result: week }, 'week'));
    expect(within(container).getByText('2 rows by week')).toBeTruthy();
    expect(draws).toEqual(['1 rows by month', '2 rows by week']);
  });
});
