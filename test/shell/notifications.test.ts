import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotifier } from '../../electron/shell/notifications.js';
import type { DesktopNotification } from '../../electron/core/notifications/desktop-notification.js';
import * as fake from './support/fake-electron.js';

vi.mock('electron', () => import('./support/fake-electron.js'));

const expired: DesktopNotification = { id: 'expired:work', kind: 'sign-in-required', title: 'work: sign in again', body: 'The refresh token expired.', target: { view: 'reauth' }, profile: 'work' };
const failed: DesktopNotification = { id: 'runs-failed:7', kind: 'runs-failed', title: 'nightly-etl failed at 02:00', body: 'Graph answered 403.', target: { view: 'history', runId: 7, jobId: 'nightly-etl' } };

describe('desktop notifications', () => {
  beforeEach(() => fake.resetFakeElectron());

  it('show the policy\'s title and body, urgent when a sign-in is needed', () => {
    const notify = createNotifier({ onClick: vi.fn(), iconPath: '/bundle/icon.png' });
    notify(expired);
    notify(failed);
    expect(fake.Notification.instances.map((notification) => [notification.options, notification.shown])).toEqual([
      [{ title: 'work: sign in again', body: 'The refresh token expired.', urgency: 'critical', icon: '/bundle/icon.png' }, true],
      [{ title: 'nightly-etl failed at 02:00', body: 'Graph answered 403.', urgency: 'normal', icon: '/bundle/icon.png' }, true],
    ]);
  });

  it('hand the notification back on a click, so the window opens where the fix is', () => {
    const onClick = vi.fn();
    createNotifier({ onClick })(failed);
    fake.Notification.instances[0]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith(failed);
  });

  it('are skipped where the desktop has no notifications', () => {
    fake.Notification.supported = false;
    createNotifier({ onClick: vi.fn() })(failed);
    expect(fake.Notification.instances).toEqual([]);
  });
});
