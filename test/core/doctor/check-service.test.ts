/**
 * doctor's service line: not installed is fine (the app or `delegate daemon` runs jobs), installed but not running
 * is a warning with what to do, and so is a service file that no longer matches this Delegate.
 */
import { describe, expect, it } from 'vitest';
import { checkService, serviceUnanswered } from '../../../electron/core/doctor/check-service.js';
import { DeadlineExceeded } from '../../../electron/core/doctor/with-deadline.js';
import { describeService } from '../../../electron/core/service/service-description.js';
import { renderSystemdUnit } from '../../../electron/core/service/systemd-unit.js';
import { fakeHost } from '../../support/service-fakes.js';

const HOME = '/home/ann lee/.config/Delegate';
const UNIT = '/home/ann lee/.config/systemd/user/delegate.service';
const describe_ = (home: string) => describeService({ home, env: {}, userHome: '/home/ann lee', program: { program: '/usr/bin/node', args: ['/opt/delegate/bin/delegate.cjs'], how: 'x' }, platform: 'linux' });

function host(active: string | undefined, unitText?: string) {
  const machine = fakeHost('linux');
  machine.recorder.answer('systemctl --version', { stdout: 'systemd 252 (252.39)\n' });
  machine.recorder.answer('systemctl --user is-system-running', { stdout: 'running\n' });
  machine.recorder.answer('loginctl', { stdout: 'Linger=no\n' });
  machine.recorder.answer(
    'systemctl --user show',
    active === undefined
      ? { stdout: 'LoadState=not-found\nActiveState=inactive\nSubState=dead\n' }
      : { stdout: `LoadState=loaded\nActiveState=${active}\nSubState=${active === 'activating' ? 'auto-restart' : 'running'}\nResult=exit-code\nMainPID=77\nNRestarts=3\nExecMainStatus=1\nUnitFileState=enabled\n` },
  );
  if (unitText !== undefined) machine.memory.write(UNIT, unitText, 0o644);
  return machine;
}

describe("doctor's service check", () => {
  it('passes when no service is installed, saying the app or `delegate daemon` runs the jobs', async () => {
    const finding = await checkService({ home: HOME }, { host: host(undefined), describe: describe_ });
    expect(finding).toMatchObject({ id: 'service', area: 'service', status: 'pass' });
    expect(finding.detail).toContain('the app or `delegate daemon` runs the jobs');
  });

  it('passes when it runs the very file install would write now', async () => {
    const finding = await checkService({ home: HOME }, { host: host('active', renderSystemdUnit(describe_(HOME), 252)), describe: describe_ });
    expect(finding).toMatchObject({ status: 'pass', detail: 'Running (process 77).' });
  });

  it('warns with what to do when it is installed but keeps failing', async () => {
    const finding = await checkService({ home: HOME }, { host: host('activating', renderSystemdUnit(describe_(HOME), 252)), describe: describe_ });
    expect(finding.status).toBe('warn');
    expect(finding.detail).toContain('restarting');
    expect(finding.action).toContain('journalctl --user -u delegate');
  });

  it('warns when the running service was installed for another home, or by a Delegate or Node that moved', async () => {
    const other = await checkService({ home: HOME }, { host: host('active', renderSystemdUnit(describe_('/srv/other home'), 252)), describe: describe_ });
    expect(other.status).toBe('warn');
    expect(other.detail).toContain(`another Delegate home, not ${HOME}`);
    const moved = renderSystemdUnit(describe_(HOME), 252).replace('/usr/bin/node', '/opt/old-node/bin/node');
    const stale = await checkService({ home: HOME }, { host: host('active', moved), describe: describe_ });
    expect(stale.status).toBe('warn');
    expect(stale.action).toContain('delegate service install');
  });

  it('makes no claim about the file where this process cannot tell what install would write (the app without its launcher)', async () => {
    const finding = await checkService({ home: HOME }, { host: host('active', 'anything'), describe: () => { throw new Error('no launcher'); } });
    expect(finding.status).toBe('pass');
  });

  it('turns a service manager that does not answer into a warning, never a failure', () => {
    const finding = serviceUnanswered(new DeadlineExceeded(10_000));
    expect(finding).toMatchObject({ id: 'service', status: 'warn' });
    expect(finding.detail).toContain('did not answer in time');
  });
});
