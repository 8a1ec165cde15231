/**
 * The parts of Graph's driveItem resource that Delegate reads (OneDrive and SharePoint files and folders).
 */
export interface DriveItem {
  id: string;
  name?: string;
  size?: number;
  /** Changes with any change to the item, metadata included. */
  eTag?: string;
  /** Changes only when the content changes: the better "unchanged" test for downloads. */
  cTag?: string;
  webUrl?: string;
  lastModifiedDateTime?: string;
  file?: { mimeType?: string; hashes?: { quickXorHash?: string; sha1Hash?: string; sha256Hash?: string } };
  folder?: { childCount?: number };
  parentReference?: { driveId?: string; id?: string; path?: string };
}
