import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type AppSession } from './harness';

/** Two Latin words in a row: what an English sentence has and a Chinese one here does not. */
const englishWords = /[A-Za-z]{2,}[\s,.;:]+[A-Za-z]{2,}/;

describe('issue 8: the Chinese UI tells what is wrong with a dropped file in Chinese', () => {
  let app: AppSession;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'strata-zh-errors-'));

  beforeAll(async () => {
    app = await openApp('?lang=zh');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(app.page, `zh-errors-${ctx.task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['empty.csv', '', 'empty.csv：文件是空的（0 字节）。请重新导出带数据行的文件。'],
    ['header-only.csv', 'user_id,time,event\n', 'header-only.csv：文件只有表头，没有数据行。'],
    [
      'junk.csv',
      // A PNG's first bytes, renamed .csv.
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      'junk.csv：这不是文本数据文件（开头附近有二进制内容）。请选择 CSV 或 TSV 格式的导出文件。',
    ],
  ])('%s', async (name, content, message) => {
    const file = path.join(tmp, name);
    writeFileSync(file, content);
    await app.page.goto(`${app.appUrl}?lang=zh#/data`);
    await app.page.getByTestId('data-page').waitFor();
    await app.page.getByTestId('file-input').setInputFiles([file]);
    const error = app.page.getByTestId('drop-error');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toBe(message);
    expect(text.replace(name, '')).not.toMatch(englishWords);
    expect(await app.page.getByRole('alert').allInnerTexts()).toEqual([message]);
  });
});
