#!/usr/bin/env bash
# The job engine's benchmarks (numbers, not assertions): 10,000 jobs' schedules, 1,000,000 history runs,
# a 1 GiB download and upload through the emulator beside curl, and the idle daemon's CPU over 60 s.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
npm run -s build
echo "== scheduler" && node --expose-gc --import tsx test/bench/scheduler-bench.ts
echo "== history" && node --import tsx test/bench/history-bench.ts
echo "== transfer" && node --expose-gc --import tsx test/bench/transfer-bench.ts
echo "== idle daemon" && node --import tsx test/bench/daemon-idle-bench.ts "${IDLE_SECONDS:-60}"
