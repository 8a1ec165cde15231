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

// One argument is a command line for the shell (`"vite build && tsx x.ts"`); npm appends the person's arguments
// (`npm run x -- --port 0`) after it, and so, as npm itself would, they go to the end of that line, quoted.
// Several arguments without shell syntax in the first are one command and its arguments, run directly.
const [first, ...rest] = process.argv.slice(2);
if (!first) {
  process.stderr.write('usage: node scripts/with-node.cjs "COMMAND LINE" [ARG...] | COMMAND [ARG...]\n');
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
const isCommandLine = /\s/.test(first);
if (rest.length === 0 || isCommandLine || process.platform === 'win32') runAsChild([isCommandLine ? first : shellQuote(first), ...rest.map(shellQuote)].join(' '), [], { shell: true, env });
else runAsChild(first, rest, { env });

/** One argument as the shell reads it back unchanged: cmd.exe's double quotes on Windows, single quotes elsewhere. */
function shellQuote(arg) {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  if (process.platform === 'win32') return `"${arg.replace(/"/g, '""')}"`;
  return `'${arg.replace(/'/g, "'\\''")}'`;
}
