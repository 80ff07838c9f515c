import { fingerprintAnalyses } from './analyses';
import { reportMessages } from './messages';

/** The data fingerprint and the reports screen's labels (its screen is ./reports-page.tsx). */
export const reportsModule = { analyses: fingerprintAnalyses, messages: reportMessages };
