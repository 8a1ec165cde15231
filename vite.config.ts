// The renderer's build. `vite build` writes the production window to dist/renderer/ (relative asset paths, so it
// loads from a file:// or custom-protocol URL); `vite build --mode dev-harness` writes the fake-API harness
// (renderer/dev.html) to dist/renderer-dev/ for screenshots. `vite` serves both for development.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/shell/renderer-location.js';

/**
 * Puts the window's Content-Security-Policy into the built HTML as a <meta>: a file:// page gets no response
 * headers, so the meta is what applies there. Build only: the dev server's React refresh needs an inline script.
 * `frame-ancestors` is left out because browsers ignore it (with a warning) in a <meta>.
 */
function contentSecurityPolicyMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'delegate-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig(({ mode }) => {
  const harness = mode === 'dev-harness';
  return {
    root: 'renderer',
    base: './',
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      outDir: harness ? '../dist/renderer-dev' : '../dist/renderer',
      emptyOutDir: true,
      target: 'es2023',
      sourcemap: true,
      // Electron's Chromium has modulepreload; the polyfill would only add code.
      modulePreload: { polyfill: false },
      rollupOptions: { input: harness ? 'renderer/dev.html' : 'renderer/index.html' },
    },
  };
});
