#!/usr/bin/env bash
# Second command of the README: install what is missing, build everything, run every test.
# CI (.ci/run) calls exactly this. Stages, each announced with "== test.sh: <stage>" and
# timed in the summary at the end:
#   ci build      `ci` preset: RelWithDebInfo, warnings are errors
#   ci tests      every CTest entry
#   lint          scripts/lint.sh: clang-format and clang-tidy
#   fuzz          scripts/fuzz.sh: each libFuzzer target 20 s from its seed corpus (clang)
#   asan build    `asan` preset: AddressSanitizer + UndefinedBehaviorSanitizer (no benchmarks)
#   asan tests    every CTest entry again
#   thread build  `thread` preset: ThreadSanitizer, tests/tsan.supp (no benchmarks)
#   thread tests  every CTest entry again
# A failed stage does not stop the ones after it (a failed build skips its own tests); the
# exit status is non-zero when any stage failed. Arguments go to every ctest run
# (e.g. scripts/test.sh -L line, or -R LineChannel).
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test || exit 1

log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
stages=()    # "name|seconds|result"
failed=0
passed_tests=0
failed_tests=0

# stage NAME COMMAND...: runs COMMAND, records its time and result; returns its status.
stage() {
  local name=$1
  shift
  echo "== test.sh: $name"
  local start=$EPOCHREALTIME
  "$@"
  local rc=$?
  local seconds
  seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  if ((rc == 0)); then
    stages+=("$name|$seconds|ok")
  else
    stages+=("$name|$seconds|FAILED (exit $rc)")
    failed=1
  fi
  echo "== test.sh: $name: $( ((rc == 0)) && echo ok || echo "FAILED (exit $rc)") in ${seconds} s"
  return "$rc"
}

skip() {
  stages+=("$1|-|skipped: $2")
  echo "== test.sh: $1: skipped ($2)"
}

# build PRESET [cmake -D options...]
build() {
  local preset=$1
  shift
  cmake --preset "$preset" "$@" >/dev/null && cmake --build --preset "$preset"
}

# run_tests PRESET [ctest arguments...]: ctest, counting what its closing line reports.
run_tests() {
  local preset=$1
  shift
  local out="$log_dir/ctest-$preset.log"
  ctest --preset "$preset" "$@" 2>&1 | tee "$out"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$out" | tail -n 1)
  if [[ $line =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
    failed_tests=$((failed_tests + BASH_REMATCH[1]))
    passed_tests=$((passed_tests + BASH_REMATCH[2] - BASH_REMATCH[1]))
  fi
  return "$rc"
}

if stage "ci build" build ci; then
  stage "ci tests" run_tests ci "$@"
  stage "lint" scripts/lint.sh
else
  skip "ci tests" "the ci build failed"
  skip "lint" "clang-tidy needs the ci build"
fi

stage "fuzz" scripts/fuzz.sh 20

for preset in asan thread; do
  if stage "$preset build" build "$preset" -DSHIRUBE_BUILD_BENCH=OFF; then
    stage "$preset tests" run_tests "$preset" "$@"
  else
    skip "$preset tests" "the $preset build failed"
  fi
done

echo
echo "== test.sh: summary"
for s in "${stages[@]}"; do
  IFS='|' read -r name seconds result <<<"$s"
  printf '  %-13s %8s s  %s\n' "$name" "$seconds" "$result"
done
# Test cases over the three ctest runs (ci, asan, thread), as their closing lines said.
echo "tests: $passed_tests passed, $failed_tests failed"
exit "$failed"
