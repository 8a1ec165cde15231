'use strict';
/**
 * A stand-in Electron runtime for running the built main process (dist/shell/main.cjs) under plain Node:
 * `node -r <this file> dist/shell/main.cjs …` then gets an `electron` module that does what a CLI run needs
 * (app.getPath, exit, dock, hardware acceleration) and stops with "APP MODE: <what>" on stderr (exit 90) at the
 * first thing only the desktop app does — so a test can tell which way the binary went.
 * Behaves like an unpackaged app (`electron . …`): the marker is read after argv[1].
 */
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');

function appMode(what) {
  process.stderr.write(`APP MODE: ${what}\n`);
  process.exit(90);
}

const known = {
  isPackaged: false,
  dock: undefined,
  disableHardwareAcceleration() {},
  getPath(name) {
    if (name !== 'appData') throw new Error(`electron stub: no path ${name}`);
    return process.env.STUB_APP_DATA || path.join(os.homedir(), '.config');
  },
  setPath() {},
  exit(code) {
    process.exit(code);
  },
};
const app = new Proxy(known, {
  get(target, property) {
    if (Object.hasOwn(target, property)) return target[property];
    return () => appMode(`app.${String(property)}`);
  },
});
const electron = new Proxy(
  { app, dialog: { showErrorBox: (title, message) => appMode(`${title}: ${message}`) } },
  {
    get(target, property) {
      if (Object.hasOwn(target, property)) return target[property];
      return new Proxy({}, { get: (_target, member) => () => appMode(`${String(property)}.${String(member)}`) });
    },
  },
);

const stubPath = path.join(__dirname, 'electron-stub-module.cjs');
require.cache[stubPath] = Object.assign(new Module(stubPath), { filename: stubPath, loaded: true, exports: electron });
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveElectron(request, ...rest) {
  return request === 'electron' ? stubPath : resolve.call(this, request, ...rest);
};
