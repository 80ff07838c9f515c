import { escapeHtml } from './escape-html';

/**
 * The Markdown subset a report note may use: paragraphs, `## ` headings, `- ` lists, and
 * **bold**, *italic* and `code` inline. Anything else is text. Parsed to a tree so that both the
 * app (React elements) and the exported file (escaped HTML) draw it without trusting the text.
 */
export interface Inline {
  kind: 'text' | 'strong' | 'em' | 'code';
  text: string;
}

export type NoteBlock =
  { kind: 'paragraph'; lines: Inline[][] } | { kind: 'heading'; inlines: Inline[] } | { kind: 'list'; items: Inline[][] };

const inlinePattern = /\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`/g;

export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const m of line.matchAll(inlinePattern)) {
    if (m.index > at) out.push({ kind: 'text', text: line.slice(at, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'strong', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'em', text: m[2] });
    else out.push({ kind: 'code', text: m[3]! });
    at = m.index + m[0].length;
  }
  if (at < line.length) out.push({ kind: 'text', text: line.slice(at) });
  return out;
}

export function parseNote(text: string): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  let open: NoteBlock | null = null;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      open = null;
    } else if (/^#{1,6}\s/.test(line)) {
      blocks.push({ kind: 'heading', inlines: parseInline(line.replace(/^#{1,6}\s+/, '')) });
      open = null;
    } else if (/^\s*[-*]\s/.test(line)) {
      const item = parseInline(line.replace(/^\s*[-*]\s+/, ''));
      if (open?.kind === 'list') open.items.push(item);
      else blocks.push((open = { kind: 'list', items: [item] }));
    } else if (open?.kind === 'paragraph') {
      open.lines.push(parseInline(line));
    } else {
      blocks.push((open = { kind: 'paragraph', lines: [parseInline(line)] }));
    }
  }
  return blocks;
}

const tags = { text: null, strong: 'strong', em: 'em', code: 'code' } as const;

function inlineHtml(inlines: readonly Inline[]): string {
  return inlines
    .map(({ kind, text }) => {
      const tag = tags[kind];
      return tag ? `<${tag}>${escapeHtml(text)}</${tag}>` : escapeHtml(text);
    })
    .join('');
}

/** A note as HTML, every character of the text escaped. */
export function noteHtml(text: string): string {
  return parseNote(text)
    .map((b) => {
      if (b.kind === 'heading') return `<h3>${inlineHtml(b.inlines)}</h3>`;
      if (b.kind === 'list') return `<ul>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</ul>`;
      return `<p>${b.lines.map(inlineHtml).join('<br>')}</p>`;
    })
    .join('\n');
}
