import { describe, expect, it } from 'vitest';
import { allowedResources, canonicalResource, matchResource } from '../../../electron/core/broker/broker-resources.js';

const GRAPH = 'https://graph.microsoft.com';
const SHAREPOINT = 'https://contoso.sharepoint.com';

describe('the resources a script’s broker serves', () => {
  it('are Graph and the profile’s extra resources when the job says nothing', () => {
    expect(allowedResources(GRAPH, [SHAREPOINT], undefined)).toEqual([
      { resource: GRAPH, graph: true },
      { resource: SHAREPOINT, graph: false },
    ]);
  });

  it('are exactly the job’s list when it gives one, with graph meaning the profile’s cloud’s Graph', () => {
    expect(allowedResources('https://graph.microsoft.us', [SHAREPOINT], { resources: ['graph'] })).toEqual([{ resource: 'https://graph.microsoft.us', graph: true }]);
    expect(allowedResources(GRAPH, [], { resources: [SHAREPOINT] })).toEqual([{ resource: SHAREPOINT, graph: false }]);
  });

  it('are none with broker: false', () => {
    expect(allowedResources(GRAPH, [SHAREPOINT], false)).toEqual([]);
  });

  it('match Graph asked for as a resource, with a trailing slash, or as its .default scope', () => {
    const allowed = allowedResources(GRAPH, [], undefined);
    for (const asked of [GRAPH, `${GRAPH}/`, `${GRAPH}/.default`, 'https://GRAPH.microsoft.com/.default']) {
      expect(matchResource(allowed, asked), asked).toEqual({ resource: GRAPH, graph: true });
    }
  });

  it('do not match a permission scope, another host, plain http or a URL with a query', () => {
    const allowed = allowedResources(GRAPH, [SHAREPOINT], undefined);
    for (const asked of [`${GRAPH}/User.Read`, 'https://graph.microsoft.com.evil.example', 'http://graph.microsoft.com', `${GRAPH}?x=1`, 'https://management.azure.com', 'graph', '']) {
      expect(matchResource(allowed, asked), asked).toBeNull();
    }
  });

  it('name a resource in one canonical form', () => {
    expect(canonicalResource('https://Contoso.SharePoint.com/')).toBe(SHAREPOINT);
    expect(canonicalResource('not a url')).toBeNull();
  });
});
