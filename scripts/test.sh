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
dbus-run-session -- bash -c '
  echo -n delegate-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$0" "$@"
' "$results" "$@" || status=$?
# A plain closing line that any CI reads the same way: "N passed, N failed".
if [ -s "$results" ]; then
  node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`+(r.numPendingTests?`, ${r.numPendingTests} skipped`:""))' "$results"
fi
exit $status
