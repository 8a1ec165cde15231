/**
 * A RunPager for the current filter, kept current by `run:updated`, as React state.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useApi } from '../ipc/api-context.js';
import { useEvent } from '../ipc/use-event.js';
import { RunPager, type PagerSnapshot } from './run-pager.js';
import type { HistoryFilter } from './run-rows.js';

export function useRunPager(filter: HistoryFilter): { pager: RunPager; snapshot: PagerSnapshot } {
  const api = useApi();
  // The key stands for the filter's content, so a re-render with an equal filter keeps its pager.
  const key = JSON.stringify([filter.jobId, filter.statuses]);
  const [current, setCurrent] = useState(() => ({ key, pager: new RunPager((query) => api.request('history:query', query), filter) }));
  if (current.key !== key) setCurrent({ key, pager: new RunPager((query) => api.request('history:query', query), filter) });
  const pager = current.pager;

  useEffect(() => {
    pager.start();
    return () => pager.stop();
  }, [pager]);

  useEvent('run:updated', (run) => pager.applyUpdate(run));
  const snapshot = useSyncExternalStore(pager.subscribe, pager.getSnapshot);
  return { pager, snapshot };
}
