/**
 * Loads one request's answer for a component: the value, the error as data, and a way to load it again.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RequestChannel, RequestInput, RequestResults } from '../../shared/ipc/ipc-contract.js';
import type { ErrorData } from '../../shared/errors.js';
import { useApi } from './api-context.js';

export interface RequestState<T> {
  /** The latest value (kept while a reload is on its way). */
  value: T | null;
  /** The last answer's error, or null when it succeeded. */
  error: ErrorData | null;
  loading: boolean;
  reload: () => void;
  /** Replaces the value, e.g. with a newer one an event brought, or updates the latest one. */
  setValue: (value: T | ((previous: T | null) => T)) => void;
}

interface Answer<T> {
  /** Which request (input and reload count) this answers. */
  key: string;
  value: T | null;
  error: ErrorData | null;
}

export function useRequest<C extends RequestChannel>(channel: C, input: RequestInput<C>): RequestState<RequestResults[C]> {
  const api = useApi();
  const [generation, setGeneration] = useState(0);
  // Inputs are small plain objects; comparing their JSON keeps callers free of memoisation.
  const inputKey = JSON.stringify(input);
  const key = `${channel}#${inputKey}#${generation}`;
  const [answer, setAnswer] = useState<Answer<RequestResults[C]> | null>(null);

  useEffect(() => {
    let current = true;
    void api.request(channel, JSON.parse(inputKey) as RequestInput<C>).then((result) => {
      if (!current) return;
      setAnswer((previous) => (result.ok ? { key, value: result.value, error: null } : { key, value: previous?.value ?? null, error: result.error }));
    });
    return () => {
      current = false;
    };
  }, [api, channel, inputKey, key]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setValue = useCallback(
    (next: RequestResults[C] | ((previous: RequestResults[C] | null) => RequestResults[C])) =>
      setAnswer((previous) => ({
        key: previous?.key ?? '',
        value: typeof next === 'function' ? (next as (value: RequestResults[C] | null) => RequestResults[C])(previous?.value ?? null) : next,
        error: null,
      })),
    [],
  );
  return { value: answer?.value ?? null, error: answer?.error ?? null, loading: answer?.key !== key, reload, setValue };
}
