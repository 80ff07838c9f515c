import { rfmAnalyses } from './analyses';
import { rfmMessages } from './messages';

/** The RFM folder's analysis kinds and labels (its page is in ./rfm-page.tsx). */
export const rfmModule = { analyses: rfmAnalyses, messages: rfmMessages };
