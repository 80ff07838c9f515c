/**
 * Records of a CSV longer than DuckDB's reader takes (its `max_line_size`): DuckDB fails the
 * whole file on one, naming line 1 whatever line it is. Found here instead, quote-aware (a
 * quoted field may hold line breaks), so that they can be reported at their lines and left out.
 */
export interface LongRecord {
  /** 1-based line where the record starts. */
  line: number;
  /** Byte range of the record in the file, its line break excluded. */
  start: number;
  end: number;
  /** Line breaks inside the record (quoted), kept when it is left out so that later lines keep their numbers. */
  breaks: number;
  /** Its first bytes, for the report. */
  head: Uint8Array;
}

const quote = 0x22;
const newline = 0x0a;
const headBytes = 200;

/** Scans a file chunk by chunk (`feed`) and lists the records longer than `limit` bytes. */
export class LongRecordScanner {
  readonly found: LongRecord[] = [];
  private readonly limit: number;
  private offset = 0;
  private line = 1;
  private quoted = false;
  private recordStart = 0;
  private recordLine = 1;
  private recordBreaks = 0;
  private readonly head = new Uint8Array(headBytes);
  private headLength = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  feed(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === newline) {
        this.line++;
        if (!this.quoted) {
          this.endRecord(this.offset + i);
          continue;
        }
        this.recordBreaks++;
      } else if (b === quote) this.quoted = !this.quoted;
      if (this.headLength < headBytes) this.head[this.headLength++] = b;
    }
    this.offset += chunk.length;
  }

  /** The last record, when the file does not end in a line break. */
  finish(): LongRecord[] {
    if (this.offset > this.recordStart) this.endRecord(this.offset);
    return this.found;
  }

  private endRecord(end: number): void {
    if (end - this.recordStart > this.limit) {
      this.found.push({
        line: this.recordLine,
        start: this.recordStart,
        end,
        breaks: this.recordBreaks,
        head: this.head.slice(0, this.headLength),
      });
    }
    this.recordStart = end + 1;
    this.recordLine = this.line;
    this.recordBreaks = 0;
    this.headLength = 0;
  }
}

/** The file with each long record replaced by its line breaks: every other line keeps its number. */
export function withoutRecords(file: Blob, records: readonly LongRecord[]): Blob {
  const parts: BlobPart[] = [];
  let at = 0;
  for (const r of records) {
    parts.push(file.slice(at, r.start), '\n'.repeat(r.breaks));
    at = r.end;
  }
  parts.push(file.slice(at));
  return new Blob(parts);
}
