/**
 * A tiny method + path router. Patterns are regular expressions whose named groups become params,
 * so a route reads like the URL it serves.
 */

export type RouteParams = Readonly<Record<string, string>>;

export interface Route<Handler> {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handler: Handler;
}

export type RouteMatch<Handler> =
  | { readonly kind: 'found'; readonly handler: Handler; readonly params: RouteParams }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

export class Router<Handler> {
  private readonly routes: Route<Handler>[] = [];

  on(method: string, pattern: RegExp, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), pattern, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch<Handler> {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      if (route.method !== method.toUpperCase()) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      for (const [name, value] of Object.entries(found.groups ?? {})) {
        if (value !== undefined) params[name] = decodeURIComponent(value);
      }
      return { kind: 'found', handler: route.handler, params };
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}
