import { profileAnalyses } from './analyses';
import { profileMessages } from './messages';

/** The user profile folder's analysis kinds and labels (its page is in ./profile-page.tsx). */
export const profileModule = { analyses: profileAnalyses, messages: profileMessages };
