#!/usr/bin/env node
'use strict';
/**
 * Runs an npm script's command line with Node >= 22.12 first on PATH: the machine's own where it is new enough,
 * else the project-local one from scripts/setup.sh. Every npm script that needs Node goes through this, so
 * `npm run window`, `npm start` and the rest work as written where npm itself runs on an older Node.
 * Plain CommonJS without bash, so it works from npm on Windows as well.
 */
const path = require('node:path');
const { isNewEnough, projectNode, runAsChild, TOO_OLD_ACTION } = require('../bin/node-runtime.cjs');

// One argument is a whole command line (`"vite build && tsx x.ts"`) for the shell; several are one command and its
// arguments (npm appends the person's `-- --port 0`), passed on as they are.
const [first, ...rest] = process.argv.slice(2);
if (!first) {
  process.stderr.write('usage: node scripts/with-node.cjs "COMMAND LINE" | COMMAND [ARG...]\n');
  process.exit(2);
}
let node = process.execPath;
if (!isNewEnough(process.versions.node)) {
  node = projectNode();
  if (!node) {
    process.stderr.write(`Delegate needs Node.js 22.12 or newer (this is ${process.version}).\n  What to do: ${TOO_OLD_ACTION}.\n`);
    process.exit(2);
  }
}
const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
if (rest.length === 0) runAsChild(first, [], { shell: true, env });
// Windows starts tools through .cmd shims, which need cmd.exe; POSIX runs the command directly.
else if (process.platform === 'win32') runAsChild([first, ...rest].map((arg) => (/[\s"]/.test(arg) ? `"${arg.replace(/"/g, '""')}"` : arg)).join(' '), [], { shell: true, env });
else runAsChild(first, rest, { env });
