/**
 * Rejects scope names Microsoft Graph does not have before anything is sent to Entra ID, with a suggestion.
 */
import { DelegateError } from '../errors/delegate-error.js';
import { validateScopes } from '../../../shared/scopes.js';

export function checkScopes(scopes: readonly string[]): string[] {
  const result = validateScopes(scopes);
  if (result.ok) return result.scopes;
  const first = result.problems[0];
  throw new DelegateError({
    code: 'invalid-scope',
    message: result.problems.map((problem) => problem.message).join('\n'),
    action: first?.suggestion
      ? `Use "${first.suggestion}" instead. The full list of permission names is at https://learn.microsoft.com/graph/permissions-reference.`
      : 'Check the names against https://learn.microsoft.com/graph/permissions-reference.',
  });
}
