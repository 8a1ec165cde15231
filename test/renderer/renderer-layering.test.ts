import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
const lint = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]?.messages.map((message) => message.message) ?? [];

describe('the renderer’s lint', () => {
  it('refuses Node built-ins, Electron and anything under electron/', async () => {
    const messages = await lint(
      'renderer/app/x.ts',
      "import { readFileSync } from 'node:fs';\nimport { ipcRenderer } from 'electron';\nimport { systemClock } from '../../electron/core/clock.js';\nexport const a = [readFileSync, ipcRenderer, systemClock];\n",
    );
    expect(messages).toContainEqual(expect.stringContaining('use the preload API through renderer/ipc'));
    expect(messages).toContainEqual(expect.stringContaining('reaches main only through window.delegate'));
    expect(messages).toContainEqual(expect.stringContaining('never by importing electron/'));
  });

  it('lets only renderer/ipc read window.delegate', async () => {
    expect(await lint('renderer/jobs/x.ts', 'export const api = window.delegate;\n')).toContainEqual(expect.stringContaining('Only renderer/ipc reads the preload API'));
    expect(await lint('renderer/ipc/x.ts', 'export const api = window.delegate;\n')).toEqual([]);
  });
});
