/**
 * The Microsoft clouds Delegate can sign in to.
 *
 * Each national cloud has its own sign-in host and its own Graph host; scope names for a national
 * cloud's Graph must be qualified with that cloud's Graph resource. `custom` takes any authority and
 * Graph URL (and an extra CA file), which is how the local emulator is reached.
 */
export const CLOUD_NAMES = ['global', 'usgov', 'usgov-dod', 'china', 'custom'] as const;

export type CloudName = (typeof CLOUD_NAMES)[number];

export interface CloudEndpoints {
  /** Display name for people. */
  label: string;
  /** e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** The Graph endpoint requests go to, e.g. https://graph.microsoft.com */
  graphBaseUrl: string;
  /** The Graph resource scopes are qualified with; null where short names are Graph's (global). */
  graphResource: string | null;
}

export const KNOWN_CLOUDS: Readonly<Record<Exclude<CloudName, 'custom'>, CloudEndpoints>> = {
  global: {
    label: 'Global (Microsoft 365)',
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: 'https://graph.microsoft.com',
    graphResource: null,
  },
  usgov: {
    label: 'US Government (GCC High)',
    authorityHost: 'https://login.microsoftonline.us',
    graphBaseUrl: 'https://graph.microsoft.us',
    graphResource: 'https://graph.microsoft.us',
  },
  'usgov-dod': {
    label: 'US Government DoD',
    authorityHost: 'https://login.microsoftonline.us',
    graphBaseUrl: 'https://dod-graph.microsoft.us',
    graphResource: 'https://dod-graph.microsoft.us',
  },
  china: {
    label: 'China (21Vianet)',
    authorityHost: 'https://login.chinacloudapi.cn',
    graphBaseUrl: 'https://microsoftgraph.chinacloudapi.cn',
    graphResource: 'https://microsoftgraph.chinacloudapi.cn',
  },
};
