/**
 * How far a load has got, reported by the worker as it goes: which file, which phase,
 * and the bytes done (of the conversion, or of the reading by DuckDB in the browser).
 */
/** 'reread': the file read again from its start (a column retyped, or quotes found late). */
export type LoadPhase = 'convert' | 'read' | 'reread' | 'derive';

export interface LoadProgress {
  phase: LoadPhase;
  /** The file being read (absent while deriving the per-user-per-day tables). */
  file?: string;
  fileIndex?: number;
  fileCount: number;
  bytesDone?: number;
  bytesTotal?: number;
  /** Rows read so far, over all files. */
  rows?: number;
}

export type ProgressListener = (progress: LoadProgress) => void;

/** Passes byte counts on at most every `step` bytes, so a 1 GB file makes ~60 reports. */
export function byteReporter(total: number, report: (done: number) => void, step = 16 * 1024 * 1024): (bytes: number) => void {
  let done = 0;
  let next = step;
  return (bytes) => {
    done += bytes;
    if (done >= next || done >= total) {
      next = done + step;
      report(Math.min(done, total));
    }
  };
}
