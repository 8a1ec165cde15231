#!/usr/bin/env node
'use strict';
// Launcher for the `delegate` CLI: checks the Node version, then loads the bundled CLI from dist/.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`delegate: needs Node.js 22.12 or newer (this is ${process.version}).\n  What to do: run scripts/setup.sh, which installs one into .tools/, or put a newer node first on PATH.\n`);
  process.exit(2);
}
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
