#!/usr/bin/env bash
# `npm test`: type check, lint, build, then every Jest suite, printing the time each took.
# Arguments go to Jest (e.g. `npm test -- test/rules`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/phases.sh
trap 'print_phase_times "npm test"' EXIT

phase typecheck npm run --silent typecheck
phase lint npm run --silent lint
phase build npm run --silent build
phase jest node --experimental-vm-modules node_modules/jest/bin/jest.js "$@"
