// Issue 12 (Excel): a sheet with a merged title above its header and user ids merged down over their events.
import { describe, expect, it } from 'vitest';
import { previewTabular } from '../../src/engine/tabular';
import { draftFile, draftTabularFile } from '../../src/ingest/draft-file';
import { draftManifest } from '../../src/ingest/draft-manifest';
import { validateManifest } from '../../src/ingest/manifest';
import { titledHeaderRow, titledRowsAbove, titledTitle, titledXlsx } from '../helpers/titled-xlsx';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';

const columnCount = 4;

describe('issue 12: an xlsx with a merged title row and merged user ids', () => {
  it('guesses the header below the title, fills the ids down, and loads each user with their events', async () => {
    const { xlsx, perUser, events } = titledXlsx();
    expect(new Set(perUser.values()).size).toBeGreaterThan(2);
    const file = new File([xlsx as BlobPart], '用户事件.xlsx');
    const draft = await draftFile(file, previewTabular);
    if (!draft.ok) throw new Error(draft.problem.code);
    const d = draft.value;
    expect(d.sheetHeader).toMatchObject({ row: titledHeaderRow, guess: titledHeaderRow, skipped: titledRowsAbove });
    expect(d.sheetHeader!.choices.map((c) => c.row)).toEqual([
      1,
      2,
      ...Array.from({ length: events + 1 }, (_, i) => i + titledHeaderRow),
    ]);
    expect(d.sheetHeader!.choices[0]!.text).toBe(titledTitle);
    expect(d.sniffed.header).toEqual(['用户ID', '时间', '事件', '金额']);
    expect(d.spec).toMatchObject({
      role: 'events',
      format: 'xlsx',
      headerRow: titledHeaderRow,
      columns: { userId: '用户ID', time: '时间', event: '事件' },
    });
    // Every previewed row has its user's id, as Excel shows the merged cells.
    expect(d.sniffed.rows.every((r) => perUser.has(r[0] ?? ''))).toBe(true);

    // Row 1 chosen by hand reads the title as the header; choosing the guess again reads as before.
    const byHand = await draftTabularFile(file, 'xlsx', 'utf-8', previewTabular, undefined, 1);
    if (!byHand.ok) throw new Error(byHand.problem.code);
    expect(byHand.value.sniffed.header).toEqual(Array(columnCount).fill(titledTitle));
    expect(byHand.value.spec.headerRow).toBeUndefined();
    expect(byHand.value.sheetHeader).toMatchObject({ row: 1, guess: titledHeaderRow, skipped: 0 });
    const back = await draftTabularFile(file, 'xlsx', 'utf-8', previewTabular, undefined, titledHeaderRow);
    if (!back.ok) throw new Error(back.problem.code);
    expect(back.value.spec).toEqual(d.spec);

    const manifest = draftManifest([d], 'UTC', 'monday');
    if (!manifest.ok) throw new Error(manifest.problem.code);
    const files = new Map([[file.name, bytes(xlsx)] as const]);
    const engine = await createWasmEngine();
    const info = expectOk(await engine.loadWorkspace('l', manifest.value, files));
    expect(info.files[0]).toMatchObject({
      rowsRead: events,
      rowsLoaded: events,
      nullUserIds: 0,
      badTimes: 0,
      headerRow: { row: titledHeaderRow, skipped: titledRowsAbove },
    });
    expect(info.users).toBe(perUser.size);
    const loaded = expectOk(await engine.sql('SELECT user_id, count(*) AS n FROM events GROUP BY user_id ORDER BY user_id'));
    const want = [...perUser].sort(([a], [b]) => (a < b ? -1 : 1)).map(([user_id, n]) => ({ user_id, n }));
    expect(loaded.map((r) => ({ user_id: String(r.user_id), n: Number(r.n) }))).toEqual(want);

    // The kept workspace: its manifest as stored (JSON) reads the sheet the same way on reload.
    const kept = validateManifest(JSON.parse(JSON.stringify(manifest.value)));
    if (!kept.ok) throw new Error(kept.problem.code);
    expect(kept.value.files[0]!.headerRow).toBe(titledHeaderRow);
    const reloaded = await createWasmEngine();
    const again = expectOk(await reloaded.loadWorkspace('r', kept.value, files));
    expect(again.files[0]).toMatchObject({ rowsLoaded: events, headerRow: { row: titledHeaderRow, skipped: titledRowsAbove } });
    expect(expectOk(await reloaded.sql('SELECT user_id, count(*) AS n FROM events GROUP BY user_id ORDER BY user_id'))).toEqual(
      loaded,
    );
  }, 120_000);

  it('a manifest whose header row is empty says which row, in the load', async () => {
    const { xlsx } = titledXlsx();
    const engine = await createWasmEngine();
    const manifest = validateManifest({
      format: 'strata.workspace',
      version: 1,
      name: 'x',
      timeZone: 'UTC',
      files: [{ role: 'events', path: 'x.xlsx', format: 'xlsx', headerRow: 3, columns: { userId: '用户ID', time: '时间' } }],
    });
    if (!manifest.ok) throw new Error(manifest.problem.code);
    const out = await engine.loadWorkspace('l', manifest.value, new Map([['x.xlsx', bytes(xlsx)] as const]));
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error).toMatchObject({ code: 'xlsx.emptyHeaderRow', vars: { file: 'x.xlsx', row: 3 } });
  }, 120_000);
});
