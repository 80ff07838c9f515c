import { problem, type Problem } from '../schema/problem';

/** The line an error text of DuckDB's CSV reader names ("Line: 12", "line 12"), if any. */
export function lineOfReaderError(text: string): number | null {
  const m = /\bline:?\s*(\d+)/i.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * A failure of DuckDB on one file as a problem the UI can say in the user's words: which
 * file, the line when DuckDB named one, and (in the catalogue) what to do. DuckDB's own text
 * and the names files are registered under stay in the error's detail.
 */
export function fileLoadProblem(file: string, step: 'sniff' | 'load', readerText: string): Problem {
  const line = lineOfReaderError(readerText);
  if (step === 'sniff') return line === null ? problem('csv.unreadable', { file }) : problem('csv.unreadableAt', { file, line });
  return line === null ? problem('file.notLoaded', { file }) : problem('file.notLoadedAt', { file, line });
}
