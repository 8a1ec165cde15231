import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QuickXorHash } from '../content/quick-xor-hash.js';
import { seededBuffer } from '../content/seeded-bytes.js';
import { startEmulator, type RunningEmulator } from '../index.js';
import { ADELE, CUSTOM_CLIENT, EmulatorClient, GRAPH_POWERSHELL, MEGAN, type RawResponse } from './support/emulator-client.js';
import { expectGraphError, expectRequestIds } from './support/graph-assertions.js';

const FRAGMENT = 320 * 1024;

interface DriveItem {
  id: string;
  name: string;
  size: number;
  eTag: string;
  cTag: string;
  webUrl: string;
  lastModifiedDateTime: string;
  '@microsoft.graph.downloadUrl'?: string;
  file?: { mimeType: string; hashes: { quickXorHash: string } };
  folder?: { childCount: number };
  parentReference: { driveId: string; driveType: string; id?: string; path?: string; siteId?: string };
}

interface UploadSession {
  uploadUrl: string;
  expirationDateTime: string;
  nextExpectedRanges: string[];
}

interface StoredFile {
  id: string;
  size: number;
  sha256: string;
  quickXorHash: string;
}

let emulator: RunningEmulator;
let client: EmulatorClient;
let token: string;
let financeDrive: string;
let adeleDrive: string;

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function quickXor(bytes: Buffer): string {
  return new QuickXorHash().update(bytes).digest();
}

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
  token = (await client.signIn(CUSTOM_CLIENT, 'Files.ReadWrite.All Sites.ReadWrite.All offline_access')).access_token;
  const site = await client.graph('GET', '/sites/contoso.sharepoint.com:/sites/Finance', token);
  const siteId = (site.json as { id: string }).id;
  financeDrive = ((await client.graph('GET', `/sites/${siteId}/drive`, token)).json as { id: string }).id;
  adeleDrive = ((await client.graph('GET', '/me/drive', token)).json as { id: string }).id;
});

function item(response: RawResponse): DriveItem {
  expect(response.status, response.text).toBeLessThan(300);
  return response.json as DriveItem;
}

/** A plain GET without a bearer token, as a pre-authenticated URL is meant to be fetched. */
function fetchUrl(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return client.send('GET', url, { headers });
}

function putFragment(url: string, bytes: Buffer, start: number, total: number, headers: Record<string, string> = {}): Promise<RawResponse> {
  return client.send('PUT', url, { raw: bytes, headers: { 'content-range': `bytes ${start}-${start + bytes.length - 1}/${total}`, ...headers } });
}

