// Lint enforces the layering of STYLE.md: shared/ and electron/core/ never import Electron,
// shared/ imports no Node built-ins either, and the renderer sees neither Node nor Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronBan = {
  name: 'electron',
  message: 'electron/core and shared must run under plain Node: keep Electron in electron/shell.',
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
        { paths: [electronBan], patterns: [{ group: ['node:*', 'fs', 'path', 'child_process'], message: 'The renderer is sandboxed: use the preload API through renderer/ipc.' }] },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
