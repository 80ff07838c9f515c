/** Splits a line of whitespace-aligned text (columns padded with spaces, no quoting). */
export function splitWhitespace(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

const needsQuotes = /[",\r\n]/;

/** One line of whitespace-aligned text as a CSV line (quoted only where needed). */
export function whitespaceLineToCsv(line: string): string {
  return splitWhitespace(line)
    .map((f) => (needsQuotes.test(f) ? `"${f.replace(/"/g, '""')}"` : f))
    .join(',');
}
