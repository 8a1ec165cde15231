/**
 * Names that stay one file of their own on every disk Delegate's home may sit on.
 *
 * The home may be on a Windows, SMB or macOS disk, or be copied to one. There `CON`, `NUL`, `COM1`… name devices,
 * also with an extension (`nul.lock`), so a lock or record written under such a name goes to a device and is
 * gone; a trailing dot is dropped, so the folder of profile `work.` is the folder of `work`; and names that
 * differ only in case (`Work`, `work`) are one file. The name patterns let all of these through, so they are
 * refused where names enter, and duplicates are compared by `nameKey`.
 */

// CONIN$/CONOUT$ and the superscript-digit COM/LPT ports are devices too (Win32 path rules).
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)(\.|$)/i;

/** Why `name` would not be a file of its own on Windows, or undefined when it would. */
export function windowsDeviceProblem(name: string): string | undefined {
  if (!WINDOWS_DEVICE.test(name)) return undefined;
  return `"${name.split('.')[0] ?? name}" is the name of a device on Windows (like CON, NUL, COM1 or LPT1), not of a file`;
}

/** Why `name` cannot be a folder of its own on every disk, or undefined when it can. */
export function folderNameProblem(name: string): string | undefined {
  const device = windowsDeviceProblem(name);
  if (device) return device;
  if (/[. ]$/.test(name)) return 'it must not end with a dot: Windows drops the dot, so its folder would be that of the name without it';
  return undefined;
}

/** What two names clash on when the disk ignores case (macOS and Windows do by default): compare these, not the names. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
