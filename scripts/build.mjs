// Bundles the CLI with esbuild: ESM with code splitting, so each command loads what it needs and only the
// commands that need msal-node pay for it; and `delegate token`'s fast entry alone, as one small CommonJS file
// (dist/cli/token.cjs: no zod, no msal) that bin/delegate.cjs requires first. Native and msal-node-extensions
// stay external (native addons).
// Then the desktop app's main process and preload (CommonJS, as Electron's sandboxed preload requires).
import { build } from 'esbuild';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
/**
 * msal-node as a public client needs: jsonwebtoken (only a confidential client's certificate assertion uses it)
 * is replaced by electron/core/auth/bundle-stand-ins/jsonwebtoken.ts, and msal-node's own modules are declared free
 * of load-time side effects (they are: classes, constants, functions) so the confidential and managed-identity
 * clients Delegate never constructs are left out. Each bundle loads less and sooner; test/cli/bundle-contents.test.ts
 * checks both.
 */
const publicClientMsal = {
  name: 'public-client-msal',
  setup(esbuild) {
    const standIn = fileURLToPath(new URL('../electron/core/auth/bundle-stand-ins/jsonwebtoken.ts', import.meta.url));
    esbuild.onResolve({ filter: /^jsonwebtoken$/ }, () => ({ path: standIn }));
    esbuild.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'public-client-msal' || !/[\\/]node_modules[\\/]@azure[\\/]msal-node[\\/]/.test(args.importer) || !args.path.startsWith('.')) return undefined;
      const resolved = await esbuild.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'public-client-msal' });
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path, sideEffects: false };
    });
  },
};
rmSync(new URL('../dist/cli', import.meta.url), { recursive: true, force: true });
await build({
  // entry.ts runs main.ts's main(); the output keeps the name bin/delegate.cjs loads.
  entryPoints: { main: 'electron/cli/entry.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: 'linked',
  external: ['@azure/msal-node-extensions', 'keytar'],
  plugins: [publicClientMsal],
  define: { 'process.env.DELEGATE_VERSION': JSON.stringify(pkg.version) },
  // esbuild's ESM output needs a `require` for the CommonJS parts of bundled packages.
  banner: { js: "import { createRequire as __delegateCreateRequire } from 'node:module'; const require = __delegateCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
// CommonJS: one require of one file is the cheapest start there is; a cached `delegate token` needs nothing else.
const tokenCommon = {
  outdir: 'dist/cli',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: 'linked',
  plugins: [publicClientMsal],
  define: { 'process.env.DELEGATE_VERSION': JSON.stringify(pkg.version), 'import.meta.url': '__delegateImportMetaUrl' },
  banner: { js: "const __delegateImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
};
// msal-node and zod named external only so that any import of them here fails the cached path's tests loudly.
await build({ ...tokenCommon, entryPoints: { token: 'electron/cli/token-entry.ts' }, external: ['@azure/msal-node-extensions', '@azure/msal-node', 'zod', 'keytar'] });
// The rest of `delegate token` (a refresh, --json, errors), also one CommonJS file.
await build({ ...tokenCommon, entryPoints: { 'token-full': 'electron/cli/token-full-entry.ts' }, external: ['@azure/msal-node-extensions', 'keytar'] });

// The Electron shell: the main process (dist/shell/main.cjs, package.json's "main") and the preload. CommonJS:
// a sandboxed preload must be, and the main process then shares its format. `electron` comes from the runtime;
// the native addons stay in node_modules (asar-unpacked when packaged). Not minified: startup cost is one file
// read, and readable output keeps stack traces and the electronegativity review (test/shell) meaningful.
rmSync(new URL('../dist/shell', import.meta.url), { recursive: true, force: true });
const shellCommon = {
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  external: ['electron'],
  plugins: [publicClientMsal],
  define: { 'process.env.DELEGATE_VERSION': JSON.stringify(pkg.version) },
  logLevel: 'warning',
};
await build({
  ...shellCommon,
  entryPoints: { main: 'electron/shell/start.ts' },
  outdir: 'dist/shell',
  outExtension: { '.js': '.cjs' },
  platform: 'node',
  target: 'node22',
  external: ['electron', '@azure/msal-node-extensions', 'keytar'],
  // The CLI runs inside the app too (`delegate` on PATH, electron/shell/cli-in-app.ts); its ESM code reads
  // import.meta.url (createRequire for keytar), which CommonJS lacks: give it this file's URL.
  define: { ...shellCommon.define, 'import.meta.url': '__delegateImportMetaUrl' },
  banner: { js: "const __delegateImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...shellCommon,
  entryPoints: { preload: 'electron/shell/preload.ts' },
  outdir: 'dist/shell',
  outExtension: { '.js': '.cjs' },
  // The sandboxed preload gets a browser-like environment with a `require` for a few Electron modules only.
  platform: 'browser',
  target: 'chrome130',
});
// Tray icons and the window icon travel with the bundle (build/make-icons.ts draws them).
cpSync(new URL('../build/tray', import.meta.url), new URL('../dist/shell/tray', import.meta.url), { recursive: true });
cpSync(new URL('../build/icons/256x256.png', import.meta.url), new URL('../dist/shell/icon.png', import.meta.url));
