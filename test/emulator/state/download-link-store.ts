import { randomBase64Url } from '../ids.js';

/**
 * Pre-authenticated download URLs (`@microsoft.graph.downloadUrl`, the target of `/content`'s
 * 302): a short-lived `tempauth` token names one drive item, no bearer token needed.
 */

export interface DownloadLink {
  readonly token: string;
  readonly driveId: string;
  readonly itemId: string;
  readonly expiresAt: Date;
}

export class DownloadLinkStore {
  private readonly links = new Map<string, DownloadLink>();

  mint(driveId: string, itemId: string, expiresAt: Date): DownloadLink {
    // Every GET mints a fresh URL, so forget expired ones rather than let the map grow.
    for (const [token, link] of this.links) if (link.expiresAt.getTime() < expiresAt.getTime() - DOWNLOAD_LINK_LIFETIME_MS) this.links.delete(token);
    const link: DownloadLink = { token: randomBase64Url(48), driveId, itemId, expiresAt };
    this.links.set(link.token, link);
    return link;
  }

  get(token: string): DownloadLink | undefined {
    return this.links.get(token);
  }

  clear(): void {
    this.links.clear();
  }
}

/** Graph documents "a few minutes". Judged by the emulator clock, so advancing it kills old links. */
export const DOWNLOAD_LINK_LIFETIME_MS = 10 * 60 * 1000;
