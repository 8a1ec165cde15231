import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { ADELE, AZURE_CLI, CUSTOM_CLIENT, EmulatorClient } from './support/emulator-client.js';
import { expectGraphError, expectRequestIds } from './support/graph-assertions.js';

const TEAM = '3f6c9a2e-8d41-4b7a-9e05-6c2d1f8a7b34';
const GENERAL = '19:4b1d7c2e9f0a4e3b8c6d5a2f1e0b9c8d@thread.tacv2';
const GROUP_CHAT = '19:d2c8e5a1f7b34c69a0e4b8d1c5f92a37@thread.v2';

let emulator: RunningEmulator;
let client: EmulatorClient;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
  token = (await client.signIn(CUSTOM_CLIENT, 'ChatMessage.Send ChannelMessage.Send offline_access')).access_token;
});

describe('Teams messages', () => {
  it('posts HTML to a chat and answers 201 with Graph\'s chatMessage', async () => {
    const response = await client.graph('POST', `/chats/${encodeURIComponent(GROUP_CHAT)}/messages`, token, {
      json: { body: { contentType: 'html', content: '<b>Backup finished</b>' } },
    });
    expect(response.status).toBe(201);
    expectRequestIds(response);
    const message = response.json as Record<string, unknown>;
    expect(message).toMatchObject({
      messageType: 'message',
      chatId: GROUP_CHAT,
      channelIdentity: null,
      body: { contentType: 'html', content: '<b>Backup finished</b>' },
      from: { user: { displayName: 'Adele Vance', userIdentityType: 'aadUser' } },
      attachments: [],
      mentions: [],
    });
    expect(message.id).toMatch(/^\d{13}$/);
    expect(message.etag).toBe(message.id);
  });

  it('posts to a channel with the team and channel in channelIdentity and a Teams webUrl', async () => {
    const response = await client.graph('POST', `/teams/${TEAM}/channels/${encodeURIComponent(GENERAL)}/messages`, token, {
      json: { body: { content: 'Nightly run: 3 files uploaded' } },
    });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ chatId: null, channelIdentity: { teamId: TEAM, channelId: GENERAL }, body: { contentType: 'text' } });
    expect((response.json as { webUrl: string }).webUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/message\//);
    const posted = await client.control<Array<Record<string, unknown>>>('GET', '/teams/messages');
    expect(posted).toEqual([expect.objectContaining({ kind: 'channel', teamId: TEAM, channelId: GENERAL, from: ADELE, contentType: 'text', content: 'Nightly run: 3 files uploaded' })]);
  });

  it('answers unknown chats, teams and channels with 404', async () => {
    expectGraphError(await client.graph('POST', '/chats/19:nope@thread.v2/messages', token, { json: { body: { content: 'x' } } }), 404, 'NotFound');
    expectGraphError(await client.graph('POST', `/teams/00000000-0000-0000-0000-000000000000/channels/${encodeURIComponent(GENERAL)}/messages`, token, { json: { body: { content: 'x' } } }), 404, 'NotFound');
    expectGraphError(await client.graph('POST', `/teams/${TEAM}/channels/19:nope@thread.tacv2/messages`, token, { json: { body: { content: 'x' } } }), 404, 'NotFound');
    expect(await client.control('GET', '/teams/messages')).toEqual([]);
  });

  it('refuses a message without content, or of an unknown content type', async () => {
    expectGraphError(await client.graph('POST', `/chats/${encodeURIComponent(GROUP_CHAT)}/messages`, token, { json: { body: {} } }), 400, 'BadRequest');
    expectGraphError(await client.graph('POST', `/chats/${encodeURIComponent(GROUP_CHAT)}/messages`, token, { json: { body: { contentType: 'markdown', content: 'x' } } }), 400, 'BadRequest');
  });

  it('refuses a token without the send scope, naming the scopes the API needs', async () => {
    const other = (await client.signIn(AZURE_CLI, 'User.Read.All offline_access')).access_token;
    expectGraphError(
      await client.graph('POST', `/chats/${encodeURIComponent(GROUP_CHAT)}/messages`, other, { json: { body: { content: 'x' } } }),
      403,
      'Forbidden',
      /^Missing scope permissions on the request\. API requires one of 'ChatMessage\.Send, Chat\.ReadWrite, Group\.ReadWrite\.All'\. Scopes on the request '[^']*User\.Read[^']*'$/,
    );
  });
});
