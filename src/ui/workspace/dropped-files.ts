import { createContext, useContext } from 'react';

/**
 * Files dropped anywhere on the page (not on a drop zone of its own), handed to the Data page,
 * which opens them as it opens files dropped on it: it subscribes while shown, and files
 * dropped before it was shown are handed to it when it subscribes.
 */
export interface DroppedFiles {
  subscribe: (listener: (files: readonly File[]) => void) => () => void;
}

export const DroppedFilesContext = createContext<DroppedFiles>({ subscribe: () => () => undefined });

export function useDroppedFiles(): DroppedFiles {
  return useContext(DroppedFilesContext);
}
