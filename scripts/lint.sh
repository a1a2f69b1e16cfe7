#!/usr/bin/env bash
# Style and static checks; exits non-zero on any finding. scripts/test.sh runs it after the
# ci build (clang-tidy reads build/ci/compile_commands.json).
#   format: clang-format --dry-run -Werror over every .cpp/.h of the source folders
#           (.clang-format); fix with the clang-format -i command it prints.
#   tidy:   clang-tidy (.clang-tidy) over the non-test sources of build/ci.
# Usage: scripts/lint.sh [format|tidy]   (both when no argument)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
what=${1:-all}
case "$what" in
  all|format|tidy) ;;
  *) echo "usage: scripts/lint.sh [format|tidy]" >&2; exit 2 ;;
esac

folders=()
for d in common bot intents knowledge webhooks tests bench app; do
  if [[ -d $d ]]; then folders+=("$d"); fi
done
tidy_folders=()  # the same without tests/
for d in "${folders[@]}"; do
  if [[ $d != tests ]]; then tidy_folders+=("$d"); fi
done

status=0

if [[ $what == all || $what == format ]]; then
  mapfile -t files < <(find "${folders[@]}" -type f \( -name '*.cpp' -o -name '*.h' \) | sort)
  echo "lint: clang-format on ${#files[@]} files in ${folders[*]}"
  unformatted=()
  for f in "${files[@]}"; do
    if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then unformatted+=("$f"); fi
  done
  if ((${#unformatted[@]} > 0)); then
    status=1
    echo "lint: ${#unformatted[@]} file(s) differ from .clang-format:"
    printf '  %s\n' "${unformatted[@]}"
    # The first differences in full, as clang-format reports them.
    clang-format --dry-run -Werror "${unformatted[@]:0:3}" 2>&1 | head -n 40 || true
    echo "lint: to fix: clang-format -i ${unformatted[*]}"
  fi
fi

if [[ $what == all || $what == tidy ]]; then
  db=build/ci/compile_commands.json
  if [[ ! -f $db ]]; then
    echo "lint: $db missing: run cmake --preset ci first" >&2
    exit 2
  fi
  # Paths in the compile database are absolute; escape the root for the regexes.
  root_re=$(printf '%s' "$root" | sed 's/[][\.*^$+?(){}|/]/\\&/g')
  dirs_re=$(IFS='|'; echo "${tidy_folders[*]}")
  echo "lint: clang-tidy on the sources of build/ci in ${tidy_folders[*]}"
  # -extra-arg: GCC-only warning flags of the ci preset (-Wduplicated-cond, -Wlogical-op)
  # are unknown to clang. The regex on paths also leaves out build/ci/generated/.
  out=$(mktemp)
  tidy_status=0
  if ! run-clang-tidy -p build/ci -j 2 -quiet \
         -header-filter="^$root_re/($dirs_re)/" \
         -extra-arg=-Wno-unknown-warning-option \
         "^$root_re/($dirs_re)/" >"$out" 2>&1; then
    tidy_status=1
    status=1
  fi
  # Keep the findings (and errors); drop the per-file command lines and clang's counts.
  sed 's/\x1b\[[0-9;]*m//g' "$out" |
    grep -v -e '^clang-tidy-[0-9]* ' -e '^[0-9]* warnings\? generated\.$' \
            -e '^[0-9]* warnings\? and [0-9]* errors\? generated\.$' \
            -e '^Suppressed [0-9]* warnings' -e '^Use -header-filter' || true
  rm -f "$out"
  if ((tidy_status != 0)); then echo "lint: clang-tidy found problems"; fi
fi

if ((status == 0)); then echo "lint: ok"; fi
exit "$status"
