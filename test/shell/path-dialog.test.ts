import { describe, expect, it, vi } from 'vitest';
import { pathDialog, pathPicker, startingPath, type PathDialogDeps } from '../../electron/shell/path-dialog.js';
import type { PathPurpose } from '../../shared/ipc/ipc-models.js';

type BrowserWindow = ReturnType<PathDialogDeps['parent']> & object;

const window = { isDestroyed: () => false } as unknown as BrowserWindow;

/** A dialog that answers like Electron's, and records how it was opened. */
function fakeDialog(answer: { canceled: boolean; filePaths?: string[]; filePath?: string }) {
  const showOpenDialog = vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: answer.canceled, filePaths: answer.filePaths ?? [] }));
  const showSaveDialog = vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: answer.canceled, filePath: answer.filePath ?? '' }));
  return { showOpenDialog, showSaveDialog, dialog: { showOpenDialog, showSaveDialog } as unknown as PathDialogDeps['dialog'] };
}

const optionsOf = (mock: ReturnType<typeof vi.fn>) => mock.mock.calls[0]?.[1] as { title?: string; properties?: string[]; filters?: Array<{ name: string; extensions: string[] }>; defaultPath?: string };

describe('the native file dialogs', () => {
  it('a file for the job editor: one file, attached to the window, starting at the field value', async () => {
    const fake = fakeDialog({ canceled: false, filePaths: ['/home/adele/report.xlsx'] });
    const pick = pathPicker({ dialog: fake.dialog, parent: () => window, platform: 'linux' });
    expect(await pick('open-file', '/home/adele/Documents')).toEqual(['/home/adele/report.xlsx']);
    expect(fake.showOpenDialog).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: '/home/adele/Documents' }));
    expect(optionsOf(fake.showOpenDialog).properties).toEqual(['openFile']);
  });

  it('several files at once for attachments', async () => {
    const fake = fakeDialog({ canceled: false, filePaths: ['/a/one.pdf', '/a/two.pdf'] });
    const pick = pathPicker({ dialog: fake.dialog, parent: () => window, platform: 'darwin' });
    expect(await pick('open-files')).toEqual(['/a/one.pdf', '/a/two.pdf']);
    expect(optionsOf(fake.showOpenDialog).properties).toEqual(['openFile', 'multiSelections']);
  });

  it('where to save a download asks before replacing a file and can make a new folder', async () => {
    const fake = fakeDialog({ canceled: false, filePath: '/home/adele/Downloads/budget.xlsx' });
    const pick = pathPicker({ dialog: fake.dialog, parent: () => window, platform: 'linux' });
    expect(await pick('save-file', '/home/adele/Downloads/budget.xlsx')).toEqual(['/home/adele/Downloads/budget.xlsx']);
    expect(fake.showOpenDialog).not.toHaveBeenCalled();
    expect(optionsOf(fake.showSaveDialog).properties).toEqual(expect.arrayContaining(['showOverwriteConfirmation', 'createDirectory']));
  });

  it('a folder can be chosen or made, not a file', () => {
    const dialog = pathDialog('folder', 'win32');
    expect(dialog.kind).toBe('open');
    expect(dialog.options.properties).toEqual(['openDirectory', 'createDirectory']);
  });

  it('the CA file offers certificate files first, and every file as well', () => {
    expect(pathDialog('ca-file', 'linux').options.filters).toEqual([
      { name: 'Certificates (PEM)', extensions: ['pem', 'crt', 'cer'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });

  it('a program on Windows offers programs and scripts; elsewhere any file (executables have no extension)', () => {
    expect(pathDialog('program', 'win32').options.filters?.[0]).toEqual({ name: 'Programs and scripts', extensions: ['exe', 'cmd', 'bat', 'ps1'] });
    expect(pathDialog('program', 'linux').options.filters).toEqual([{ name: 'All files', extensions: ['*'] }]);
    expect(pathDialog('program', 'darwin').options.filters).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });

  it('every purpose has its own title, so the person knows what the dialog is for', () => {
    const purposes: PathPurpose[] = ['open-file', 'open-files', 'save-file', 'folder', 'ca-file', 'program'];
    const titles = purposes.map((purpose) => pathDialog(purpose, 'linux').options.title);
    expect(new Set(titles).size).toBe(purposes.length);
  });

  it('cancelling answers an empty list, with or without a window', async () => {
    const fake = fakeDialog({ canceled: true, filePaths: ['/ignored'], filePath: '/ignored' });
    const pick = pathPicker({ dialog: fake.dialog, parent: () => null, platform: 'linux' });
    expect(await pick('open-file')).toEqual([]);
    expect(await pick('save-file')).toEqual([]);
    expect(fake.showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ title: 'Choose a file' }));
    const closed = { isDestroyed: () => true } as unknown as BrowserWindow;
    const afterClose = pathPicker({ dialog: fake.dialog, parent: () => closed, platform: 'linux' });
    expect(await afterClose('folder')).toEqual([]);
    expect(fake.showOpenDialog).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Choose a folder' }));
  });

  it('a starting path from the window that is not a plain absolute local path is dropped, and the dialog still opens', async () => {
    const hostile = ['relative/path', '../../etc', '', '/tmp/a\0b', '\\\\attacker.example\\share\\x', '//attacker.example/share', '\\\\?\\C:\\Windows', '\\\\.\\pipe\\x', 'x'.repeat(5000)];
    for (const suggested of hostile) {
      const fake = fakeDialog({ canceled: true });
      await pathPicker({ dialog: fake.dialog, parent: () => window, platform: 'linux' })('open-file', suggested);
      expect(optionsOf(fake.showOpenDialog)).not.toHaveProperty('defaultPath');
      const onWindows = fakeDialog({ canceled: true });
      await pathPicker({ dialog: onWindows.dialog, parent: () => window, platform: 'win32' })('save-file', suggested);
      expect(optionsOf(onWindows.showSaveDialog)).not.toHaveProperty('defaultPath');
    }
  });

  it('Windows needs a drive: a path from the root of the current drive is not a place to start', () => {
    expect(startingPath('C:\\Users\\Adele\\Documents', 'win32')).toBe('C:\\Users\\Adele\\Documents');
    expect(startingPath('d:/data', 'win32')).toBe('d:/data');
    expect(startingPath('\\Users\\Adele', 'win32')).toBeUndefined();
    expect(startingPath('C:relative', 'win32')).toBeUndefined();
    expect(startingPath('/home/adele', 'win32')).toBeUndefined();
    expect(startingPath('C:\\Users', 'linux')).toBeUndefined();
    expect(startingPath(42, 'linux')).toBeUndefined();
  });
});
