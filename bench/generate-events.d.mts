export function generateEvents(file: string, rows: number): Promise<string>;
