import { churnAnalyses } from './analyses';
import { churnMessages } from './messages';

/** The churn folder's analysis kinds and labels (its page is in ./churn-page.tsx). */
export const churnModule = { analyses: churnAnalyses, messages: churnMessages };
