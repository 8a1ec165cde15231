#!/usr/bin/env bash
# Every check: lint, typecheck, build, then the whole test suite inside a private D-Bus session with an unlocked
# gnome-keyring — a real Secret Service — and a throwaway HOME, so no keyring or config lands in the real home.
# Extra arguments go to vitest (e.g. `npm test -- test/core`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "test: $tool is missing; run scripts/setup.sh first" >&2; exit 1; }
done

# DELEGATE_TEST_QUICK=1 skips lint and typecheck (for a focused run while working: `DELEGATE_TEST_QUICK=1 npm test -- test/cli`).
if [ -z "${DELEGATE_TEST_QUICK:-}" ]; then
  echo "== lint" && npx --no-install eslint .
  echo "== typecheck" && npm run -s typecheck
fi
echo "== build" && npm run -s build

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/data" "$scratch/config"
mkdir -m 700 "$scratch/runtime"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_RUNTIME_DIR="$scratch/runtime"
unset DISPLAY WAYLAND_DISPLAY DELEGATE_HOME DELEGATE_PROFILE

echo "== tests (real Secret Service: gnome-keyring in a private D-Bus session)"
results="$scratch/vitest.json"
status=0
# The keyring daemon of this session must stay unlocked for the whole run. If it dies (once, in a CI run, it did,
# cause not found), D-Bus starts a new one with the login keyring LOCKED and every later keychain test fails for a
# reason that has nothing to do with it. A watchdog notices a locked login keyring, says so loudly, and starts the
# daemon again unlocked (same keyring file, same password), so one lost daemon costs the tests running at that
# moment, not the rest of the run. Tests that lock a keyring on purpose use their own (test/support/private-keyring.ts).
dbus-run-session -- bash -c '
  echo -n delegate-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  login_locked() {
    dbus-send --session --print-reply --reply-timeout=5000 --dest=org.freedesktop.secrets /org/freedesktop/secrets/collection/login \
      org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null | grep -q "boolean true"
  }
  (
    while sleep 2; do
      if login_locked; then
        echo "!! test keyring: the login keyring is locked (its daemon died or was replaced) at $(date +%T); starting it again, unlocked" >&2
        echo "$(date +%T)" >> "$1.keyring-restarts"
        echo -n delegate-test | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null 2>&1
      fi
    done
  ) &
  watchdog=$!
  node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$0" "${@:2}"
  code=$?
  kill $watchdog 2>/dev/null
  exit $code
' "$results" "$results" "$@" || status=$?
if [ -s "$results.keyring-restarts" ]; then
  echo "!! the test keyring daemon had to be restarted $(wc -l < "$results.keyring-restarts") time(s), at: $(tr '\n' ' ' < "$results.keyring-restarts")" >&2
fi
# A plain closing line that any CI reads the same way: "N passed, N failed".
if [ -s "$results" ]; then
  node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`+(r.numPendingTests?`, ${r.numPendingTests} skipped`:""))' "$results"
fi
exit $status
