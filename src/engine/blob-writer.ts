/**
 * Collects text or bytes into a Blob in ~32 MB parts, so a converted file leaves the
 * worker's heap as it is written (the browser keeps large blobs outside it).
 */
export class BlobWriter {
  private readonly batches: Blob[] = [];
  private parts: BlobPart[] = [];
  private size = 0;
  private readonly encoder = new TextEncoder();

  write(chunk: string | Uint8Array): void {
    const bytes = typeof chunk === 'string' ? this.encoder.encode(chunk) : chunk;
    this.parts.push(bytes as BlobPart);
    this.size += bytes.length;
    if (this.size >= 32 * 1024 * 1024) this.flush();
  }

  private flush(): void {
    if (this.parts.length) this.batches.push(new Blob(this.parts));
    this.parts = [];
    this.size = 0;
  }

  finish(type = 'text/csv'): Blob {
    this.flush();
    return new Blob(this.batches, { type });
  }
}
