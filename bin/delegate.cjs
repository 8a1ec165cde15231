#!/usr/bin/env node
'use strict';
// Launcher for the `delegate` CLI: makes sure a new enough Node runs it, then loads the bundled CLI from dist/.
const { isNewEnough, projectNode, runAsChild, TOO_OLD_ACTION } = require('./node-runtime.cjs');
if (!isNewEnough(process.versions.node)) {
  // An older machine Node (npx, npm link, a plain `delegate` on PATH): hand over to the project's own Node.
  const node = projectNode();
  if (!node) {
    process.stderr.write(`delegate: needs Node.js 22.12 or newer (this is ${process.version}).\n  What to do: ${TOO_OLD_ACTION}.\n`);
    process.exit(2);
  }
  runAsChild(node, [__filename, ...process.argv.slice(2)]);
} else {
  const path = require('node:path');
  const dist = path.join(__dirname, '..', 'dist', 'cli');
  enableCompileCache();
  if (process.argv[2] === 'token') serveToken();
  else runCli();

  /** The whole CLI (ESM, split so each command loads what it needs). */
  function runCli() {
    const entry = path.join(dist, 'main.js');
    import(require('node:url').pathToFileURL(entry).href).catch((error) => {
      if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry)) {
        process.stderr.write('delegate: the CLI is not built yet.\n  What to do: run `npm run build` (or scripts/setup.sh) in the Delegate checkout.\n');
      } else {
        process.stderr.write(`delegate: ${error && error.stack ? error.stack : error}\n`);
      }
      process.exit(1);
    });
  }

  /**
   * `delegate token`, which scripts call in loops: first the one small CommonJS file that serves a still-valid
   * cached token (electron/cli/token-entry.ts); whatever it leaves alone (a refresh, --json, any problem) the
   * command does as the whole CLI would (electron/cli/token-full-entry.ts, the same code in one CommonJS file).
   */
  function serveToken() {
    let fast;
    try {
      fast = require(path.join(dist, 'token.cjs'));
    } catch {
      return runCli(); // not built (runCli says so), or a build from before token.cjs
    }
    fast.serveCachedToken(process.argv.slice(3)).then(
      ({ outcome, keychainRead }) => (outcome === 'answered' ? process.exitCode ?? 0 : runTokenCommand(outcome === 'not-cached' ? { cacheRead: true, keychainRead } : {})),
      () => runTokenCommand({}),
    ).then(
      // Exit once stdout is out: msal's loopback server or a keychain handle must not keep a finished command alive.
      (code) => {
        process.exitCode = code;
        process.stdout.write('', () => process.exit(code));
      },
      (error) => {
        process.stderr.write(`delegate: ${error && error.stack ? error.stack : error}\n`);
        process.exit(1);
      },
    );
  }

  /** The rest of `delegate token`, as the whole CLI runs it, from its own CommonJS file. */
  function runTokenCommand(options) {
    return require(path.join(dist, 'token-full.cjs')).runTokenCommand(process.argv.slice(3), options);
  }

  /**
   * V8's compiled code kept between runs (Node 22.1+), in the OS cache folder: a cold `delegate token` then
   * skips most of its parsing and compiling. Where that folder cannot be written there is simply no cache.
   */
  function enableCompileCache() {
    const { enableCompileCache: enable } = require('node:module');
    if (typeof enable !== 'function') return;
    try {
      enable(path.join(cacheFolder(), 'delegate', 'compile-cache'));
    } catch {
      // no cache, same behaviour
    }
  }

  function cacheFolder() {
    const home = require('node:os').homedir();
    if (process.platform === 'win32') return process.env.LOCALAPPDATA || path.join(home, 'AppData', 'Local');
    if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches');
    return process.env.XDG_CACHE_HOME || path.join(home, '.cache');
  }
}
