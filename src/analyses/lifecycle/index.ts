import { lifecycleAnalyses } from './analyses';
import { lifecycleMessages } from './messages';

/** The lifecycle folder's analysis kinds and labels (its page is in ./lifecycle-page.tsx). */
export const lifecycleModule = { analyses: lifecycleAnalyses, messages: lifecycleMessages };
