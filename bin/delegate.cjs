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
  const { pathToFileURL } = require('node:url');
  const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
  import(pathToFileURL(entry).href).catch((error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry)) {
      process.stderr.write('delegate: the CLI is not built yet.\n  What to do: run `npm run build` (or scripts/setup.sh) in the Delegate checkout.\n');
    } else {
      process.stderr.write(`delegate: ${error && error.stack ? error.stack : error}\n`);
    }
    process.exit(1);
  });
}
