import { describe, expect, it } from 'vitest';
import { noteHtml, parseNote } from '../../../src/report/note-markup';

describe('report notes', () => {
  it('parses the small Markdown subset', () => {
    expect(parseNote('## Title\n\nA **bold** and *em* `code`\nnext line\n\n- one\n- two')).toEqual([
      { kind: 'heading', inlines: [{ kind: 'text', text: 'Title' }] },
      {
        kind: 'paragraph',
        lines: [
          [
            { kind: 'text', text: 'A ' },
            { kind: 'strong', text: 'bold' },
            { kind: 'text', text: ' and ' },
            { kind: 'em', text: 'em' },
            { kind: 'text', text: ' ' },
            { kind: 'code', text: 'code' },
          ],
          [{ kind: 'text', text: 'next line' }],
        ],
      },
      { kind: 'list', items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]] },
    ]);
  });

  it('never lets the text become markup', () => {
    expect(noteHtml('**<img src=x onerror=alert(1)>** <a href="javascript:x">l</a>')).toBe(
      '<p><strong>&lt;img src=x onerror=alert(1)&gt;</strong> &lt;a href=&quot;javascript:x&quot;&gt;l&lt;/a&gt;</p>',
    );
    expect(noteHtml('[link](javascript:alert(1))')).toBe('<p>[link](javascript:alert(1))</p>');
  });
});
