/**
 * The profile's scopes a token does not carry: compared by permission name, case-insensitively (Entra writes
 * `scp` in its own casing and without the resource prefix national clouds need in requests), leaving out the
 * OpenID scopes, which never appear in `scp`.
 */
const NOT_IN_SCP = new Set(['openid', 'profile', 'email', 'offline_access']);

export function permissionName(scope: string): string {
  const slash = scope.lastIndexOf('/');
  return (scope.includes('://') && slash >= 0 ? scope.slice(slash + 1) : scope).toLowerCase();
}

export function missingScopes(requested: readonly string[], granted: readonly string[]): string[] {
  const have = new Set(granted.map(permissionName));
  return requested.filter((scope) => {
    const name = permissionName(scope);
    return !NOT_IN_SCP.has(name) && name !== '.default' && !have.has(name);
  });
}
