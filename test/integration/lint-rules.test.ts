import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root, ignore: false });

/** The rules a piece of code breaks when it stands at `file` (relative to the repository). */
async function rulesBroken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

// Each case is an import that must be refused where it stands; depth does not matter.
const refused: [string, string, string][] = [
  ['src/sql/x.ts', `import { tables } from '../schema/tables';`, 'import-x/no-restricted-paths'],
  ['src/schema/x.ts', `import { analyses } from '../analyses/registry';`, 'import-x/no-restricted-paths'],
  ['src/ingest/deep/er/x.ts', `import { Engine } from '../../../engine/engine';`, 'import-x/no-restricted-paths'],
  ['src/ingest/x.ts', `import { analyses } from '../analyses/registry';`, 'import-x/no-restricted-paths'],
  ['src/analyses/retention/x.ts', `import { useI18n } from '../../ui/i18n/i18n';`, 'import-x/no-restricted-paths'],
  ['src/analyses/retention/x.ts', `import { RetentionPage } from './retention-page';`, 'import-x/no-restricted-paths'],
  ['src/analyses/retention/x.ts', `import React from 'react';`, 'no-restricted-imports'],
  ['src/analyses/retention/x.ts', `import { lifecycleQuery } from '../lifecycle/lifecycle-query';`, 'no-restricted-imports'],
  [
    'src/analyses/retention/deeper/x.ts',
    `import { engineError } from '../../../engine/engine-error';`,
    'import-x/no-restricted-paths',
  ],
  ['src/engine/x.ts', `import { analysisPages } from '../analyses/pages';`, 'import-x/no-restricted-paths'],
  ['src/engine/x.ts', `import React from 'react';`, 'no-restricted-imports'],
  ['src/store/x.ts', `import { Engine } from '../engine/engine';`, 'import-x/no-restricted-paths'],
  ['src/ui/features/data/x.tsx', `import Dexie from 'dexie';`, 'no-restricted-imports'],
  ['src/ui/features/data/x.tsx', `import { x } from '../other/y';`, 'no-restricted-imports'],
  ['src/ui/components/x.tsx', `import { App } from '../../app/app';`, 'import-x/no-restricted-paths'],
  [
    'src/ui/components/x.tsx',
    `import { OverviewPage } from '../../analyses/overview/overview-page';`,
    'import-x/no-restricted-paths',
  ],
  ['src/analyses/overview/x.tsx', `import { db } from '../../store/db';`, 'import-x/no-restricted-paths'],
];

describe('lint holds the layers (each rule fires on a fixture)', () => {
  it.each(refused)('%s may not: %s', async (file, code, rule) => {
    expect(await rulesBroken(file, `${code}\nexport {};\n`)).toContain(rule);
  });

  it('allows the direction data flows in', async () => {
    const allowed: [string, string][] = [
      ['src/analyses/retention/x.ts', `import { tables } from '../../schema/tables';`],
      ['src/analyses/retention/x.tsx', `import { useI18n } from '../../ui/i18n/i18n';`],
      ['src/engine/x.ts', `import { analyses } from '../analyses/registry';`],
      ['src/app/x.tsx', `import { analysisPages } from '../analyses/pages';`],
    ];
    for (const [file, code] of allowed) {
      const broken = await rulesBroken(file, `${code}\nexport {};\n`);
      expect(
        broken.filter((r) => r.startsWith('import-x') || r === 'no-restricted-imports'),
        `${file}: ${code}`,
      ).toEqual([]);
    }
  });

  it('refuses an import cycle', async () => {
    const [result] = await eslint.lintFiles([path.join(root, 'test/lint-fixtures/cycle-a.ts')]);
    expect(result?.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });
});
