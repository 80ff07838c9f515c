type FormatNumber = (value: number, options?: Intl.NumberFormatOptions) => string;

/** A size for people: B under a kilobyte, KB under a megabyte, then MB. */
export function formatBytes(bytes: number, formatNumber: FormatNumber): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, { maximumFractionDigits: 0 })} KB`;
  return `${formatNumber(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`;
}
