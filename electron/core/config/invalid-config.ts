/**
 * The error of a config.json that is not valid; apart from config-store.ts so code without zod can throw it.
 */
import { DelegateError } from '../errors/delegate-error.js';

export function invalidConfig(path: string, problems: string[]): DelegateError {
  return new DelegateError({
    code: 'invalid-config',
    message: `The configuration file ${path} is not valid:\n  ${problems.join('\n  ')}`,
    action: `Fix or remove the lines named above in ${path} (or remove the file to start again with no profiles).`,
  });
}
