/**
 * What a path is when it is not the regular file Delegate expected, in words: "a named pipe (FIFO)", "a device"…
 */
export interface FileKindStats {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}

export function describeFileKind(stats: FileKindStats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'something other than a file';
}
