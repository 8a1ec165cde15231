/**
 * Interactive sign-in: the device code flow (the default) and the browser flow (authorization code + PKCE on a
 * loopback redirect) for tenants whose Conditional Access blocks device code. Only ever started by a person.
 *
 * The keychain is verified before the person is asked for anything, so nobody types a code only to learn that
 * the result cannot be stored.
 */
import type { AccountInfo, AuthenticationResult, DeviceCodeRequest, PublicClientApplication } from '@azure/msal-node';
import { DelegateError } from '../errors/delegate-error.js';
import { openCaeCachePersistence } from './cache-persistence.js';
import { verifyWritableKeychain } from './keychain-state.js';
import { withLock } from '../fs/file-lock.js';
import { resourceDefaultScope } from './cloud-endpoints.js';
import { mapAuthError } from './error-mapping.js';
import { createMsalApp } from './msal-app.js';
import { updateMetadata } from './profile-metadata-writer.js';
import { acquireWithoutRefused, signInFailure, signInScopes } from './sign-in-scopes.js';
import { recordTokenScopes } from './token-scopes.js';
import type { AuthContext } from './auth-context.js';
import type { SignInScopes as SignInPlan } from './sign-in-scopes.js';
import type { AccountSummary } from '../../../shared/models/health.js';
import type { ErrorData } from '../../../shared/errors.js';

export interface DeviceCodeInfo {
  userCode: string;
  verificationUri: string;
  /** When the code stops working. */
  expiresAt: string;
  /** Entra's own sentence ("To sign in, use a web browser to open the page … and enter the code …"). */
  message: string;
}

export interface SignInResult {
  account: AccountSummary;
  grantedScopes: string[];
  signedInAt: string;
  /** The profile's extra resources, each tried silently right after the sign-in so a problem shows now. */
  extraResources: Array<{ resource: string; ok: boolean; error?: ErrorData }>;
  /** Scopes Microsoft refused to this client ID (AADSTS65002) and the sign-in dropped, as the person agreed. */
  refusedScopes: string[];
}

export async function signInWithDeviceCode(
  context: AuthContext,
  options: { onDeviceCode: (info: DeviceCodeInfo) => void; signal?: AbortSignal; dropUnapprovedScopes?: boolean },
): Promise<SignInResult> {
  const plan = signInScopes(context, options.dropUnapprovedScopes ?? false);
  const scopes = plan.interactive;
  const { app, network } = await createMsalApp(context.profile, context.paths, options.signal ? { signal: options.signal } : {});
  await verifyWritableKeychain(context.profile, context.paths);
  const request: DeviceCodeRequest = {
    scopes,
    deviceCodeCallback: (response) =>
      options.onDeviceCode({
        userCode: response.userCode,
        verificationUri: response.verificationUri,
        expiresAt: new Date(context.clock.now().getTime() + response.expiresIn * 1000).toISOString(),
        message: response.message,
      }),
  };
  // msal checks `cancel` between polls; the network client's signal stops a poll or wait already under way.
  const stop = () => (request.cancel = true);
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    const result = await untilAborted(app.acquireTokenByDeviceCode(request), options.signal);
    return await finishSignIn(context, app, result, plan, 'device-code');
  } catch (error) {
    throw await signInFailure(context, app, error, scopes, { networkFailure: network.lastFailure, entraAnswer: network.answers.last, browser: false });
  } finally {
    options.signal?.removeEventListener('abort', stop);
    network.close();
  }
}

export async function signInWithBrowser(
  context: AuthContext,
  options: { openBrowser: (url: string) => Promise<void>; signal?: AbortSignal; dropUnapprovedScopes?: boolean },
): Promise<SignInResult> {
  const plan = signInScopes(context, options.dropUnapprovedScopes ?? false);
  const scopes = plan.interactive;
  const { app, network } = await createMsalApp(context.profile, context.paths, options.signal ? { signal: options.signal } : {});
  await verifyWritableKeychain(context.profile, context.paths);
  try {
    const result = await untilAborted(
      app.acquireTokenInteractive({
        scopes,
        openBrowser: options.openBrowser,
        prompt: 'select_account',
        successTemplate: page('Signed in', 'Delegate has your sign-in. You can close this tab.'),
        errorTemplate: page('Sign-in failed', 'Delegate did not get a sign-in. Go back to Delegate for details.'),
      }),
      options.signal,
    );
    return await finishSignIn(context, app, result, plan, 'browser');
  } catch (error) {
    throw await signInFailure(context, app, error, scopes, { networkFailure: network.lastFailure, entraAnswer: network.answers.last, browser: true });
  } finally {
    network.close();
  }
}

