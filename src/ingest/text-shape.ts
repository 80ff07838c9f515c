/**
 * Shapes of delimited text that DuckDB's CSV sniffer gets wrong or refuses (issue 12): Excel's
 * `sep=;` first line, mixed line endings, stray NUL bytes, a final line whose quote never
 * closes. Found here, in the file's first or last bytes, so that the loader can fix them
 * before DuckDB reads the file.
 */

const excelSeparator = /^\uFEFF?sep=([^\r\n])[ \t]*(\r\n|\r|\n)/i;

/** The separator an Excel `sep=;` first line names, and the text after that line; null without one. */
export function excelSeparatorLine(text: string): { delimiter: string; rest: string } | null {
  const m = excelSeparator.exec(text);
  return m ? { delimiter: m[1]!, rest: text.slice(m[0].length) } : null;
}

/** True when the text ends its lines in more than one way (`\r\n`, `\n`, a lone `\r`). */
export function hasMixedLineEndings(text: string): boolean {
  let kinds = 0;
  if (text.includes('\r\n')) kinds++;
  if (/(^|[^\r])\n/.test(text)) kinds++;
  if (/\r(?!\n)/.test(text.endsWith('\r') ? text.slice(0, -1) : text)) kinds++;
  return kinds > 1;
}

/** Every line ending as `\n`. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** True when the bytes hold a NUL (which no text export means). */
export function hasNul(bytes: Uint8Array): boolean {
  return bytes.includes(0);
}

const quote = 0x22;
const newline = 0x0a;

/**
 * Where the last record starts when it opens a quote that never closes (the file was cut
 * off, or a stray quote): the byte offset in `tail` of that line, and its text. `tail` is the
 * end of the file; unless `fromFileStart`, it is read from its first line break on, as a
 * quoted field rarely spans more than the tail. A quote counts as opening only at the start
 * of a field, as RFC 4180 has it, so a closing quote is not taken for one.
 */
export function unclosedFinalQuote(
  tail: Uint8Array,
  delimiter: string,
  fromFileStart: boolean,
): { start: number; text: string } | null {
  const delim = delimiter.charCodeAt(0);
  let i = fromFileStart ? 0 : tail.indexOf(newline) + 1;
  if (i === 0 && !fromFileStart) return null;
  let inQuote = false;
  let fieldStart = true;
  let lineStart = i;
  let openedLine = -1;
  for (; i < tail.length; i++) {
    const b = tail[i]!;
    if (inQuote) {
      if (b !== quote) continue;
      if (tail[i + 1] === quote) i++;
      else inQuote = false;
      fieldStart = false;
    } else if (b === newline) {
      fieldStart = true;
      lineStart = i + 1;
    } else if (b === delim) {
      fieldStart = true;
    } else if (b === quote && fieldStart) {
      inQuote = true;
      openedLine = lineStart;
    } else if (b !== 0x0d) {
      fieldStart = false;
    }
  }
  if (!inQuote) return null;
  // Only the final line: a quote opened further up spans lines, which a field may do.
  const rest = tail.subarray(openedLine);
  const body = rest.subarray(0, rest.length - (rest.at(-1) === newline ? 1 : 0));
  if (body.includes(newline)) return null;
  return { start: openedLine, text: new TextDecoder().decode(body).replace(/\r$/, '') };
}
