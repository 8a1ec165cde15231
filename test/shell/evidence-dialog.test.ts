import { describe, expect, it, vi } from 'vitest';
import { appRunningFiles, evidenceFileChooser, type EvidenceDialogDeps } from '../../electron/shell/evidence-dialog.js';

type BrowserWindow = ReturnType<EvidenceDialogDeps['parent']> & object;

const window = { isDestroyed: () => false } as unknown as BrowserWindow;

describe('the evidence pack save dialog', () => {
  it('offers the suggested name in Documents, attached to the window, and confirms before replacing a file', async () => {
    const showSaveDialog = vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: false, filePath: '/home/adele/Documents/pack.html' }));
    const choose = evidenceFileChooser({ dialog: { showSaveDialog } as never, parent: () => window, documentsDir: () => '/home/adele/Documents' });
    expect(await choose('delegate-evidence-work-2026-12-03.html')).toBe('/home/adele/Documents/pack.html');
    expect(showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: '/home/adele/Documents/delegate-evidence-work-2026-12-03.html' }));
    const options = showSaveDialog.mock.calls[0]?.[1] as { properties?: string[]; filters?: unknown };
    expect(options.properties).toContain('showOverwriteConfirmation');
    expect(options.filters).toEqual([{ name: 'HTML report', extensions: ['html'] }]);
  });

  it('answers null when the person cancels, and works without a window or a Documents folder', async () => {
    const showSaveDialog = vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: true, filePath: '' }));
    const choose = evidenceFileChooser({
      dialog: { showSaveDialog } as never,
      parent: () => null,
      documentsDir: () => {
        throw new Error('no documents folder');
      },
    });
    expect(await choose('pack.html')).toBeNull();
    expect(showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: 'pack.html' }));
  });

  it('hashes the packaged archive, or in development the bundled main process and preload', () => {
    expect(appRunningFiles({ execPath: '/opt/Delegate/delegate', isPackaged: true, appPath: '/opt/Delegate/resources/app.asar', bundleDir: '/x' }).map((file) => file.path)).toEqual(['/opt/Delegate/delegate', '/opt/Delegate/resources/app.asar']);
    expect(appRunningFiles({ execPath: '/e/electron', isPackaged: false, appPath: '/repo', bundleDir: '/repo/dist/shell' }).map((file) => file.path)).toEqual(['/e/electron', '/repo/dist/shell/main.cjs', '/repo/dist/shell/preload.cjs']);
  });
});
