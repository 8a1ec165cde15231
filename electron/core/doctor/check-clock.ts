/**
 * Clock skew against the sign-in server's HTTP `Date`, fetched through Delegate's own network stack (so the
 * proxy and trust store in use apply) from the tenant's OpenID metadata, which every authority serves.
 */
import { authorityUrl } from '../auth/cloud-endpoints.js';
import { describeSkew, judgeSkew, measureSkew, SKEW_FAIL_MS, SKEW_WARN_MS } from './clock-skew.js';
import type { DoctorContext } from './doctor-context.js';
import type { DoctorFinding } from '../../../shared/models/doctor-report.js';

const REQUEST_TIMEOUT_MS = 8_000;

export async function checkClock(context: DoctorContext): Promise<DoctorFinding> {
  const url = new URL(`${authorityUrl(context.profile)}/v2.0/.well-known/openid-configuration`);
  const title = `Clock compared with ${url.host}`;
  let exchange: { date: string | undefined; sentAt: number; receivedAt: number };
  try {
    const transport = context.factory.create(context.transportOptions);
    try {
      const sentAt = context.clock.now().getTime();
      const response = await transport.send({ method: 'GET', url, headers: { accept: 'application/json' }, timeoutMs: REQUEST_TIMEOUT_MS, timeout: 'deadline' });
      const receivedAt = context.clock.now().getTime();
      response.stream.resume();
      response.stream.on('error', () => undefined);
      exchange = { date: response.headers.date, sentAt, receivedAt };
    } finally {
      transport.close();
    }
  } catch (error) {
    return {
      id: 'clock',
      area: 'clock',
      status: 'warn',
      title,
      detail: `Not checked: the server's time could not be read (${error instanceof Error ? error.message : String(error)}).`,
      action: 'Fix the connection to the sign-in host first (see its lines); then check again.',
    };
  }
  const { date, sentAt, receivedAt } = exchange;
  const skew = measureSkew(date, sentAt, receivedAt);
  if (skew === null) {
    return { id: 'clock', area: 'clock', status: 'warn', title, detail: `Not checked: ${url.host} sent no usable Date header.`, action: "Check this computer's date and time against a reliable clock (time zone included)." };
  }
  const status = judgeSkew(skew);
  const data = { skewSeconds: Math.round(skew / 1000), serverDate: date, warnAboveSeconds: SKEW_WARN_MS / 1000, failAboveSeconds: SKEW_FAIL_MS / 1000 };
  if (status === 'pass') return { id: 'clock', area: 'clock', status, title, detail: `This computer's clock is ${describeSkew(skew)}.`, data };
  return {
    id: 'clock',
    area: 'clock',
    status,
    ...(status === 'fail' ? { code: 'auth-failed' as const } : {}),
    title,
    detail: `This computer's clock is ${describeSkew(skew)}. ${status === 'fail' ? 'Entra ID refuses tokens with this much skew.' : 'More than 5 minutes and Entra ID refuses tokens.'}`,
    action: 'Set the clock automatically from the network (Linux: `timedatectl set-ntp true`; Windows/macOS: "Set time automatically" in the date and time settings), and check the time zone.',
    data,
  };
}
