#!/usr/bin/env bash
# `npm run stress`: the resilience suites at full size (10,000 Slack requests with retries,
# 1,000 Teams submissions delivered 3 times, the fault suite with the production lease).
# The same checks as `npm test`, only bigger; expect 20 to 30 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/phases.sh
trap 'print_phase_times "npm run stress"' EXIT

phase build npm run --silent build
phase stress env WAYMARK_STRESS=1 node --experimental-vm-modules node_modules/jest/bin/jest.js test/resilience "$@"
