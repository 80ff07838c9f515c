// Pure, so that the worker writes large CSV files the same way (src/schema/csv-text.ts).
export { formatCell, toCsv } from '../../schema/csv-text';

export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A BOM so that Excel in a Chinese locale opens UTF-8 CSV correctly.
  downloadBlob(fileName, new Blob(['\ufeff', text], { type }));
}

/** Saves a file already made (in the worker, say) under `fileName`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
