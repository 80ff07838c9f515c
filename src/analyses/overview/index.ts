import { overviewAnalyses } from './analyses';
import { overviewMessages } from './messages';

/** The overview folder's analysis kinds and labels (its page is in ./overview-page.tsx). */
export const overviewModule = { analyses: overviewAnalyses, messages: overviewMessages };
