/**
 * App actions: what a button inside a notice can do anywhere in the window (open the sign-in, go to Settings),
 * without every view passing callbacks down to every notice.
 */
import { createContext, useContext } from 'react';

export interface AppActions {
  /** Opens the sign-in dialog; for another profile than the one shown, switches to it first. */
  signIn: (profile?: string) => void;
  openSettings: () => void;
}

export const AppActionsContext = createContext<AppActions | null>(null);

/** The window's app actions, or null outside the app (a notice then offers no button). */
export function useAppActions(): AppActions | null {
  return useContext(AppActionsContext);
}
