'use strict';
/**
 * Finds a Node.js new enough for Delegate (22.12+, for node:sqlite and the build tools).
 *
 * Plain CommonJS that parses on any old Node, because its whole job is to run there: when the machine's Node is
 * older, scripts/setup.sh puts a project-local Node in `.tools/`, and the launcher and the npm scripts hand over
 * to it, so `npx delegate`, `npm link` and `npm run …` work as written without touching the machine's PATH.
 */
const fs = require('node:fs');
const path = require('node:path');

const MINIMUM = [22, 12];
const ROOT = path.join(__dirname, '..');

function isNewEnough(version) {
  const [major, minor] = String(version).replace(/^v/, '').split('.').map(Number);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

/** The project-local Node from scripts/setup.sh, if there is one. */
function projectNode() {
  const binary = path.join(ROOT, '.tools', 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  return fs.existsSync(binary) ? binary : undefined;
}

/**
 * Runs a child and makes this process end the way the child did: its exit code, or the same signal.
 * Signals sent to this process alone (a service manager's SIGTERM, SIGHUP for a reload) are passed on.
 */
function runAsChild(command, args, options) {
  const { spawn } = require('node:child_process');
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  const forwarded = ['SIGTERM', 'SIGINT', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  for (const signal of forwarded) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`delegate: could not start ${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const name of forwarded) process.off(name, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code === null ? 1 : code);
  });
}

const TOO_OLD_ACTION = 'run scripts/setup.sh in the Delegate checkout (it installs Node 22 into .tools/), or put Node 22.12 or newer first on PATH';

module.exports = { MINIMUM, ROOT, isNewEnough, projectNode, runAsChild, TOO_OLD_ACTION };