describe('sites and drives', () => {
  it('finds a site by hostname and server-relative path, with an ID of the form hostname,siteCollectionId,siteId', async () => {
    const response = await client.graph('GET', '/sites/contoso.sharepoint.com:/sites/Finance', token);
    expect(response.status).toBe(200);
    expectRequestIds(response);
    const site = response.json as { id: string; name: string; webUrl: string; displayName: string };
    expect(site.id).toMatch(/^contoso\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
    expect(site).toMatchObject({ name: 'Finance', displayName: 'Finance', webUrl: 'https://contoso.sharepoint.com/sites/Finance' });
    expect((await client.graph('GET', `/sites/${site.id}`, token)).json).toMatchObject({ id: site.id });
    expect((await client.graph('GET', '/sites/contoso.sharepoint.com:/sites/finance:', token)).json).toMatchObject({ id: site.id });
    expect((await client.graph('GET', '/sites/root', token)).json).toMatchObject({ webUrl: 'https://contoso.sharepoint.com' });
    const drives = (await client.graph('GET', `/sites/${site.id}/drives`, token)).json as { value: Array<{ id: string; name: string }> };
    expect(drives.value.map((drive) => drive.name)).toEqual(['Documents']);
    expectGraphError(await client.graph('GET', '/sites/contoso.sharepoint.com:/sites/Nowhere', token), 404, 'itemNotFound', 'Requested site could not be found');
    expectGraphError(await client.graph('GET', '/sites/fabrikam.sharepoint.com:/sites/Finance', token), 400, 'invalidRequest', 'Invalid hostname for this tenancy');
  });

  it('returns the drive for /me/drive, /drives/{id} and /sites/{id}/drive', async () => {
    const mine = (await client.graph('GET', '/me/drive', token)).json as { id: string; driveType: string; owner: { user: { displayName: string } } };
    expect(mine).toMatchObject({ driveType: 'business', owner: { user: { displayName: 'Adele Vance' } } });
    expect(mine.id).toMatch(/^b!/);
    const finance = (await client.graph('GET', `/drives/${financeDrive}`, token)).json as { driveType: string; name: string; webUrl: string };
    expect(finance).toMatchObject({ driveType: 'documentLibrary', name: 'Documents', webUrl: 'https://contoso.sharepoint.com/sites/Finance/Shared%20Documents' });
    expectGraphError(await client.graph('GET', '/drives/b!nothing', token), 404, 'itemNotFound', 'The resource could not be found.');
    const viaSitePath = await client.graph('GET', '/sites/contoso.sharepoint.com:/sites/Finance:/drive/root:/Invoices/INV-1001.pdf:/content', token);
    expect(viaSitePath.status).toBe(302);
  });

  it('keeps site libraries, Sites and other people\'s OneDrives from a token with only Files.ReadWrite', async () => {
    const own = (await client.signIn(GRAPH_POWERSHELL, 'Files.ReadWrite offline_access')).access_token;
    expect((await client.graph('GET', '/me/drive/root:/Reports/2026-Q1.csv', own)).status).toBe(200);
    expectGraphError(await client.graph('GET', `/drives/${financeDrive}/root:/Invoices/INV-1001.pdf`, own), 403, 'accessDenied', 'Access denied');
    expectGraphError(await client.graph('GET', '/sites/contoso.sharepoint.com:/sites/Finance', own), 403, 'accessDenied');
    expectGraphError(await client.graph('GET', `/users/${MEGAN}/drive/root:/notes.txt`, token), 403, 'accessDenied');
    const profileOnly = (await client.signIn(CUSTOM_CLIENT, 'User.Read offline_access', MEGAN)).access_token;
    expect((await client.graph('GET', '/me', profileOnly)).status).toBe(200);
  });
});

describe('drive items', () => {
  it('returns an item by path and by ID with size, eTag, cTag, quickXorHash and parentReference', async () => {
    const byPath = item(await client.graph('GET', `/drives/${financeDrive}/root:/Invoices/INV-1001.pdf`, token));
    expect(byPath).toMatchObject({ name: 'INV-1001.pdf', size: 40 * 1024, file: { mimeType: 'application/pdf' } });
    expect(byPath.id).toMatch(/^01[A-Z2-7]{32}$/);
    expect(byPath.eTag).toMatch(/^"\{[0-9A-F-]{36}\},1"$/);
    expect(byPath.cTag).toMatch(/^"c:\{[0-9A-F-]{36}\},1"$/);
    expect(byPath.parentReference).toMatchObject({ driveId: financeDrive, driveType: 'documentLibrary', path: `/drives/${financeDrive}/root:/Invoices` });
    expect(byPath.parentReference.siteId).toMatch(/^contoso\.sharepoint\.com,/);
    const expected = seededBuffer('drive:/Invoices/INV-1001.pdf', 40 * 1024);
    expect(byPath.file?.hashes.quickXorHash).toBe(quickXor(expected));
    const byId = item(await client.graph('GET', `/drives/${financeDrive}/items/${byPath.id}`, token));
    expect(byId.id).toBe(byPath.id);
    const stored = await client.control<StoredFile>('GET', `/files?drive=${financeDrive}&path=/Invoices/INV-1001.pdf`);
    expect(stored.sha256).toBe(sha256(expected));
    expect(item(await client.graph('GET', '/me/drive/root:/Reports/2026-Q1.csv:', token)).name).toBe('2026-Q1.csv');
    expectGraphError(await client.graph('GET', '/me/drive/root:/Reports/missing.csv', token), 404, 'itemNotFound');
  });

  it('lists a folder\'s children with folder counts', async () => {
    const root = await client.graph('GET', '/me/drive/root/children', token);
    const names = (root.json as { value: DriveItem[] }).value.map((child) => `${child.name}${child.folder ? `/(${child.folder.childCount})` : ''}`);
    expect(names).toEqual(['Documents/(1)', 'Reports/(2)']);
    const reports = await client.graph('GET', '/me/drive/root:/Reports:/children?$top=1', token);
    const page = reports.json as { value: DriveItem[]; '@odata.nextLink'?: string };
    expect(page.value.map((child) => child.name)).toEqual(['2026-Q1.csv']);
    const next = await client.graph('GET', page['@odata.nextLink'] ?? '', token);
    expect((next.json as { value: DriveItem[] }).value.map((child) => child.name)).toEqual(['sales-data.bin']);
  });
});

describe('downloads', () => {
  it('answers GET content with 302 to a pre-authenticated URL that streams the bytes with Content-Length', async () => {
    const redirect = await client.graph('GET', '/me/drive/root:/Reports/sales-data.bin:/content', token);
    expect(redirect.status).toBe(302);
    expectRequestIds(redirect);
    const location = String(redirect.headers.location);
    expect(location).toMatch(/\/_layouts\/15\/download\.aspx\?UniqueId=[0-9a-f-]{36}&Translate=false&tempauth=[\w-]+&ApiVersion=2\.0$/);
    const download = await fetchUrl(location);
    const expected = seededBuffer('drive:/Reports/sales-data.bin', 1024 * 1024 + 123);
    expect(download.status).toBe(200);
    expect(download.headers['content-length']).toBe(String(expected.length));
    expect(download.headers['accept-ranges']).toBe('bytes');
    expect(download.bytes.equals(expected)).toBe(true);
    const metadata = item(await client.graph('GET', '/me/drive/root:/Reports/sales-data.bin', token));
    expect((await fetchUrl(metadata['@microsoft.graph.downloadUrl'] ?? '')).bytes.equals(expected)).toBe(true);
    const head = await client.send('HEAD', location);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(expected.length));
    expect(head.bytes.length).toBe(0);
  });

  it('serves byte ranges with 206, suffix ranges, and 416 for a range past the end', async () => {
    const location = String((await client.graph('GET', `/drives/${financeDrive}/root:/Budget/FY26.xlsx:/content`, token)).headers.location);
    const expected = seededBuffer('drive:/Budget/FY26.xlsx', 64 * 1024);
    const part = await fetchUrl(location, { range: 'bytes=100-1123' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1123/${expected.length}`);
    expect(part.headers['content-length']).toBe('1024');
    expect(part.bytes.equals(expected.subarray(100, 1124))).toBe(true);
    const tail = await fetchUrl(location, { range: 'bytes=-10' });
    expect(tail.bytes.equals(expected.subarray(expected.length - 10))).toBe(true);
    const open = await fetchUrl(location, { range: `bytes=${expected.length - 5}-` });
    expect(open.headers['content-range']).toBe(`bytes ${expected.length - 5}-${expected.length - 1}/${expected.length}`);
    const past = await fetchUrl(location, { range: `bytes=${expected.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${expected.length}`);
  });

  it('lets a download URL expire with the emulator clock', async () => {
    const location = String((await client.graph('GET', '/me/drive/root:/Documents/welcome.txt:/content', token)).headers.location);
    expect((await fetchUrl(location)).text).toBe('Welcome to your OneDrive, Adele.\n');
    emulator.clock.advance(11 * 60 * 1000);
    expectGraphError(await fetchUrl(location), 401, 'unauthenticated');
  });
});

describe('simple upload', () => {
  it('creates a file with 201, replaces it with 200 and creates missing folders on the way', async () => {
    const first = await client.graph('PUT', '/me/drive/root:/Uploads/2026/notes.txt:/content', token, { raw: Buffer.from('first'), headers: { 'content-type': 'text/plain' } });
    expect(first.status).toBe(201);
    const created = first.json as DriveItem;
    expect(created).toMatchObject({ name: 'notes.txt', size: 5, file: { mimeType: 'text/plain', hashes: { quickXorHash: quickXor(Buffer.from('first')) } } });
    const second = await client.graph('PUT', '/me/drive/root:/Uploads/2026/notes.txt:/content', token, { raw: Buffer.from('second version') });
    expect(second.status).toBe(200);
    const replaced = second.json as DriveItem;
    expect(replaced.id).toBe(created.id);
    expect(replaced.cTag).not.toBe(created.cTag);
    const byId = await client.graph('PUT', `/me/drive/items/${created.id}/content`, token, { raw: Buffer.from('third') });
    expect(byId.status).toBe(200);
    const stored = await client.control<StoredFile>('GET', '/files?path=/Uploads/2026/notes.txt');
    expect(stored.sha256).toBe(sha256(Buffer.from('third')));
  });

  it('answers 409 nameAlreadyExists under conflictBehavior=fail and picks a free name under rename', async () => {
    const path = `/drives/${financeDrive}/root:/Reports/monthly-close.csv:/content`;
    expectGraphError(
      await client.graph('PUT', `${path}?@microsoft.graph.conflictBehavior=fail`, token, { raw: Buffer.from('x') }),
      409,
      'nameAlreadyExists',
      'The specified item name already exists.',
    );
    const renamed = await client.graph('PUT', `${path}?@microsoft.graph.conflictBehavior=rename`, token, { raw: Buffer.from('x') });
    expect(renamed.status).toBe(201);
    expect((renamed.json as DriveItem).name).toBe('monthly-close 1.csv');
    expectGraphError(await client.graph('PUT', `${path}?@microsoft.graph.conflictBehavior=merge`, token, { raw: Buffer.from('x') }), 400, 'invalidRequest');
  });

  it('refuses a body above the simple-upload limit with 413', async () => {
    await client.control('POST', '/settings', { simpleUploadMaxBytes: 4 * 1024 * 1024 });
    const tooBig = await client.graph('PUT', '/me/drive/root:/big.bin:/content', token, { raw: Buffer.alloc(4 * 1024 * 1024 + 1) });
    expectGraphError(tooBig, 413, 'BadRequest', 'Maximum request length exceeded.');
    const fits = await client.graph('PUT', '/me/drive/root:/big.bin:/content', token, { raw: Buffer.alloc(4 * 1024 * 1024) });
    expect(fits.status).toBe(201);
  });

  it('refuses names SharePoint does not allow', async () => {
    expectGraphError(await client.graph('PUT', '/me/drive/root:/bad%3Fname.txt:/content', token, { raw: Buffer.from('x') }), 400, 'invalidRequest');
  });
});

describe('upload sessions', () => {
  async function createSession(path: string, conflictBehavior?: string): Promise<RawResponse> {
    return client.graph('POST', `${path}:/createUploadSession`, token, {
      json: conflictBehavior === undefined ? {} : { item: { '@microsoft.graph.conflictBehavior': conflictBehavior } },
    });
  }

  it('takes a file in 320 KiB-multiple fragments, answering 202 with nextExpectedRanges and 201 with the item at the end', async () => {
    const content = seededBuffer('session-upload', 3 * FRAGMENT * 2 + 12_345);
    const created = await createSession('/me/drive/root:/Large/video.mp4');
    expect(created.status).toBe(200);
    const session = created.json as UploadSession;
    expect(session.nextExpectedRanges).toEqual(['0-']);
    expect(Date.parse(session.expirationDateTime)).toBeGreaterThan(emulator.clock.now().getTime());
    expect(session.uploadUrl).toMatch(/\/_api\/v2\.0\/drives\/b![\w-]+\/items\/01[A-Z2-7]{32}\/uploadSession\?guid='[0-9a-f-]{36}'/);

    const chunk = 3 * FRAGMENT;
    const firstPart = await putFragment(session.uploadUrl, content.subarray(0, chunk), 0, content.length);
    expect(firstPart.status).toBe(202);
    expect((firstPart.json as UploadSession).nextExpectedRanges).toEqual([`${chunk}-${content.length - 1}`]);
    expect((await putFragment(session.uploadUrl, content.subarray(chunk, 2 * chunk), chunk, content.length)).status).toBe(202);
    const last = await putFragment(session.uploadUrl, content.subarray(2 * chunk), 2 * chunk, content.length);
    expect(last.status).toBe(201);
    const finished = last.json as DriveItem;
    expect(finished).toMatchObject({ name: 'video.mp4', size: content.length, file: { hashes: { quickXorHash: quickXor(content) } } });
    const stored = await client.control<StoredFile>('GET', '/files?path=/Large/video.mp4');
    expect(stored.sha256).toBe(sha256(content));
    expectGraphError(await client.send('GET', session.uploadUrl), 404, 'itemNotFound');
  });

  it('rejects overlapping, out-of-order, misaligned and mis-sized fragments, and an Authorization header', async () => {
    const content = seededBuffer('bad-ranges', 4 * FRAGMENT);
    const { uploadUrl } = (await createSession('/me/drive/root:/Large/data.bin')).json as UploadSession;
    expect((await putFragment(uploadUrl, content.subarray(0, FRAGMENT), 0, content.length)).status).toBe(202);

    const overlap = expectGraphError(await putFragment(uploadUrl, content.subarray(0, FRAGMENT), 0, content.length), 416, 'invalidRange', 'Uploaded fragment overlaps with existing data.');
    expect(overlap.error.innerError.code).toBe('fragmentOverlap');
    const gap = expectGraphError(await putFragment(uploadUrl, content.subarray(2 * FRAGMENT, 3 * FRAGMENT), 2 * FRAGMENT, content.length), 416, 'invalidRange', 'Uploaded fragment is out of order.');
    expect(gap.error.innerError.code).toBe('fragmentOutOfOrder');
    expectGraphError(await putFragment(uploadUrl, content.subarray(FRAGMENT, FRAGMENT + 1000), FRAGMENT, content.length), 400, 'invalidRequest', /multiple of 320 KiB/);
    const mismatch = expectGraphError(await putFragment(uploadUrl, content.subarray(FRAGMENT, 2 * FRAGMENT), FRAGMENT, content.length + 1), 400, 'invalidRange');
    expect(mismatch.error.innerError.code).toBe('fragmentLengthMismatch');
    expectGraphError(
      await client.send('PUT', uploadUrl, { raw: content.subarray(FRAGMENT, 2 * FRAGMENT), headers: { 'content-range': `bytes ${FRAGMENT}-${2 * FRAGMENT}/${content.length}` } }),
      400,
      'invalidRequest',
      'The Content-Range header length does not match the provided number of bytes.',
    );
    expectGraphError(await client.send('PUT', uploadUrl, { raw: content.subarray(FRAGMENT, 2 * FRAGMENT) }), 400, 'invalidRequest', /Content-Range/);
    expectGraphError(
      await putFragment(uploadUrl, content.subarray(FRAGMENT, 2 * FRAGMENT), FRAGMENT, content.length, { authorization: `Bearer ${token}` }),
      401,
      'unauthenticated',
    );

    const status = await client.send('GET', uploadUrl);
    expect(status.json).toMatchObject({ nextExpectedRanges: [`${FRAGMENT}-${content.length - 1}`] });
    expect((await putFragment(uploadUrl, content.subarray(FRAGMENT), FRAGMENT, content.length)).status).toBe(201);
    expect((await client.control<StoredFile>('GET', '/files?path=/Large/data.bin')).sha256).toBe(sha256(content));
  });

  it('cancels a session with DELETE on the upload URL', async () => {
    const { uploadUrl } = (await createSession('/me/drive/root:/Large/cancelled.bin')).json as UploadSession;
    expect((await putFragment(uploadUrl, Buffer.alloc(FRAGMENT), 0, 2 * FRAGMENT)).status).toBe(202);
    expect(await client.control('GET', '/files/upload-sessions')).toHaveLength(1);
    const cancelled = await client.send('DELETE', uploadUrl);
    expect(cancelled.status).toBe(204);
    expect(await client.control('GET', '/files/upload-sessions')).toEqual([]);
    expectGraphError(await putFragment(uploadUrl, Buffer.alloc(FRAGMENT), FRAGMENT, 2 * FRAGMENT), 404, 'itemNotFound');
  });

  it('applies the conflict behaviour: fail refuses an existing name up front, replace answers 200, rename picks a new name', async () => {
    const path = `/drives/${financeDrive}/root:/Invoices/INV-1001.pdf`;
    expectGraphError(await createSession(path), 409, 'nameAlreadyExists');
    const replacement = Buffer.from('new invoice');
    const replace = (await createSession(path, 'replace')).json as UploadSession;
    const replaced = await putFragment(replace.uploadUrl, replacement, 0, replacement.length);
    expect(replaced.status).toBe(200);
    expect((replaced.json as DriveItem).size).toBe(replacement.length);
    const rename = (await createSession(path, 'rename')).json as UploadSession;
    const renamed = await putFragment(rename.uploadUrl, replacement, 0, replacement.length);
    expect(renamed.status).toBe(201);
    expect((renamed.json as DriveItem).name).toBe('INV-1001 1.pdf');
  });

  it('answers 409 when the name was taken while the session was open', async () => {
    const { uploadUrl } = (await createSession('/me/drive/root:/race.txt', 'fail')).json as UploadSession;
    expect((await client.graph('PUT', '/me/drive/root:/race.txt:/content', token, { raw: Buffer.from('first') })).status).toBe(201);
    expectGraphError(await putFragment(uploadUrl, Buffer.from('second'), 0, 6), 409, 'nameAlreadyExists', /^Another file exists with the same name/);
  });
});

describe('files in the control API', () => {
  it('seeds a file from a seed without sending its bytes and reports the SHA-256 of what is stored', async () => {
    const size = 2 * 1024 * 1024 + 7;
    const seeded = await client.control<StoredFile>('POST', '/files', { drive: '/sites/Finance', path: '/Exports/dump.bin', sizeBytes: size, seed: 'dump' });
    const expected = seededBuffer('dump', size);
    expect(seeded).toMatchObject({ size, sha256: sha256(expected), quickXorHash: quickXor(expected) });
    const location = String((await client.graph('GET', `/drives/${financeDrive}/root:/Exports/dump.bin:/content`, token)).headers.location);
    expect((await fetchUrl(location)).bytes.equals(expected)).toBe(true);

    const fromBytes = await client.control<StoredFile>('POST', '/files', { drive: ADELE, path: 'a/b.txt', contentBase64: Buffer.from('hello').toString('base64') });
    expect(fromBytes.sha256).toBe(sha256(Buffer.from('hello')));
    expect(item(await client.graph('GET', `/drives/${adeleDrive}/root:/a/b.txt`, token)).size).toBe(5);
    const all = await client.control<Array<{ path: string }>>('GET', `/files?drive=${financeDrive}`);
    expect(all.map((file) => file.path)).toContain('/Exports/dump.bin');
  });
});
