import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../../src/engine/engine';
import type { WorkspaceInfo } from '../../../../src/engine/workspace-info';
import { AnswerBook } from '../../../../src/ui/workspace/answer-book';
import { encodeKeptAnswers, maxKeptAnswers, readKeptAnswers } from '../../../../src/ui/workspace/kept-answers';

const info: WorkspaceInfo = {
  name: 'shop',
  timeZone: 'Asia/Shanghai',
  weekStart: 'monday',
  files: [],
  events: 1200,
  users: 80,
  activeUsers: 80,
  firstDay: 1_700_000_000_000,
  lastDay: 1_700_864_000_000,
  hasAmount: true,
  eventNames: ['app_open', '购买'],
  eventNameCount: 2,
  userAttributes: [],
  eventColumns: ['channel'],
  loadMs: 900,
};

const answer = (rows: AnalysisResult['rows']): AnalysisResult => ({
  rows,
  statements: ['SELECT 1'],
  sql: 'SELECT 1',
  ms: 12,
});

const stamp = { build: 'https://127.0.0.1/app/assets/main-abc123.js', generation: 'g-1' };

describe('answers kept with a workspace (issue 12: a reopen draws them before the engine is ready)', () => {
  it('reads back what was kept, NaN and infinities included', async () => {
    const answers = new Map([
      [
        '{"kind":"summary"}',
        answer([{ day: 1_700_000_000_000, dau: 41, ratio: Number.NaN, label: '购买', done: true, none: null }]),
      ],
      ['{"kind":"revenue"}', { ...answer([{ up: Infinity, down: -Infinity }]), tables: { detail: [{ n: 3 }] } }],
    ]);
    const read = await readKeptAnswers(await encodeKeptAnswers({ info, answers }, stamp), stamp);
    expect(read?.info).toEqual(info);
    expect([...read!.answers.keys()]).toEqual(['{"kind":"summary"}', '{"kind":"revenue"}']);
    const summary = read!.answers.get('{"kind":"summary"}')!.rows[0]!;
    expect(Number.isNaN(summary.ratio)).toBe(true);
    expect(summary).toMatchObject({ dau: 41, label: '购买', done: true, none: null });
    expect(read!.answers.get('{"kind":"revenue"}')).toEqual({
      ...answer([{ up: Infinity, down: -Infinity }]),
      tables: { detail: [{ n: 3 }] },
    });
  });

  it('is not used by another build, for other tables, or once damaged', async () => {
    const kept = await encodeKeptAnswers({ info, answers: new Map([['{}', answer([{ dau: 41 }])]]) }, stamp);
    expect(await readKeptAnswers(kept, { ...stamp, build: 'https://127.0.0.1/app/assets/main-def456.js' })).toBeNull();
    expect(await readKeptAnswers(kept, { ...stamp, generation: 'g-2' })).toBeNull();
    // One count changed in place: the digest no longer holds.
    const tampered = new Blob([(await kept.text()).replace('"dau":41', '"dau":42')]);
    expect(await readKeptAnswers(tampered, stamp)).toBeNull();
    expect(await readKeptAnswers(new Blob([(await kept.text()).slice(0, 100)]), stamp)).toBeNull();
    expect(await readKeptAnswers(new Blob(['not answers']), stamp)).toBeNull();
  });

  it('keeps the most recent answers of one load, without files or large outputs', () => {
    const book = new AnswerBook(3, 'local:shop', info, new Map([['seeded', answer([])]]));
    book.add('with a file', { ...answer([]), file: new Blob(['a,b']) });
    book.add('large', answer(Array.from({ length: 5001 }, (_, i) => ({ i }))));
    expect([...book.kept().answers.keys()]).toEqual(['seeded']);
    for (let i = 0; i < maxKeptAnswers + 5; i++) book.add(`request ${i}`, answer([{ i }]));
    book.add('request 10', answer([{ i: 10 }]));
    const keys = [...book.kept().answers.keys()];
    expect(keys).toHaveLength(maxKeptAnswers);
    expect(keys.includes('seeded')).toBe(false);
    expect(keys.at(-1)).toBe('request 10');
    expect(keys[0]).toBe('request 5');
    expect(book.dirty).toBe(true);
  });
});
