/**
 * The main process's entry point (bundled to dist/shell/main.cjs, package.json's "main").
 */
import { app, dialog } from 'electron';
import { startDelegateApp } from './main.js';

startDelegateApp().catch((error: unknown) => {
  dialog.showErrorBox('Delegate cannot start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
