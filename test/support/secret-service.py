"""Locks and unlocks gnome-keyring's login collection through the Secret Service D-Bus API, as a screen lock does.

Usage: secret-service.py lock | unlock PASSWORD | state
Needs Debian's python3-dbus (run with /usr/bin/python3). Unlocking uses gnome-keyring's own interface with a
plain session, the way its unlock prompt does, so no GUI is needed.
"""
import sys
import dbus

COLLECTION = '/org/freedesktop/secrets/collection/login'
bus = dbus.SessionBus()
service = bus.get_object('org.freedesktop.secrets', '/org/freedesktop/secrets')
secret = dbus.Interface(service, 'org.freedesktop.Secret.Service')

if sys.argv[1] == 'lock':
    locked, _prompt = secret.Lock([COLLECTION])
    print('locked' if COLLECTION in [str(path) for path in locked] else 'not locked')
elif sys.argv[1] == 'unlock':
    _output, session = secret.OpenSession('plain', dbus.String('', variant_level=1))
    guilty = dbus.Interface(service, 'org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface')
    guilty.UnlockWithMasterPassword(COLLECTION, dbus.Struct((session, dbus.ByteArray(b''), dbus.ByteArray(sys.argv[2].encode()), 'text/plain')))
    print('unlocked')
elif sys.argv[1] == 'state':
    collection = bus.get_object('org.freedesktop.secrets', COLLECTION)
    print('locked' if dbus.Interface(collection, 'org.freedesktop.DBus.Properties').Get('org.freedesktop.Secret.Collection', 'Locked') else 'unlocked')
else:
    sys.exit('usage: secret-service.py lock | unlock PASSWORD | state')
