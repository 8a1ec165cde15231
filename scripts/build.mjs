// Bundles the CLI with esbuild: ESM with code splitting, so `delegate token` loads one small chunk and only
// the commands that need msal-node pay for it. Native and msal-node-extensions stay external (native addons).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist/cli', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'electron/cli/main.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: 'linked',
  external: ['@azure/msal-node-extensions', 'keytar'],
  define: { 'process.env.DELEGATE_VERSION': JSON.stringify(pkg.version) },
  // esbuild's ESM output needs a `require` for the CommonJS parts of bundled packages.
  banner: { js: "import { createRequire as __delegateCreateRequire } from 'node:module'; const require = __delegateCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
