import { retentionAnalyses } from './analyses';
import { retentionMessages } from './messages';

/** The retention folder's analysis kinds and labels (its page is in ./retention-page.tsx). */
export const retentionModule = { analyses: retentionAnalyses, messages: retentionMessages };
