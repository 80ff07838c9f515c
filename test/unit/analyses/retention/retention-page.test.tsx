// Issue 13, bugs 1, 2, 5 and 8: the retention page's controls, table and cell users in the Chinese UI.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Row } from '../../../../src/schema/row';

const d = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Two monthly cohorts; the second one's month 1 is past the data's end (no value). */
const rows: Row[] = [
  { cohort: d('2024-01-01'), breakdown: null, cohort_size: 10, period_n: 0, retained: 10, rate: 1, complete: true },
  { cohort: d('2024-01-01'), breakdown: null, cohort_size: 10, period_n: 1, retained: 4, rate: 0.4, complete: false },
  { cohort: d('2024-02-01'), breakdown: null, cohort_size: 5, period_n: 0, retained: 5, rate: 1, complete: false },
  { cohort: d('2024-02-01'), breakdown: null, cohort_size: 5, period_n: 1, retained: null, rate: null, complete: false },
];

const loaded = {
  info: {
    eventNames: ['open'],
    eventNameCount: 1,
    files: [{ role: 'events' }] as { role: string }[],
    userAttributes: [],
    weekStart: 'monday',
    timeZone: 'UTC',
    firstDay: d('2024-01-01'),
    lastDay: d('2024-02-10'),
  },
  status: { state: 'idle' },
};
const workspace = { current: loaded as { info: typeof loaded.info | null; status: { state: string } } };
vi.mock('../../../../src/ui/workspace/workspace-context', () => ({ useWorkspace: () => workspace.current }));
vi.mock('../../../../src/ui/workspace/segments-context', () => ({ useSegments: () => ({ saveFrozen: vi.fn(), segments: [] }) }));
vi.mock('../../../../src/ui/workspace/reports-context', () => ({ useReports: () => ({ reports: [], save: vi.fn() }) }));
vi.mock('../../../../src/ui/components/plot-figure', () => ({ PlotFigure: () => null }));
vi.mock('../../../../src/ui/hooks/use-analysis', () => ({
  useAnalysis: (panel: string, request: unknown) => ({
    retry: () => {},
    status:
      request === null
        ? { state: 'idle' }
        : {
            state: 'ready',
            result: {
              rows: panel === 'retention-users' ? [{ user_id: 'u1' }, { user_id: 'u2' }] : rows,
              statements: [],
              sql: '',
              ms: 1,
            },
          },
  }),
}));

const { RetentionPage } = await import('../../../../src/analyses/retention/retention-page');
const { I18nProvider } = await import('../../../../src/ui/i18n/i18n');

function open(hash: string) {
  history.replaceState(null, '', `/?lang=zh${hash}`);
  render(
    <I18nProvider>
      <RetentionPage />
    </I18nProvider>,
  );
}

describe('the retention page (zh)', () => {
  beforeEach(() => {
    localStorage.clear();
    workspace.current = loaded;
  });
  afterEach(cleanup);

  it('Issue 13, bug 1: switching to brackets shows the brackets in use, fitted to months, not the period count', () => {
    open('#/retention?grain=month&n=6');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: /周期数/ }).value).toBe('6');
    act(() => fireEvent.click(screen.getByRole('radio', { name: '区间' })));
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: /区间/ }).value).toBe('0-0,1-1,2-3,4-6');
  });

  it('Issue 13, bug 3: while the data loads, a deep link shows loading and its own settings, not a missing event', () => {
    workspace.current = { info: null, status: { state: 'loading' } };
    open('#/retention?start=app_open&ret=purchase&grain=month');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: /起始事件/ }).value).toBe('app_open');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: /回访事件/ }).value).toBe('purchase');
    cleanup();
    // Loaded, the same link is checked against the data's events.
    workspace.current = loaded;
    open('#/retention?start=app_open&ret=purchase&grain=month');
    expect(screen.getByRole('alert').textContent).toContain('app_open');
  });

  it('says that cohorts by signup time need a users file, instead of finding no cohorts, when there is none', () => {
    open('#/retention?by=signup');
    expect(screen.getByText(/按注册时间分同期群需要带注册时间的用户文件/)).toBeTruthy();
    expect(screen.queryByTestId('retention-table')).toBeNull();
    cleanup();
    workspace.current = { ...loaded, info: { ...loaded.info, files: [{ role: 'events' }, { role: 'users' }] } };
    open('#/retention?by=signup');
    expect(screen.queryByText(/按注册时间分同期群需要/)).toBeNull();
    expect(screen.getByTestId('retention-table')).toBeTruthy();
  });

  it('Issue 13, bug 8: an out-of-range n stays in the box, with a message', () => {
    open('#/retention?n=100');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: /周期数/ }).value).toBe('100');
    expect(screen.getByText(/周期数应为 1 到 60 之间的整数/)).toBeTruthy();
    cleanup();
    open('#/retention?n=0');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: /周期数/ }).value).toBe('0');
    expect(screen.getByText(/周期数应为 1 到 60 之间的整数/)).toBeTruthy();
    act(() => fireEvent.change(screen.getByRole('spinbutton', { name: /周期数/ }), { target: { value: '8' } }));
    expect(location.hash).toContain('n=8');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: /周期数/ }).value).toBe('8');
    expect(screen.queryByText(/周期数应为/)).toBeNull();
  });

  it('Issue 13, bug 2: a period after the data is blank, a started one is marked, and the legend comes before the table', () => {
    open('#/retention?grain=month&n=1');
    const table = screen.getByTestId('retention-table');
    const [first, second] = [...table.querySelectorAll('tbody tr')];
    const cellTexts = (tr: Element | undefined) => [...(tr?.querySelectorAll('td') ?? [])].slice(1).map((td) => td.textContent);
    expect(cellTexts(first)).toEqual(['100.0%', '40.0%*']);
    expect(cellTexts(second)).toEqual(['100.0%*', '']);
    const note = screen.getByTestId('retention-incomplete-note');
    expect(note.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('Issue 13, bug 5: the cell users heading names the cohort day as the table does, and the CSV button is in Chinese', () => {
    open('#/retention?grain=week&n=1');
    const cell = screen.getByTestId('retention-table').querySelectorAll('tbody tr button')[1];
    act(() => fireEvent.click(cell!));
    expect(screen.getByTestId('cell-users').querySelector('h3')?.textContent).toBe('2024/01/01 同期群 · 第 1 周 的用户（2 人）');
    expect(screen.getByTestId('cell-users').querySelector('button')?.textContent).toBe('下载 CSV');
    const data = screen.getByTestId('panel-retention').querySelector<HTMLDetailsElement>(':scope > details.data-table')!;
    act(() => {
      data.open = true;
      fireEvent(data, new Event('toggle'));
    });
    expect(screen.getAllByRole('button', { name: '下载 CSV' })).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
  });
});
