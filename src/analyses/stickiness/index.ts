import { stickinessAnalyses } from './analyses';
import { stickinessMessages } from './messages';

/** The stickiness folder's analysis kinds and labels (its page is in ./stickiness-page.tsx). */
export const stickinessModule = { analyses: stickinessAnalyses, messages: stickinessMessages };
