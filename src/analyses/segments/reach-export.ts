/** A reach channel (触达) and the users-file column it needs beside the user id. */
export type ReachChannel = 'sms' | 'email' | 'push' | 'ids';

const channelColumn: Record<Exclude<ReachChannel, 'ids'>, RegExp> = {
  sms: /(^|[_\s-])(phone|mobile|tel|cell)([_\s-]|$)|手机|电话|联系方式/i,
  email: /e-?mail|邮箱|邮件/i,
  push: /push|device[_\s-]?token|token|设备/i,
};

/**
 * The column a channel exports with the id, guessed from the users file's column names
 * (English and Chinese); null when the file has none, so the channel cannot be offered.
 */
export function channelColumnOf(channel: ReachChannel, columns: readonly string[]): string | null {
  if (channel === 'ids') return null;
  return columns.find((c) => channelColumn[channel].test(c)) ?? null;
}

/** The columns a reach list for a channel holds after user_id. */
export function reachColumns(channel: ReachChannel, columns: readonly string[]): string[] | null {
  if (channel === 'ids') return [];
  const column = channelColumnOf(channel, columns);
  return column === null ? null : [column];
}
