"""A desktop notification server for tests: org.freedesktop.Notifications on the current session bus.

Usage: notification-server.py RECORD_FILE [--markup] [--fail N] [--hang N]
Needs Debian's python3-dbus and python3-gi (run with /usr/bin/python3). Implements the methods of the Desktop
Notifications Specification 1.2 that a sender calls (Notify, GetCapabilities, GetServerInformation,
CloseNotification) and appends one JSON line per Notify call to RECORD_FILE: app_name, summary, body exactly as
they arrived, plus what this server did with it (`shown`, `refused`, `hung`).
  --markup   advertise `body-markup` in GetCapabilities, as GNOME Shell, dunst and KDE do (bodies are then markup)
  --fail N   answer the first N Notify calls with a D-Bus error, as a crashing or rejecting server does
  --hang N   never answer the first N Notify calls, as a wedged server does
Prints `ready` once it owns the name, so the caller knows a sender will find it.
"""
import json
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

NAME = 'org.freedesktop.Notifications'
PATH = '/org/freedesktop/Notifications'

record_file = sys.argv[1]
markup = '--markup' in sys.argv
fail_left = int(sys.argv[sys.argv.index('--fail') + 1]) if '--fail' in sys.argv else 0
hang_left = int(sys.argv[sys.argv.index('--hang') + 1]) if '--hang' in sys.argv else 0


def record(entry):
    with open(record_file, 'a', encoding='utf-8') as out:
        out.write(json.dumps(entry, ensure_ascii=False) + '\n')


class Refused(dbus.DBusException):
    _dbus_error_name = 'org.freedesktop.Notifications.Error.Refused'


class Notifications(dbus.service.Object):
    def __init__(self, bus):
        super().__init__(bus, PATH)
        self.next_id = 0

    @dbus.service.method(NAME, in_signature='', out_signature='as')
    def GetCapabilities(self):
        return ['body', 'body-markup'] if markup else ['body']

    @dbus.service.method(NAME, in_signature='', out_signature='ssss')
    def GetServerInformation(self):
        return ('delegate-test-notifications', 'Delegate tests', '1.0', '1.2')

    @dbus.service.method(NAME, in_signature='susssasa{sv}i', out_signature='u', async_callbacks=('reply', 'error'))
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout, reply, error):
        global fail_left, hang_left
        entry = {'app_name': str(app_name), 'summary': str(summary), 'body': str(body), 'replaces_id': int(replaces_id),
                 'actions': [str(action) for action in actions], 'expire_timeout': int(expire_timeout)}
        if hang_left > 0:
            hang_left -= 1
            record({**entry, 'outcome': 'hung'})
            return  # neither reply nor error: the sender waits until its own timeout
        if fail_left > 0:
            fail_left -= 1
            record({**entry, 'outcome': 'refused'})
            error(Refused('Notification refused: the server is shutting down'))
            return
        self.next_id += 1
        record({**entry, 'outcome': 'shown', 'id': self.next_id})
        reply(dbus.UInt32(self.next_id))

    @dbus.service.method(NAME, in_signature='u', out_signature='')
    def CloseNotification(self, notification_id):
        self.NotificationClosed(notification_id, 3)

    @dbus.service.signal(NAME, signature='uu')
    def NotificationClosed(self, notification_id, reason):
        pass


dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
session = dbus.SessionBus()
# do_not_queue: a second server on the bus fails loudly instead of waiting silently behind the first.
owned = dbus.service.BusName(NAME, session, do_not_queue=True)
server = Notifications(session)
print('ready', flush=True)
GLib.MainLoop().run()
