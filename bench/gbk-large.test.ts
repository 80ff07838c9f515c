import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import { chromium } from 'playwright-core';
import { it } from 'vitest';
import { startStaticServer } from '../scripts/static-server.mjs';
import { chromiumArgs } from '../test/e2e/harness';
import { generateEvents } from './generate-events.mjs';

/**
 * The import issue's memory case: a ~1 GB GBK-encoded CSV (what Excel writes in a Chinese
 * locale), Chinese header and event names, through the whole app in Chromium. It must load
 * without the file being copied into the WASM heap and without the tab running out of
 * memory. Run with `npm run bench:gbk` (minutes; not part of `npm test` or `npm run bench`).
 */
const root = path.resolve(__dirname, '..');
const rows = Number(process.env.BENCH_GBK_ROWS ?? 27_000_000);
const chinese: Record<string, string> = {
  app_open: '打开应用',
  view_item: '浏览商品',
  search: '搜索',
  add_to_cart: '加入购物车',
  share: '分享',
  sign_in: '签到',
  purchase: '购买',
};

async function gbkFile(): Promise<string> {
  const utf8 = await generateEvents(path.join(root, 'bench/data', `events-${rows}.csv`), rows);
  const target = path.join(root, 'bench/data', `events-${rows}-gbk.csv`);
  if (existsSync(target) && statSync(target).mtimeMs > statSync(utf8).mtimeMs) return target;
  let first = true;
  let rest = '';
  const toChinese = new Transform({
    transform(chunk: Buffer, _enc, done) {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      const out = lines.map((line) => {
        if (first) {
          first = false;
          return '用户ID,事件时间,事件,金额';
        }
        const [user, time, event, amount] = line.split(',');
        return `${user},${time},${chinese[event ?? ''] ?? event},${amount ?? ''}`;
      });
      done(null, iconv.encode(out.join('\n') + '\n', 'gb18030'));
    },
    flush(done) {
      done(null, rest ? iconv.encode(rest, 'gb18030') : Buffer.alloc(0));
    },
  });
  await pipeline(createReadStream(utf8), toChinese, createWriteStream(target));
  return target;
}

it('loads a ~1 GB GBK CSV in Chromium without running out of memory', async () => {
  const file = await gbkFile();
  const bytes = statSync(file).size;
  const server = await startStaticServer({ root: path.join(root, 'dist'), base: '/bench/app/' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}?bench#/data`);
    await page.evaluate(async () => {
      await (window as unknown as { strataEngine: { ready: () => Promise<unknown> } }).strataEngine.ready();
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'bench-file';
      document.body.append(input);
    });
    await page.locator('#bench-file').setInputFiles(file);
    const manifest = {
      format: 'strata.workspace',
      version: 1,
      name: 'gbk',
      timeZone: 'Asia/Shanghai',
      files: [
        {
          role: 'events',
          path: 'events.csv',
          format: 'csv',
          encoding: 'gb18030',
          columns: { userId: '用户ID', time: '事件时间', event: '事件', amount: '金额' },
        },
      ],
    };
    const result = await page.evaluate(async (m) => {
      const engine = (
        window as unknown as {
          strataEngine: {
            loadWorkspace: (
              m: unknown,
              f: unknown[],
            ) => Promise<{
              ok: boolean;
              value?: { events: number; users: number; eventNames: string[] };
              error?: unknown;
            }>;
          };
        }
      ).strataEngine;
      const input = document.getElementById('bench-file') as HTMLInputElement;
      const t = performance.now();
      const outcome = await engine.loadWorkspace(m, [{ path: 'events.csv', file: input.files![0] }]);
      return { ms: performance.now() - t, outcome };
    }, manifest);
    const line = result.outcome.ok
      ? `loaded ${result.outcome.value!.events.toLocaleString('en')} events, ${result.outcome.value!.users.toLocaleString('en')} users, events ${result.outcome.value!.eventNames.join(' ')} in ${(result.ms / 1000).toFixed(1)} s`
      : `FAILED after ${(result.ms / 1000).toFixed(1)} s: ${JSON.stringify(result.outcome.error)}`;
    const report = `# GBK import, ${new Date().toISOString()}\n\n${(bytes / 1e9).toFixed(2)} GB (${(bytes / 1024 ** 3).toFixed(2)} GiB) GB18030 CSV, ${rows.toLocaleString('en')} rows: ${line}\n`;
    console.log(report);
    mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    writeFileSync(path.join(root, 'bench/results/gbk-latest.md'), report);
    if (!result.outcome.ok) throw new Error(line);
  } finally {
    await browser.close();
    await server.close();
  }
});
