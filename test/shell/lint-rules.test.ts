import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
const lint = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]?.messages.map((message) => message.message) ?? [];

describe('the shell\'s lint rules', () => {
  it('refuse raw ipcMain and ipcRenderer outside ipc-main.ts and preload.ts', async () => {
    expect(await lint('electron/shell/tray.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n")).toContainEqual(expect.stringContaining('Raw IPC lives in electron/shell/ipc-main.ts'));
    expect(await lint('electron/shell/main.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toContainEqual(expect.stringContaining('Raw IPC lives in'));
    expect(await lint('electron/shell/ipc-main.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n")).toEqual([]);
    expect(await lint('electron/shell/preload.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toEqual([]);
  });

  it('let the rest of the shell import the other Electron modules', async () => {
    expect(await lint('electron/shell/tray.ts', "import { Tray } from 'electron';\nexport const a = Tray;\n")).toEqual([]);
  });

  it('refuse Electron anywhere outside electron/shell, tests and scripts included', async () => {
    for (const file of ['test/shell/x.test.ts', 'scripts/x.mjs', 'build/x.ts', 'electron/cli/x.ts', 'renderer/x.ts']) {
      expect(await lint(file, "import { app } from 'electron';\nexport const a = app;\n"), file).toContainEqual(expect.stringContaining("'electron' import is restricted"));
    }
    expect(await lint('test/shell/x.test.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContainEqual(expect.stringContaining('keep Electron in electron/shell'));
  });
});
