import type { Compressors, FileMetaData } from 'hyparquet';

/** Codecs hyparquet decodes by itself. */
const builtIn: ReadonlySet<string> = new Set(['UNCOMPRESSED', 'SNAPPY']);

/**
 * Decoders for the codecs other tools write (zstd is Polars' default; gzip, brotli, LZ4), or
 * nothing when hyparquet's own suffice. They are a separate chunk of the worker (about 115 kB,
 * snappy WASM inlined, served from the app's origin), loaded by the first file that needs them.
 */
export async function parquetDecoders(metadata: FileMetaData): Promise<Compressors | undefined> {
  const needed = metadata.row_groups.some((group) =>
    group.columns.some((column) => column.meta_data && !builtIn.has(column.meta_data.codec)),
  );
  if (!needed) return undefined;
  const { compressors } = await import('hyparquet-compressors');
  return compressors;
}
