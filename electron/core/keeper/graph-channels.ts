/**
 * The channels that go through Microsoft Graph as the signed-in person: a mail (to themselves by default) and
 * a Teams chat message. Both work only while the profile's token does, so they carry the warnings before
 * expiry, never the notice that it has ended.
 *
 * The token is taken first, apart from the send: a token that cannot be had means certainly not sent. Had it
 * to be redeemed at Entra ID, the sign-in was renewed by that very request and the warning no longer holds
 * (`moot`). The send itself is judged as a job's is (action-outcome.ts): only an answer proves it did not go out.
 */
import { authContext } from '../auth/auth-context.js';
import { endpointsFor } from '../auth/cloud-endpoints.js';
import { acquireTokenSilently } from '../auth/silent-token.js';
import { resolveProfile } from '../config/profile-resolver.js';
import { createGraphClient } from '../graph/graph-factory.js';
import { mayHaveTakenEffect } from '../jobs/kinds/action-outcome.js';
import { transportOptionsFor } from '../net/profile-transport-options.js';
import { ChannelFailure, type NoticeChannel } from './notice-channel.js';
import { expiryMessage, messageHtml, type ExpiryMessage } from './expiry-message.js';
import type { Clock } from '../clock.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

/** A warning is short: a Graph call that takes longer than this is not coming back. */
const SEND_TIMEOUT_MS = 30_000;

export interface GraphChannelOptions {
  home: string;
  clock: Clock;
}

export function mailChannel(options: GraphChannelOptions & { to?: string }): NoticeChannel {
  return {
    name: 'mail',
    needsGraph: true,
    available: () => Promise.resolve(true),
    send: (notice, health) =>
      sendThroughGraph(options, health, 'mail', expiryMessage(notice, health), (message, to) => ({
        path: '/me/sendMail',
        body: { message: { subject: message.subject, body: { contentType: 'text', content: message.text }, toRecipients: [{ emailAddress: { address: options.to ?? to } }] }, saveToSentItems: true },
      })),
  };
}

export function teamsChannel(options: GraphChannelOptions & { chatId: string }): NoticeChannel {
  return {
    name: 'teams',
    needsGraph: true,
    available: () => Promise.resolve(true),
    send: (notice, health) =>
      sendThroughGraph(options, health, 'Teams message', expiryMessage(notice, health), (message) => ({
        path: `/chats/${encodeURIComponent(options.chatId)}/messages`,
        body: { body: { contentType: 'html', content: messageHtml(message) } },
      })),
  };
}

async function sendThroughGraph(
  options: GraphChannelOptions,
  health: ProfileHealth,
  what: string,
  message: ExpiryMessage,
  request: (message: ExpiryMessage, to: string) => { path: string; body: unknown },
): Promise<'sent' | 'moot'> {
  let token: string;
  let context;
  try {
    const { profile } = resolveProfile(options.home, health.profile);
    context = authContext(options.home, options.clock, profile);
    const issued = await acquireTokenSilently(context, { partition: 'cae' });
    if (!issued.fromCache) return 'moot';
    token = issued.accessToken;
  } catch (error) {
    throw new ChannelFailure('not-sent', `The ${what} was not sent: no token for Microsoft Graph (${(error as Error).message})`, { cause: error });
  }
  const graph = createGraphClient({
    baseUrl: endpointsFor(context.profile).graphBaseUrl,
    getToken: () => Promise.resolve(token),
    timeoutMs: SEND_TIMEOUT_MS,
    maxAttempts: 3,
    ...transportOptionsFor(options.home, context.profile),
  });
  const { path, body } = request(message, health.account?.username ?? '');
  try {
    await graph.request('POST', path, { body });
    return 'sent';
  } catch (error) {
    const outcome = mayHaveTakenEffect(error) ? 'unknown' : 'not-sent';
    const verdict = outcome === 'unknown' ? `The ${what} may have been sent; Delegate will not send it again` : `The ${what} was not sent`;
    throw new ChannelFailure(outcome, `${verdict}: ${(error as Error).message}`, { cause: error });
  } finally {
    graph.close();
  }
}
