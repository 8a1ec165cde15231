/**
 * Where the window's page comes from, and which URLs are Delegate's own.
 *
 * Packaged (and `npm start`): `dist/renderer/index.html` beside this bundle. In development a Vite dev server
 * may be named by DELEGATE_DEV_SERVER_URL — only when the app is not packaged, and only on loopback.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The window's Content-Security-Policy (the renderer's index.html carries the same as a <meta>). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface RendererLocation {
  /** What the window loads. */
  url: string;
  /** Present when the page comes from a dev server: its origin. */
  devServerOrigin: string | null;
}

export function rendererIndexPath(bundleDir: string): string {
  return join(bundleDir, '..', 'renderer', 'index.html');
}

export function rendererLocation(bundleDir: string, options: { isPackaged: boolean; devServerUrl?: string | undefined }): RendererLocation {
  const dev = options.isPackaged ? null : loopbackOrigin(options.devServerUrl);
  if (dev) return { url: `${dev}/`, devServerOrigin: dev };
  return { url: pathToFileURL(rendererIndexPath(bundleDir)).href, devServerOrigin: null };
}

/** True for the app's own page: the index file itself (any #route or ?query), or the dev server's origin. */
export function isAppUrl(raw: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (location.devServerOrigin) return url.origin === location.devServerOrigin;
  const own = new URL(location.url);
  return url.protocol === 'file:' && url.pathname === own.pathname && url.host === own.host;
}

/** Same page, only the route differs: navigation the window may do. */
export function isSamePage(raw: string, current: string): boolean {
  try {
    const target = new URL(raw);
    const here = new URL(current);
    target.hash = '';
    here.hash = '';
    return target.href === here.href;
  } catch {
    return false;
  }
}

function loopbackOrigin(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null;
    return url.origin;
  } catch {
    return null;
  }
}
