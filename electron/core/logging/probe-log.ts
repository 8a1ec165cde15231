/**
 * Probe lines for the log file: which profile, what Entra ID said, and the health that follows from it.
 */
import type { ProbeReport } from '../auth/probe.js';
import type { LogLevel } from './log-entry.js';
import type { Logger } from './log-file.js';

export function logProbe(logger: Logger, report: ProbeReport): void {
  const { health, probe } = report;
  const level: LogLevel = probe.outcome === 'ok' ? 'info' : probe.outcome === 'network-error' ? 'warn' : 'error';
  const days = health.daysRemaining === null ? '' : `, ${health.daysRemaining} day(s) left`;
  const said = probe.outcome === 'ok' ? '' : `: ${probe.message ?? 'no message'}${probe.aadsts !== undefined ? ` [AADSTS${probe.aadsts}]` : ''}`;
  logger[level](`probe ${health.profile}: ${probe.outcome}${said} (health ${health.status}${days})`, {
    event: 'probe',
    profile: health.profile,
    outcome: probe.outcome,
    status: health.status,
    daysRemaining: health.daysRemaining,
    aadsts: probe.aadsts,
  });
}
