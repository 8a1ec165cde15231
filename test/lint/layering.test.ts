import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
const lint = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]?.messages.map((message) => message.message) ?? [];

describe('the layering lint', () => {
  it('refuses an electron import in electron/core', async () => {
    expect(await lint('electron/core/auth/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContainEqual(expect.stringContaining('keep Electron in electron/shell'));
  });

  it('refuses electron and Node built-ins in shared/', async () => {
    const messages = await lint('shared/x.ts', "import { app } from 'electron';\nimport { readFileSync } from 'node:fs';\nexport const a = [app, readFileSync];\n");
    expect(messages).toContainEqual(expect.stringContaining('keep Electron in electron/shell'));
    expect(messages).toContainEqual(expect.stringContaining('shared/ is plain data and types'));
  });

  it('accepts Node built-ins in core', async () => {
    expect(await lint('electron/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toEqual([]);
  });
});
