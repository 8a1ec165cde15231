/**
 * Server-driven paging: a page of the results and, when more remain, an `@odata.nextLink` that
 * repeats the request with `$skip` moved on. The link is opaque to clients (Graph warns not to
 * build it yourself); its query is percent-encoded (`%24skip`) as Graph's is.
 */

export interface Page<Item> {
  readonly items: Item[];
  readonly nextLink: string | undefined;
}

export function pageOf<Item>(all: readonly Item[], requestUrl: URL, skip: number, pageSize: number): Page<Item> {
  const items = all.slice(skip, skip + pageSize);
  if (skip + pageSize >= all.length) return { items, nextLink: undefined };
  const next = new URL(requestUrl.href);
  next.searchParams.delete('skip');
  next.searchParams.set('$skip', String(skip + pageSize));
  return { items, nextLink: next.href };
}
