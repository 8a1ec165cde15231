/**
 * The window's picture of the app: which profile it shows, that profile's health, the sign-in in progress,
 * whether the schedule is paused. Loaded once, then kept current by main's events.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import type { AppState, SignInState } from '../../shared/ipc/ipc-models.js';
import type { ProfileHealth } from '../../shared/models/health.js';
import { useApi } from '../ipc/api-context.js';
import { useEvent } from '../ipc/use-event.js';

export interface AppStateStore {
  state: AppState | null;
  error: ErrorData | null;
  reload: () => void;
  switchProfile: (profile: string) => Promise<ErrorData | null>;
  setHealth: (health: ProfileHealth) => void;
  setSignIn: (signIn: SignInState) => void;
  setPaused: (paused: boolean) => void;
  setLaunchAtLogin: (launchAtLogin: boolean) => void;
}

export function useAppState(): AppStateStore {
  const api = useApi();
  const [state, setState] = useState<AppState | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    void api.request('app:get-state', {}).then((result) => {
      if (!current) return;
      if (result.ok) {
        setState(result.value);
        setError(null);
      } else {
        setError(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [api, generation]);

  const setHealth = useCallback((health: ProfileHealth) => {
    setState((previous) => (previous && previous.profile === health.profile ? { ...previous, health } : previous));
  }, []);
  const setSignIn = useCallback((signIn: SignInState) => setState((previous) => (previous ? { ...previous, signIn } : previous)), []);
  const setPaused = useCallback((paused: boolean) => setState((previous) => (previous ? { ...previous, paused } : previous)), []);
  const setLaunchAtLogin = useCallback((launchAtLogin: boolean) => setState((previous) => (previous ? { ...previous, launchAtLogin } : previous)), []);

  useEvent('health:changed', setHealth);
  useEvent('auth:state', setSignIn);
  useEvent('app:paused', ({ paused }) => setPaused(paused));

  const switchProfile = useCallback(
    async (profile: string) => {
      const result = await api.request('app:set-profile', { profile });
      if (!result.ok) return result.error;
      setState(result.value);
      return null;
    },
    [api],
  );

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  // config.json changed (the CLI, a hand edit, this window's own save): the profile list and switcher follow.
  useEvent('config:changed', reload);
  return { state, error, reload, switchProfile, setHealth, setSignIn, setPaused, setLaunchAtLogin };
}
