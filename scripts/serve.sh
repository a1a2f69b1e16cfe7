#!/usr/bin/env bash
# First command of the README: install what is missing, build, and start the server on
# 127.0.0.1:8080 with the embedded default database (built from the bundled data on first
# start). Extra arguments go to `shirube serve` (e.g. --port 9000, --db /var/lib/shirube.db).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target shirube
mkdir -p var
exec build/release/shirube serve --db var/shirube.db "$@"
