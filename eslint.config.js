// Lint enforces the layering of STYLE.md: shared/ and electron/core/ never import Electron,
// shared/ imports no Node built-ins either, and the renderer sees neither Node nor Electron.
// Only electron/shell imports Electron at all, and only its ipc-main.ts and preload.ts touch raw IPC.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const electronBan = {
  name: 'electron',
  message: 'electron/core and shared must run under plain Node: keep Electron in electron/shell.',
};
const electronOutsideShellBan = {
  name: 'electron',
  message: 'Only the thin shell imports Electron: keep Electron in electron/shell (tests mock it with vi.mock).',
};
// GitHub Desktop's rule: one file per side speaks IPC, so every channel goes through the typed contract.
const rawIpcBan = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC lives in electron/shell/ipc-main.ts (main) and electron/shell/preload.ts (renderer) only.',
};
const nodeBuiltinBan = {
  group: ['node:*'],
  message: 'shared/ is plain data and types, loaded by every runtime including the renderer.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tools/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    ignores: ['electron/shell/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOutsideShellBan] }] },
  },
  {
    files: ['electron/shell/**'],
    ignores: ['electron/shell/ipc-main.ts', 'electron/shell/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpcBan] }] },
  },
  {
    files: ['electron/core/**', 'electron/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan] }] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [nodeBuiltinBan] }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: it reaches main only through window.delegate, read in renderer/ipc.' }],
          patterns: [
            { group: ['node:*', 'fs', 'path', 'child_process'], message: 'The renderer is sandboxed: use the preload API through renderer/ipc.' },
            { group: ['**/electron/**'], message: 'The renderer talks to main only through the IPC contract in shared/ipc, never by importing electron/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/ipc/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'window', property: 'delegate', message: 'Only renderer/ipc reads the preload API: use useApi(), useRequest() or useEvent().' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
