/**
 * Who is signed in on the profile and by which flow. Device code sessions are protocol-tracked by Conditional
 * Access: a tenant that blocks the device code flow later refuses their refreshes too (AADSTS530036), so a
 * session started that way is a warning with the browser sign-in as the way out.
 */
import { readMetadata } from '../auth/profile-metadata.js';
import type { DoctorContext } from './doctor-context.js';
import type { DoctorFinding } from '../../../shared/models/doctor-report.js';

export function checkSignIn(context: DoctorContext): DoctorFinding {
  const { metadata, problem } = readMetadata(context.paths);
  const name = context.profile.name;
  const title = 'Sign-in flow last used';
  if (!metadata.account) {
    return {
      id: 'sign-in',
      area: 'sign-in',
      status: 'fail',
      code: 'signed-out',
      title,
      detail: problem ?? `Nobody is signed in on profile "${name}".`,
      action: `Sign in: \`delegate login --profile ${name}\` (or \`--browser\` where device code sign-in is blocked).`,
    };
  }
  const who = metadata.account.username;
  const since = metadata.lastInteractiveAuth ? ` on ${metadata.lastInteractiveAuth.slice(0, 10)}` : '';
  const data = { flow: metadata.signInFlow, username: who, lastInteractiveAuth: metadata.lastInteractiveAuth };
  if (metadata.signInFlow === 'device-code') {
    return {
      id: 'sign-in',
      area: 'sign-in',
      status: 'warn',
      title,
      detail: `${who} signed in with a device code${since}. Conditional Access tracks such sessions: where your organisation blocks device code sign-in, their refreshes are refused too (AADSTS530036).`,
      action: `Prefer the browser sign-in: \`delegate login --profile ${name} --browser\` (in the app: Sign in with browser).`,
      data,
    };
  }
  if (metadata.signInFlow === 'browser') {
    return { id: 'sign-in', area: 'sign-in', status: 'pass', title, detail: `${who} signed in with the browser${since}.`, data };
  }
  return { id: 'sign-in', area: 'sign-in', status: 'pass', title, detail: `${who} is signed in${since} (the flow was not recorded: an older Delegate signed in).`, data };
}
