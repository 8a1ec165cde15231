import { describe, expect, it } from 'vitest';
import { appAction, profileNamedIn, rewriteCliText } from '../../renderer/format/app-action.js';

// Action texts as the core writes them (electron/core/auth/error-mapping.ts, jobs/runner.ts, jobs/job-scopes.ts,
// auth/cache-persistence.ts, doctor/check-connection.ts, jobs/scheduler-lock.ts).
const SIGN_IN_AGAIN = 'Sign in again: `delegate login --profile emu`, or "Sign in again…" in the Delegate tray menu.';
const SCOPES = "Add Mail.Send to the profile's scopes (`delegate profiles set work --scopes ...`) and sign in again: `delegate login --profile work`.";
const PLAINTEXT = "Either unlock the login keyring and try again, or choose to keep this profile's token cache in a plaintext file readable only by you: `delegate profiles set lab --plaintext-cache`.";
const CA = 'Install it in the OS trust store — Linux: copy it to /usr/local/share/ca-certificates/ and run `sudo update-ca-certificates` — or give it to this profile: `delegate profiles set work --ca-file ROOT.pem`.';

describe('advice in the window never shows a CLI command', () => {
  it('a sign-in that is needed again offers the Sign in again button, for the profile the advice names', () => {
    const action = appAction({ code: 'sign-in-required', action: SIGN_IN_AGAIN });
    expect(action.text).toBe('Sign in again on profile emu.');
    expect(action.button).toEqual({ kind: 'sign-in', label: 'Sign in again…', profile: 'emu' });
  });

  it('a profile nobody signed in on offers "Sign in…"; a blocked device code offers the browser', () => {
    expect(appAction({ code: 'signed-out', action: 'Sign in first: `delegate login --profile work`.' }).button?.label).toBe('Sign in…');
    expect(appAction({ code: 'blocked-by-policy', action: 'Sign in with the browser: `delegate login --browser --profile work`.' }).button).toEqual({ kind: 'sign-in', label: 'Sign in with a browser…', profile: 'work' });
  });

  it('a missing permission says where in Settings to add it, with a button to Settings', () => {
    const action = appAction({ code: 'scope-missing', action: SCOPES });
    expect(action.text).toBe("Add Mail.Send to the profile's scopes (Settings → Profiles → Edit… → Scopes) and sign in again: “Sign in again…” on the Overview.");
    expect(action.button).toEqual({ kind: 'settings', label: 'Open Settings' });
  });

  it('a CLI flag becomes the field of the profile editor', () => {
    expect(rewriteCliText(PLAINTEXT)).toContain('readable only by you: Settings → Profiles → Edit… → Token cache.');
  });

  it('a command only a terminal runs stays readable, quoted, without backticks', () => {
    const text = rewriteCliText(CA);
    expect(text).toContain('run “sudo update-ca-certificates”');
    expect(text).toContain('Settings → Profiles → Edit… → Extra CA certificate');
    expect(text).not.toContain('`');
  });

  it('a delegate command the window has no place for says to run it in a terminal', () => {
    expect(rewriteCliText('Run `delegate service status` to see what the service manager says.')).toBe('Run “delegate service status” in a terminal to see what the service manager says.');
  });

  it('advice written without commands reads as the core wrote it', () => {
    const plain = 'Unlock the login keyring (Passwords and Keys), then try again. Scheduled runs wait and start again by themselves.';
    expect(appAction({ code: 'keychain-locked', action: plain })).toEqual({ text: plain });
  });

  it('an unpaired backtick is dropped, not shown', () => {
    expect(rewriteCliText('Check the `jobs file.')).toBe('Check the jobs file.');
  });

  it('no advice at all gives no text', () => {
    expect(appAction({ code: 'unexpected', action: '' }).text).toBe('');
    expect(appAction({ code: 'graph-error' }).text).toBe('');
  });

  it('the profile is read from --profile or from "profiles set NAME", never from a placeholder', () => {
    expect(profileNamedIn(SCOPES)).toBe('work');
    expect(profileNamedIn('Use `delegate profiles set lab --client-id office`.')).toBe('lab');
    expect(profileNamedIn('Name one with `delegate login --profile NAME`.')).toBeUndefined();
    expect(profileNamedIn('Sign in again.')).toBeUndefined();
  });
});
