/**
 * `delegate exec`: placeholder registered on main so the command table does not conflict; its owner replaces it.
 */
import { DelegateError } from '../../core/errors/delegate-error.js';
import type { CliIo } from '../cli-io.js';

export async function runExec(_args: string[], _io: CliIo): Promise<number> {
  throw new DelegateError({ code: 'unexpected', message: 'exec: not built yet.', action: 'Use a newer Delegate.' });
}
