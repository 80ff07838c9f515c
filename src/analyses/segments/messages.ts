import { defineMessages } from '../messages';

/** The segments screens' labels, in both languages. */
export const segmentMessages = defineMessages(
  {
    'nav.segments': '分群',
  },
  {
    'nav.segments': 'Segments',
  },
);
