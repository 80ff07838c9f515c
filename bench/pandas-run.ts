import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The pandas yardstick's outcome: its time, or why it did not run. */
export type PandasOutcome = { ok: true; ms: number } | { ok: false; skipped: string };

let available: PandasOutcome | null = null;

/** The interpreter: BENCH_PYTHON, or python3 on the PATH (a pyenv shim may hide the system's pandas). */
const python = process.env.BENCH_PYTHON ?? 'python3';

/** Whether python3 with pandas is here (asked once per bench run). */
function pandasHere(): PandasOutcome {
  available ??= (() => {
    const probe = spawnSync(python, ['-c', 'import pandas'], { encoding: 'utf8' });
    if (probe.error) return { ok: false, skipped: 'skipped: python3 not installed' };
    if (probe.status !== 0) return { ok: false, skipped: 'skipped: pandas not installed' };
    return { ok: true, ms: 0 };
  })();
  return available;
}

/** Runs bench/pandas_retention.py on the events file: pandas read_csv + weekly retention, in ms. */
export function pandasRetention(file: string): PandasOutcome {
  const here = pandasHere();
  if (!here.ok) return here;
  const run = spawnSync(python, [path.join(__dirname, 'pandas_retention.py'), file], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  if (run.status !== 0) return { ok: false, skipped: `failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}` };
  const { total_ms: ms } = JSON.parse(run.stdout) as { total_ms: number };
  return { ok: true, ms };
}
