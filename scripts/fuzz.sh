#!/usr/bin/env bash
# Builds the libFuzzer targets (`fuzz` preset: clang, coverage, ASan + UBSan) and runs each for
# SECONDS (default 20) from its seed corpus, tests/fuzz/corpus/<target>/. New inputs go to a
# temporary directory (the committed corpus is only read); a crash, leak or timeout is saved
# as build/fuzz/crashes/<target>-<kind>-<sha1> and makes the exit status 1 (turn it into a
# seed and a test: README.md, "Fuzzing").
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   targets: webhook chat_request normalize tsv
#        hsds hours (default: all)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(webhook chat_request normalize tsv hsds hours)
fi
cmake --preset fuzz >/dev/null && cmake --build --preset fuzz || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p build/fuzz/crashes
failed=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  if build/fuzz/fuzz/fuzz_"$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="build/fuzz/crashes/$t-" \
      "$work/$t" "tests/fuzz/corpus/$t" >"$work/$t.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
    cov=$(grep -oE 'cov: [0-9]+' "$work/$t.log" | tail -n 1)
    echo "fuzz $t: ok, ${runs:-?} runs in ${seconds} s, ${cov:-cov: ?}"
  else
    failed=1
    echo "fuzz $t: FAILED"
    grep -E 'ERROR|SUMMARY|Test unit written|artifact' "$work/$t.log" | head -n 20
  fi
done
exit "$failed"
