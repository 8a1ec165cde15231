/**
 * A promise that gives up after a while: every doctor check is bounded, so a dead network or a hung keychain
 * ends in "timed out" lines instead of a doctor that never finishes.
 */

export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
  constructor(readonly ms: number) {
    super(`no answer within ${formatSeconds(ms)}`);
  }
}

/** Resolves or rejects as `work` does, or rejects with DeadlineExceeded after `ms`; `onTimeout` may clean up. */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new DeadlineExceeded(ms));
    }, ms);
    // A check left behind must not keep the CLI alive: the report is already written.
    timer.unref();
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
    // The abandoned work's late failure must not surface as an unhandled rejection.
    work.catch(() => undefined);
  }
}

export function formatSeconds(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