async function finishSignIn(
  context: AuthContext,
  app: PublicClientApplication,
  interactive: AuthenticationResult | null,
  plan: SignInPlan,
  flow: 'device-code' | 'browser',
): Promise<SignInResult> {
  const scopes = plan.interactive;
  let result = interactive;
  let refusedScopes: string[] = [];
  if (result?.account && plan.dropping) ({ result, refused: refusedScopes } = await acquireWithoutRefused(context, app, result.account, plan.wanted));
  if (!result?.account) {
    throw new DelegateError({
      code: 'auth-failed',
      message: 'Entra ID finished the sign-in without returning an account.',
      action: 'Try again; if it keeps happening, check the client ID and tenant of this profile.',
      detail: `scopes requested: ${scopes.join(' ')}`,
    });
  }
  const account = result.account;
  // One identity per profile: a sign-in as someone else replaces the previous account and its tokens.
  const cache = app.getTokenCache();
  let replaced = false;
  for (const other of await cache.getAllAccounts()) {
    if (other.homeAccountId !== account.homeAccountId) {
      await cache.removeAccount(other);
      replaced = true;
    }
  }
  // The previous person's CAE tokens live in the CAE entry, which this (standard) app never touches.
  if (replaced) await dropCaePartition(context);
  const signedInAt = context.clock.now().toISOString();
  const summary: AccountSummary = { username: account.username, tenantId: account.tenantId, homeAccountId: account.homeAccountId };
  await updateMetadata(context.paths, (metadata) => {
    metadata.account = { ...summary, environment: account.environment };
    metadata.grantedScopes = result.scopes;
    metadata.lastInteractiveAuth = signedInAt;
    metadata.lastAuthError = null;
    metadata.lastProbe = null;
    // Conditional Access protocol-tracks device code sessions (AADSTS530036 later): status and doctor show the flow.
    metadata.signInFlow = flow;
    metadata.imported = null; // a sign-in of its own supersedes an imported one
  });
  await recordTokenScopes(context, result.accessToken);
  return { account: summary, grantedScopes: result.scopes, signedInAt, extraResources: await tryExtraResources(context, app, account), refusedScopes: refusedScopes.map((scope) => scope.slice(scope.lastIndexOf('/') + 1)) };
}

/**
 * Empties the CAE entry under the cache lock, so no job's CAE write of the old tokens can land after it. Emptied,
 * not deleted: in the keychain its file is the shared entry's placeholder, which delete() would remove.
 */
async function dropCaePartition(context: AuthContext): Promise<void> {
  const storage = await openCaeCachePersistence(context.profile, context.paths);
  await withLock(context.paths.cacheLock, () => storage.save(JSON.stringify({ AccessToken: {} })));
}

/** Acquires each extra resource's `.default` token from the new refresh token, reporting (not failing) problems. */
async function tryExtraResources(context: AuthContext, app: PublicClientApplication, account: AccountInfo): Promise<SignInResult['extraResources']> {
  const outcomes: SignInResult['extraResources'] = [];
  for (const resource of context.profile.extraResources) {
    const scopes = [resourceDefaultScope(resource)];
    try {
      await app.acquireTokenSilent({ account, scopes });
      outcomes.push({ resource, ok: true });
    } catch (error) {
      outcomes.push({ resource, ok: false, error: mapAuthError(error, { profile: context.profile, scopes }).toData() });
    }
  }
  return outcomes;
}

/** Resolves with the work, or rejects with "cancelled" as soon as the signal fires. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  work.catch(() => undefined); // after a cancel, msal's own rejection is expected and irrelevant
  return new Promise<T>((resolve, reject) => {
    const cancelled = () =>
      reject(new DelegateError({ code: 'cancelled', message: 'Sign-in was cancelled.', action: 'Start it again when you are ready.' }));
    if (signal.aborted) return cancelled();
    signal.addEventListener('abort', cancelled, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', cancelled));
  });
}

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} – Delegate</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto"><h1>${title}</h1><p>${text}</p></body></html>`;
}
