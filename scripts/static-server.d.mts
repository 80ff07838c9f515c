export function startStaticServer(options: {
  root: string;
  base?: string;
  port?: number;
  host?: string;
}): Promise<{ url: string; close: () => Promise<void> }>;
