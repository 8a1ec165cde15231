/**
 * Hands the one Api instance to components, so none of them reaches for `window.delegate`.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from './api.js';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi: no ApiProvider above this component');
  return api;
}
