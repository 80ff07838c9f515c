import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useStagedCount } from '../../../src/ui/hooks/use-staged-count';

function Staged({ total, log }: { total: number; log: number[] }) {
  const shown = useStagedCount(total);
  log.push(shown);
  return <p data-testid="shown">{shown}</p>;
}

describe('useStagedCount', () => {
  it('shows one part at first, then one more per task until all are shown', async () => {
    const log: number[] = [];
    render(<Staged total={4} log={log} />);
    expect(log[0]).toBe(1);
    await waitFor(() => expect(screen.getByTestId('shown').textContent).toBe('4'));
    expect([...new Set(log)]).toEqual([1, 2, 3, 4]);
  });

  it('never shows more parts than there are', async () => {
    const log: number[] = [];
    render(<Staged total={0} log={log} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Math.max(...log)).toBe(0);
  });
});
