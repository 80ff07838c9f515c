import { createContext, useContext, type ComponentType } from 'react';

/** A screen of the app as a report draws it: its route id and its view. */
export interface ScreenView {
  id: string;
  View: ComponentType;
}

/**
 * The app's screens, provided by the shell: a report re-runs a pinned analysis by drawing its
 * screen (src/ui cannot import the screens themselves; they sit above it).
 */
export const ScreensContext = createContext<readonly ScreenView[]>([]);

export function useScreens(): readonly ScreenView[] {
  return useContext(ScreensContext);
}
