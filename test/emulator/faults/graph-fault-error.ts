import { graphErrors, type GraphErrorSpec } from '../graph/graph-error.js';
import { throttledError, type GraphWorkload } from '../graph/graph-workload.js';
import type { QueuedFault } from '../state/fault-store.js';

/**
 * The Graph error a queued fault answers with, in the words of the service behind the path
 * (429 from Exchange, SharePoint or Graph itself); undefined for a fault that only delays or
 * resets. Shared by whole requests and `$batch` items.
 */
export function graphFaultError(fault: QueuedFault, workload: GraphWorkload): GraphErrorSpec | undefined {
  if (fault.status === 429) return throttledError(workload, fault.retryAfter);
  if (fault.status !== undefined && fault.error === undefined) return graphErrors.serviceError(fault.status, fault.retryAfter);
  if (fault.error !== undefined) {
    return {
      status: fault.status ?? (fault.error === 'InvalidAuthenticationToken' ? 401 : 400),
      code: fault.error,
      message: 'Injected fault.',
      headers: fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) },
    };
  }
  return undefined;
}
