#!/usr/bin/env bash
# Benchmarks (numbers, not assertions), inside a private D-Bus session with an unlocked gnome-keyring like the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
npm run -s build
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/data" && mkdir -m 700 "$scratch/runtime"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime"
unset DISPLAY DELEGATE_HOME DELEGATE_PROFILE
exec dbus-run-session -- bash -c '
  echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  node_modules/.bin/tsx test/bench/cli-bench.ts
  exec node_modules/.bin/tsx test/bench/broker-bench.ts
'
