import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewTabular } from '../../src/engine/tabular';
import { validateManifest } from '../../src/ingest/manifest';
import { draftFile } from '../../src/ingest/draft-file';
import { draftManifest } from '../../src/ingest/draft-manifest';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';

const retailPath = path.resolve(__dirname, '../../../shared/data/online-retail/online_retail.csv.gz');
const salt = '0123456789abcdef0123456789abcdef';

describe('pseudonymisation on import', () => {
  it('replaces every user id by its salted SHA-256 as the file is read, keeping the counts', async () => {
    const content = readFileSync(retailPath);
    const draft = await draftFile(new File([content as BlobPart], 'online_retail.csv.gz'), previewTabular);
    if (!draft.ok) throw new Error(draft.problem.code);
    const manifest = draftManifest([draft.value], 'UTC', 'monday', { salt });
    if (!manifest.ok) throw new Error(manifest.problem.code);
    const engine = await createWasmEngine();
    const info = expectOk(await engine.loadWorkspace('l', manifest.value, new Map([['online_retail.csv.gz', bytes(content)]])));
    expect(info.files[0]).toMatchObject({ rowsLoaded: 406_829, nullUserIds: 135_080 });
    expect(info.users).toBe(4_372);
    // Independent: Node's SHA-256 of salt + "17850" (the first customer), first 20 hex digits.
    const expected = createHash('sha256').update(`${salt}17850`).digest('hex').slice(0, 20);
    const [row] = expectOk(
      await engine.sql(`SELECT count(*) FILTER (WHERE user_id = '${expected}') AS hashed,
        count(*) FILTER (WHERE user_id = '17850') AS raw,
        count(*) FILTER (WHERE NOT regexp_full_match(user_id, '[0-9a-f]{20}')) AS other
        FROM events`),
    );
    expect(row).toMatchObject({ raw: 0, other: 0 });
    expect(Number(row!.hashed)).toBeGreaterThan(0);
  }, 120_000);

  it('requires a real salt in the manifest', () => {
    const base = {
      format: 'strata.workspace',
      version: 1,
      name: 'w',
      timeZone: 'UTC',
      files: [{ role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'u', time: 't' } }],
    };
    expect(validateManifest({ ...base, pseudonymise: { salt: 'short' } })).toEqual({
      ok: false,
      problem: { code: 'manifest.badPseudonymise', vars: { min: 16 } },
    });
    expect(validateManifest({ ...base, pseudonymise: { salt } })).toMatchObject({ ok: true, value: { pseudonymise: { salt } } });
  });
});
