import { graphErrors, type GraphErrorSpec } from '../graph-error.js';

/**
 * The OData system query options the emulator honours: `$top`, `$skip`, `$select`, `$filter`,
 * `$orderby`, `$expand`, `$skiptoken`. As on Graph v1.0 the `$` may be left out.
 */

export interface QueryOptions {
  readonly top: number | undefined;
  readonly skip: number;
  readonly select: readonly string[] | undefined;
  readonly filter: string | undefined;
  readonly orderby: string | undefined;
  readonly expand: readonly string[] | undefined;
  readonly skiptoken: string | undefined;
}

function option(url: URL, name: string): string | undefined {
  return url.searchParams.get(`$${name}`) ?? url.searchParams.get(name) ?? undefined;
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

export function readQueryOptions(url: URL, maxTop: number): { readonly ok: true; readonly options: QueryOptions } | { readonly ok: false; readonly error: GraphErrorSpec } {
  const topText = option(url, 'top');
  const skipText = option(url, 'skip');
  const top = topText === undefined ? undefined : Number(topText);
  const skip = skipText === undefined ? 0 : Number(skipText);
  if (top !== undefined && (!Number.isInteger(top) || top < 1 || top > maxTop)) {
    return { ok: false, error: graphErrors.badRequest(`Invalid value '${topText ?? ''}' for $top: this API accepts 1 to ${maxTop}.`) };
  }
  if (!Number.isInteger(skip) || skip < 0) return { ok: false, error: graphErrors.badRequest(`Invalid value '${skipText ?? ''}' for $skip.`) };
  return {
    ok: true,
    options: {
      top,
      skip,
      select: list(option(url, 'select')),
      filter: option(url, 'filter'),
      orderby: option(url, 'orderby'),
      expand: list(option(url, 'expand')),
      skiptoken: option(url, 'skiptoken'),
    },
  };
}

/** `$select`: the named properties plus the ones Graph always keeps (`id`, OData annotations). */
export function applySelect(entity: Record<string, unknown>, select: readonly string[] | undefined): Record<string, unknown> {
  if (select === undefined) return entity;
  const wanted = new Set(select.map((name) => name.toLowerCase()));
  return Object.fromEntries(Object.entries(entity).filter(([key]) => key === 'id' || key.startsWith('@odata.') || wanted.has(key.toLowerCase())));
}
