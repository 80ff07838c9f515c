import { segmentAnalyses } from './analyses';
import { segmentMessages } from './messages';

/** The segments folder's analysis kinds and labels (its page is in ./segments-page.tsx). */
export const segmentsModule = { analyses: segmentAnalyses, messages: segmentMessages };
