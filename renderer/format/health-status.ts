/**
 * How a profile's health reads: a short title and the tray's colour.
 */
import type { HealthStatus, ProbeOutcome } from '../../shared/models/health.js';
import type { Tone } from './tone.js';

const TITLES: Record<HealthStatus, string> = {
  ok: 'Signed in',
  warning: 'Sign-in expires soon',
  expired: 'Sign-in required',
  'signed-out': 'Signed out',
  unknown: 'Status not known yet',
  blocked: 'Blocked by your organisation',
  'keychain-locked': 'Keychain locked',
};

const TONES: Record<HealthStatus, Tone> = {
  ok: 'ok',
  warning: 'warning',
  expired: 'danger',
  blocked: 'danger',
  'signed-out': 'neutral',
  unknown: 'neutral',
  'keychain-locked': 'warning',
};

const PROBE_OUTCOMES: Record<ProbeOutcome, string> = {
  ok: 'Refreshed',
  'sign-in-required': 'Sign-in required',
  blocked: 'Blocked',
  'network-error': 'Could not reach Microsoft',
  error: 'Failed',
};

export function healthTitle(status: HealthStatus): string {
  return TITLES[status];
}

export function healthTone(status: HealthStatus): Tone {
  return TONES[status];
}

export function probeOutcomeLabel(outcome: ProbeOutcome): string {
  return PROBE_OUTCOMES[outcome];
}

export function probeOutcomeTone(outcome: ProbeOutcome): Tone {
  if (outcome === 'ok') return 'ok';
  if (outcome === 'sign-in-required' || outcome === 'blocked') return 'danger';
  return 'warning';
}
