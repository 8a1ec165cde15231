/**
 * The main process's entry point (bundled to dist/shell/main.cjs, package.json's "main"): the desktop app, or the
 * `delegate` CLI when a launcher started the binary with the CLI marker (boot.ts).
 */
import { boot } from './boot.js';

void boot();
