/**
 * Which proxy each endpoint's requests go through, as the process's network stack decides it (the node stack
 * from HTTPS_PROXY/NO_PROXY and config.json, Chromium's from the system settings and PAC), and why.
 */
import { DelegateError } from '../errors/delegate-error.js';
import { redactProxy } from './proxy-credentials.js';
import type { DoctorContext } from './doctor-context.js';
import type { DoctorEndpoint } from './doctor-endpoints.js';
import type { DoctorFinding } from '../../../shared/models/doctor-report.js';
import type { ProxyDecision } from '../net/proxy-decision.js';

export interface ProxyOutcome {
  endpoint: DoctorEndpoint;
  decision: ProxyDecision | null;
  finding: DoctorFinding;
}

export async function checkProxy(context: DoctorContext, endpoint: DoctorEndpoint): Promise<ProxyOutcome> {
  const title = `Proxy for ${endpoint.label}`;
  const id = `proxy:${endpoint.id}`;
  try {
    const found = await context.factory.describeProxy(endpoint.url, context.transportOptions);
    // Redacted again here: whatever a stack reports, a password never reaches a finding.
    const decision: ProxyDecision = { ...found, proxy: found.proxy === null ? null : redactProxy(found.proxy) };
    return { endpoint, decision, finding: { id, area: 'proxy', status: 'pass', title, detail: describeDecision(endpoint, decision, context.factory.name), data: { ...decision } } };
  } catch (error) {
    const problem = error instanceof DelegateError ? error : null;
    return {
      endpoint,
      decision: null,
      finding: {
        id,
        area: 'proxy',
        status: 'fail',
        code: problem?.code ?? 'invalid-config',
        title,
        detail: `Delegate cannot tell which proxy ${endpoint.url.host} goes through: ${error instanceof Error ? error.message : String(error)}`,
        action: problem?.action ?? 'Check HTTPS_PROXY / HTTP_PROXY / NO_PROXY and the proxy setting in config.json: each must be a URL such as http://proxy.example.com:8080.',
      },
    };
  }
}

function describeDecision(endpoint: DoctorEndpoint, decision: ProxyDecision, stack: string): string {
  const rule = decision.rule ? `, ${decision.rule}` : '';
  const sample = endpoint.connect ? '' : ' (names vary per file; this one stands for them all, nothing is connected)';
  const where = `${endpoint.url.host}${sample}`;
  if (decision.proxy === null) {
    return `${where} goes direct, no proxy (${decision.source === 'none' ? 'no proxy setting applies' : `${decision.source}${rule}`}; ${stack} network stack).`;
  }
  return `${where} goes through the proxy ${decision.proxy} (from ${decision.source}${rule}; ${stack} network stack).`;
}
