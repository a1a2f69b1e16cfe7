#!/usr/bin/env bash
# Second command of the README: install what is missing, build everything, run every test.
# CI (.ci/run) calls exactly this. Uses the `ci` preset: warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci "$@"
