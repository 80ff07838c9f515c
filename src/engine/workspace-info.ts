import type { FileRole } from '../ingest/manifest';
import type { WeekStart } from '../queries/period';

export interface FileReport {
  path: string;
  role: FileRole;
  rowsRead: number;
  rowsLoaded: number;
  /** Left out by an import rule. */
  excluded: number;
  nullUserIds: number;
  badTimes: number;
  nullEvents: number;
  duplicateIds: number;
}

/** What a loaded workspace is: settings echoed back and facts about the data. */
export interface WorkspaceInfo {
  name: string;
  timeZone: string;
  weekStart: WeekStart;
  files: FileReport[];
  events: number;
  users: number;
  firstDay: number | null;
  lastDay: number | null;
  hasAmount: boolean;
  eventNames: string[];
  userAttributes: string[];
  loadMs: number;
}
