/**
 * A Blob that says how far into it reads have got. DuckDB-WASM reads a file registered by
 * handle through `slice`, so this gives byte progress for the files DuckDB reads itself,
 * where no JavaScript sees the bytes go by.
 */
export class ReadObservedBlob extends Blob {
  private readonly source: Blob;
  private readonly onRead: (end: number) => void;

  constructor(source: Blob, onRead: (end: number) => void) {
    // A Blob made of a Blob refers to the same bytes; nothing is copied.
    super([source]);
    this.source = source;
    this.onRead = onRead;
  }

  override slice(start?: number, end?: number, contentType?: string): Blob {
    const part = this.source.slice(start, end, contentType);
    this.onRead(Math.min(this.size, (start ?? 0) + part.size));
    return part;
  }
}

/**
 * Reports the furthest byte read so far, at most every `step` bytes and at the end, so that
 * a file read twice (the sniffer, then the whole) shows progress that only goes forward.
 */
export function furthestReadReporter(total: number, report: (done: number) => void, step = 8 * 1024 * 1024) {
  let furthest = 0;
  let reported = 0;
  return (end: number): void => {
    if (end <= furthest) return;
    furthest = end;
    if (furthest - reported >= step || furthest >= total) {
      reported = furthest;
      report(furthest);
    }
  };
}
