import { Readable } from 'node:stream';
import type { BlobStore } from '../content/blob-store.js';
import { seededBytes } from '../content/seeded-bytes.js';
import { USERS } from '../directory/directory.js';
import { FINANCE_SITE, oneDriveOf, ROOT_SITE } from '../directory/sharepoint-sites.js';
import type { DriveStore } from '../state/drive-store.js';

/**
 * The files every fresh (or reset) emulator starts with: text files with fixed content and binary
 * files of seeded pseudo-random bytes (`seededBytes('drive:{path}', size)`). Item IDs are derived
 * from drive and path, so they are the same in every run.
 */

export interface SeedFile {
  /** A drive ID. */
  readonly driveId: string;
  readonly path: string;
  readonly content: { readonly text: string } | { readonly sizeBytes: number };
}

function oneDriveId(oid: string | undefined): string {
  const drive = oneDriveOf(oid ?? '');
  if (!drive) throw new Error(`drive seed: no OneDrive for ${oid ?? '?'}`);
  return drive.id;
}

const ADELE_DRIVE = oneDriveId(USERS[0]?.oid);
const MEGAN_DRIVE = oneDriveId(USERS[1]?.oid);

export const SEED_FILES: readonly SeedFile[] = [
  { driveId: ADELE_DRIVE, path: '/Documents/welcome.txt', content: { text: 'Welcome to your OneDrive, Adele.\n' } },
  { driveId: ADELE_DRIVE, path: '/Reports/2026-Q1.csv', content: { text: 'month,revenue\nJanuary,48200\nFebruary,51030\nMarch,55710\n' } },
  { driveId: ADELE_DRIVE, path: '/Reports/sales-data.bin', content: { sizeBytes: 1024 * 1024 + 123 } },
  { driveId: MEGAN_DRIVE, path: '/notes.txt', content: { text: 'Campaign ideas\n' } },
  { driveId: FINANCE_SITE.driveId, path: '/Invoices/INV-1001.pdf', content: { sizeBytes: 40 * 1024 } },
  { driveId: FINANCE_SITE.driveId, path: '/Budget/FY26.xlsx', content: { sizeBytes: 64 * 1024 } },
  { driveId: FINANCE_SITE.driveId, path: '/Reports/monthly-close.csv', content: { text: 'account,balance\n1000,125000.00\n2000,-48250.75\n' } },
  { driveId: ROOT_SITE.driveId, path: '/Policies/handbook.pdf', content: { sizeBytes: 32 * 1024 } },
];

export async function seedDrives(drives: DriveStore, blobs: BlobStore, now: Date): Promise<void> {
  for (const file of SEED_FILES) {
    const source = 'text' in file.content ? Readable.from([Buffer.from(file.content.text)]) : seededBytes(`drive:${file.path}`, file.content.sizeBytes);
    drives.seedFile(file.driveId, file.path, await blobs.write(source), now);
  }
}
